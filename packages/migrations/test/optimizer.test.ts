import type { FieldSpec } from '@manouche/contracts';
import { describe, expect, it } from 'vitest';
import { ops, optimizeOperations, type Operation } from '../src/index.js';

const id: FieldSpec = { type: 'bigAuto', primaryKey: true };
const title: FieldSpec = { type: 'char', maxLength: 100 };
const post = () => ops.createModel({ name: 'Post', table: 'blog_post', fields: { id, title } });
/** Operations as `kind(args)` JSON, to compare whole lists. */
const shape = (operations: Operation[]) => operations.map((op) => ({ [op.kind]: op.args }));

describe('the optimizer', () => {
  it('folds AddField into the CreateModel of its model, in field order', () => {
    const result = optimizeOperations(
      [post(), ops.addField({ model: 'Post', name: 'slug', field: { type: 'slug', maxLength: 50, default: 'x' }, preserveDefault: false })],
      'blog',
    );
    expect(shape(result)).toEqual([{ createModel: { name: 'Post', table: 'blog_post', fields: { id, title, slug: { type: 'slug', maxLength: 50 } } } }]);
  });

  it('folds AlterField and RemoveField into the CreateModel, and RenameField keeps the place of the field', () => {
    const result = optimizeOperations(
      [
        ops.createModel({
          name: 'Post',
          table: 'blog_post',
          fields: { id, title, body: { type: 'text' } },
          options: { ordering: ['-title'], uniqueTogether: [['title', 'body']] },
        }),
        ops.alterField({ model: 'Post', name: 'title', field: { type: 'char', maxLength: 250 } }),
        ops.removeField({ model: 'Post', name: 'body' }),
        ops.renameField({ model: 'Post', oldName: 'title', newName: 'headline' }),
      ],
      'blog',
    );
    expect(shape(result)).toEqual([
      { createModel: { name: 'Post', table: 'blog_post', fields: { id, headline: { type: 'char', maxLength: 250 } }, options: { ordering: ['-headline'] } } },
    ]);
  });

  it('cancels CreateModel then DeleteModel, and AddField then RemoveField', () => {
    expect(optimizeOperations([post(), ops.deleteModel({ name: 'Post' })], 'blog')).toEqual([]);
    expect(
      optimizeOperations([ops.addField({ model: 'Post', name: 'slug', field: { type: 'slug' } }), ops.removeField({ model: 'Post', name: 'slug' })], 'blog'),
    ).toEqual([]);
  });

  it('keeps the last of AddField/AlterField and AlterField/AlterField or RemoveField', () => {
    const added = optimizeOperations(
      [
        ops.addField({ model: 'Post', name: 'slug', field: { type: 'slug' } }),
        ops.alterField({ model: 'Post', name: 'slug', field: { type: 'slug', unique: true } }),
      ],
      'blog',
    );
    expect(shape(added)).toEqual([{ addField: { model: 'Post', name: 'slug', field: { type: 'slug', unique: true } } }]);
    const altered = optimizeOperations(
      [
        ops.alterField({ model: 'Post', name: 'slug', field: { type: 'slug' } }),
        ops.alterField({ model: 'Post', name: 'slug', field: { type: 'text' } }),
        ops.removeField({ model: 'Post', name: 'slug' }),
      ],
      'blog',
    );
    expect(shape(altered)).toEqual([{ removeField: { model: 'Post', name: 'slug' } }]);
  });

  it('moves an operation across others only when they touch a different model', () => {
    const tag = ops.createModel({ name: 'Tag', table: 'blog_tag', fields: { id } });
    const result = optimizeOperations([post(), tag, ops.addField({ model: 'Post', name: 'slug', field: { type: 'slug' } })], 'blog');
    expect(result.map((op) => op.describe())).toEqual(['Create model Tag', 'Create model Post']);
    expect(Object.keys((result[1].args as { fields: object }).fields)).toEqual(['id', 'title', 'slug']);

    // A model whose field points at Post must stay after Post; Post cannot be folded across it.
    const comment = ops.createModel({
      name: 'Comment',
      table: 'blog_comment',
      fields: { id, post: { type: 'foreignKey', to: 'blog.Post', onDelete: 'CASCADE' } },
    });
    const blocked = optimizeOperations([post(), comment, ops.deleteModel({ name: 'Post' })], 'blog');
    expect(blocked.map((op) => op.describe())).toEqual(['Create model Post', 'Create model Comment', 'Delete model Post']);
  });

  it('never moves anything across raw SQL or code, and leaves a field an index names', () => {
    const sql = ops.runSql({ sql: 'UPDATE blog_post SET title = upper(title)', reverseSql: [] });
    expect(optimizeOperations([post(), sql, ops.addField({ model: 'Post', name: 'slug', field: { type: 'slug' } })], 'blog')).toHaveLength(3);
    const indexed = ops.createModel({
      name: 'Post',
      table: 'blog_post',
      fields: { id, title },
      options: { indexes: [{ name: 'blog_post_title_idx', fields: ['title'] }] },
    });
    expect(optimizeOperations([indexed, ops.removeField({ model: 'Post', name: 'title' })], 'blog')).toHaveLength(2);
  });
});

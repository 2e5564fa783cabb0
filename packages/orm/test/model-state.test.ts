import { ops, writeMigrationSource } from '@manouche/migrations';
import { describe, expect, it } from 'vitest';
import { configureOrm, fields, getModel, Model, ModelError, modelStates, registerModels } from '../src/index.js';
import { Post } from './models-fixture.js';
import './support.js';

describe('ModelState data for migrations', () => {
  it('describes a model with its table, automatic key, fields and options', () => {
    const post = modelStates('library').find((state) => state.name === 'Post')!;
    expect(post.table).toBe('library_post');
    expect(post.app).toBe('library');
    expect(Object.keys(post.fields)).toEqual([
      'id',
      'title',
      'slug',
      'body',
      'author',
      'editor',
      'status',
      'views',
      'rating',
      'publish',
      'created',
      'updated',
      'tags',
    ]);
    expect(post.fields.id).toEqual({ type: 'bigAuto', primaryKey: true, verboseName: 'ID' });
    expect(post.fields.title).toEqual({ type: 'char', maxLength: 250 });
    expect(post.fields.slug).toEqual({ type: 'slug', maxLength: 250, unique: true, dbIndex: true });
    expect(post.fields.author).toEqual({ type: 'foreignKey', to: 'library.Author', onDelete: 'CASCADE', relatedName: 'posts' });
    expect(post.fields.editor).toMatchObject({ type: 'foreignKey', null: true, blank: true, onDelete: 'SET_NULL' });
    expect(post.fields.status).toEqual({
      type: 'char',
      maxLength: 10,
      default: 'draft',
      choices: [
        ['draft', 'Draft'],
        ['published', 'Published'],
      ],
    });
    expect(post.fields.publish).toEqual({ type: 'dateTime', hasCallableDefault: true });
    expect(post.fields.created).toEqual({ type: 'dateTime', autoNowAdd: true });
    expect(post.fields.rating).toEqual({ type: 'decimal', maxDigits: 5, decimalPlaces: 2, null: true });
    expect(post.fields.tags).toEqual({
      type: 'manyToMany',
      to: 'library.Tag',
      relatedName: 'posts',
      joinTable: { table: 'library_post_tags', sourceColumn: 'post_id', targetColumn: 'tag_id' },
    });
    expect(post.options).toEqual({ ordering: ['-publish'] });
  });

  it('carries dbCollation into the ModelState, so makemigrations writes it into the migration', () => {
    class Word extends Model.define(
      { text: fields.char({ maxLength: 40, dbCollation: 'C' }), note: fields.text({ dbCollation: 'C' }) },
      { appLabel: 'collated' },
    ) {}
    registerModels('collated', { Word });
    const [state] = modelStates('collated');
    expect(state.fields.text).toEqual({ type: 'char', maxLength: 40, dbCollation: 'C' });
    expect(state.fields.note).toEqual({ type: 'text', dbCollation: 'C' });
    const source = writeMigrationSource({
      dependencies: [],
      operations: [ops.createModel({ name: state.name, table: state.table, fields: state.fields, options: state.options })],
    });
    expect(source).toContain("text: { type: 'char', maxLength: 40, dbCollation: 'C' }");
  });

  it('describes custom primary keys, db columns, through models and unique-together', () => {
    const states = modelStates('library');
    const sample = states.find((s) => s.name === 'Sample')!;
    expect(sample.fields.code).toEqual({ type: 'uuid', primaryKey: true, hasCallableDefault: true });
    expect(sample.fields.id).toBeUndefined();
    expect(sample.fields.legacy.column).toBe('legacy_name');
    const club = states.find((s) => s.name === 'Club')!;
    expect(club.fields.members).toEqual({ type: 'manyToMany', to: 'library.Author', relatedName: 'clubs', through: 'library.Membership' });
    expect(states.find((s) => s.name === 'Membership')!.options.uniqueTogether).toEqual([['club', 'author']]);
    expect(states.find((s) => s.name === 'Profile')!.fields.author).toEqual({
      type: 'oneToOne',
      to: 'library.Author',
      onDelete: 'CASCADE',
      relatedName: 'profile',
    });
    expect(states.find((s) => s.name === 'Category')!.fields.parent.to).toBe('library.Category');
  });

  it('gives registered models the app label and the app or project DEFAULT_AUTO_FIELD', () => {
    class Note extends Model.define({ text: fields.text() }) {}
    class Memo extends Model.define({ text: fields.text() }) {}
    registerModels('notes', { Note, unrelated: 42 }, { defaultAutoField: 'auto' });
    configureOrm({ defaultAutoField: 'smallAuto' });
    registerModels('memos', { Memo });
    try {
      expect(modelStates('notes')).toEqual([
        {
          app: 'notes',
          name: 'Note',
          table: 'notes_note',
          fields: { id: { type: 'auto', primaryKey: true, verboseName: 'ID' }, text: { type: 'text' } },
          options: {},
        },
      ]);
      expect(modelStates('memos')[0].fields.id.type).toBe('smallAuto');
      expect(getModel('notes.note')).toBe(Note);
      expect(() => getModel('notes.Nope')).toThrow(/No model "notes.Nope" is registered; registered models: .*notes.Note/);
    } finally {
      configureOrm({ defaultAutoField: 'bigAuto' });
    }
  });

  it('reads meta options declared as static meta in the class body', () => {
    class Entry extends Model.define({ headline: fields.char({ maxLength: 100 }) }) {
      static meta = { appLabel: 'journal', dbTable: 'journal_entries', ordering: ['-headline'], verboseName: 'journal entry' };
    }
    registerModels('journal', { Entry });
    expect(modelStates('journal')[0]).toMatchObject({
      app: 'journal',
      name: 'Entry',
      table: 'journal_entries',
      options: { ordering: ['-headline'], verboseName: 'journal entry' },
    });
    expect(Entry._meta.verboseNamePlural).toBe('journal entrys');
  });

  it('explains models without an app label and field definition mistakes', () => {
    class Orphan extends Model.define({ text: fields.text() }) {}
    expect(() => Orphan._meta).toThrow(ModelError);
    expect(() => Orphan._meta).toThrow("Orphan has no app label: set static meta = { appLabel: '...' } or call registerModels('app', exports).");
    expect(() => fields.char({} as never)).toThrow('fields.char() needs maxLength (a whole number), got undefined.');
    expect(() => fields.decimal({ maxDigits: 5 } as never)).toThrow(/needs decimalPlaces/);
    class Bad extends Model.define({ a__b: fields.text() }, { appLabel: 'bad' }) {}
    expect(() => Bad._meta).toThrow('Bad.a__b: field names cannot contain "__".');
  });

  it('builds a drizzle table per dialect keyed by attribute name', async () => {
    const { getTableConfig } = await import('drizzle-orm/sqlite-core');
    const table = Post.tableFor('sqlite');
    const config = getTableConfig(table as never);
    expect(config.name).toBe('library_post');
    expect(config.columns.map((c) => c.name)).toContain('author_id');
    expect(Object.keys(table as unknown as Record<string, unknown>)).toContain('authorId');
  });
});

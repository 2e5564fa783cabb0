import type { Database, FieldSpec, ModelState } from '@manouche/contracts';
import { introspectionFor } from '../../src/index.js';

/**
 * The blog app as it evolves, version by version, expressed as the ModelState data the ORM's
 * model classes describe themselves with (what makemigrations diffs).
 */
export function blogModels(version: number): ModelState[] {
  const user: ModelState = {
    app: 'accounts',
    name: 'User',
    table: 'accounts_user',
    fields: {
      id: { type: 'bigAuto', primaryKey: true },
      username: { type: 'char', maxLength: 150, unique: true },
      ...(version >= 9 ? { email: { type: 'email', maxLength: 254, default: 'nobody@example.com' } as FieldSpec } : {}),
    },
    options: {},
  };
  const fields: Record<string, FieldSpec> = { id: { type: 'bigAuto', primaryKey: true } };
  fields[version >= 3 ? 'headline' : 'title'] = { type: 'char', maxLength: version >= 8 ? 300 : 250 };
  fields.slug = { type: 'slug', maxLength: 250, dbIndex: true };
  if (version < 7) fields.body = { type: 'text', blank: true };
  if (version >= 2)
    fields.status = {
      type: 'char',
      maxLength: 10,
      default: 'draft',
      choices: [
        ['draft', 'Draft'],
        ['published', 'Published'],
      ],
    };
  if (version >= 4) fields.author = { type: 'foreignKey', to: 'accounts.User', onDelete: 'CASCADE', null: true, relatedName: 'posts' };
  const post: ModelState = {
    app: 'blog',
    name: 'Post',
    table: 'blog_post',
    fields,
    options: { ordering: ['-id'], ...(version >= 5 ? { indexes: [{ name: 'blog_post_status_idx', fields: ['status', '-id'] }] } : {}) },
  };
  return [user, post];
}

/** A dialect-neutral picture of the schema: columns with nullability, indexes by columns, foreign keys by target. */
export async function schemaSnapshot(db: Database): Promise<Record<string, { columns: string[]; indexes: string[]; foreignKeys: string[] }>> {
  const introspection = introspectionFor(db);
  const result: Record<string, { columns: string[]; indexes: string[]; foreignKeys: string[] }> = {};
  for (const table of (await introspection.tableNames()).filter((t) => t !== 'manouche_migrations').sort()) {
    const description = await introspection.describeTable(table);
    result[table] = {
      columns: description.columns.map((c) => `${c.name}${c.nullable ? ' NULL' : ''}`).sort(),
      indexes: description.indexes
        .filter((ix) => !ix.primaryKey)
        .map((ix) => `${ix.unique ? 'UNIQUE' : 'INDEX'}(${ix.columns.join(',')})`)
        .sort(),
      foreignKeys: description.foreignKeys.map((fk) => `${fk.column}->${fk.toTable}.${fk.toColumn}`).sort(),
    };
  }
  return result;
}

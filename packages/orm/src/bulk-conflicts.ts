import type { Connection } from './connection.js';
import { FieldError } from './errors.js';
import type { ModelClass } from './model-options.js';

/**
 * What bulkCreate() does with rows that violate a unique constraint.
 *
 * @example
 * await Tag.objects.bulkCreate([new Tag({ name: 'django' }), new Tag({ name: 'orm' })], { ignoreConflicts: true });
 * await Stock.objects.bulkCreate(rows, { updateConflicts: true, uniqueFields: ['sku'], updateFields: ['quantity'] }); // an upsert
 */
export interface ConflictOptions {
  /** Skip rows that conflict (primary keys are then not set on any object). */
  ignoreConflicts?: boolean;
  /** Update `updateFields` of the existing row instead (an upsert); primary keys are not set. */
  updateConflicts?: boolean;
  /** The fields to overwrite on conflict (updateConflicts). */
  updateFields?: string[];
  /** The unique fields whose conflict triggers the update (required on SQLite and PostgreSQL). */
  uniqueFields?: string[];
}

/** How an INSERT changes for a conflict mode: its verb and a clause after VALUES. */
export interface ConflictSql {
  insert: string;
  suffix: string;
}

/** The INSERT verb and suffix for the conflict options, or undefined for a plain INSERT; bad options are a FieldError. */
export function conflictSql(db: Connection, model: ModelClass, options: ConflictOptions): ConflictSql | undefined {
  const q = (name: string) => db.quoteName(name);
  if (options.ignoreConflicts && options.updateConflicts)
    throw new FieldError(`bulkCreate() on ${model.name}: ignoreConflicts and updateConflicts are mutually exclusive.`);
  if (options.ignoreConflicts) {
    if (db.dialect === 'sqlite') return { insert: 'INSERT OR IGNORE INTO', suffix: '' };
    if (db.dialect === 'mysql') return { insert: 'INSERT IGNORE INTO', suffix: '' };
    return { insert: 'INSERT INTO', suffix: ' ON CONFLICT DO NOTHING' };
  }
  if (!options.updateConflicts) {
    if (options.updateFields || options.uniqueFields)
      throw new FieldError(`bulkCreate() on ${model.name}: updateFields and uniqueFields need updateConflicts: true.`);
    return undefined;
  }
  const meta = model._meta;
  const updateFields = (options.updateFields ?? []).map((name) => meta.requireField(name, 'bulkCreate({ updateFields })'));
  if (updateFields.length === 0)
    throw new FieldError(`bulkCreate() on ${model.name}: updateConflicts needs updateFields (the fields to overwrite on conflict).`);
  for (const field of updateFields) {
    if (!field.concrete || field.primaryKey)
      throw new FieldError(`bulkCreate() on ${model.name}: updateFields cannot contain "${field.name}" (primary key or many-to-many).`);
  }
  const uniqueFields = (options.uniqueFields ?? []).map((name) => meta.requireField(name, 'bulkCreate({ uniqueFields })'));
  for (const field of uniqueFields) {
    if (!field.concrete) throw new FieldError(`bulkCreate() on ${model.name}: uniqueFields cannot contain the many-to-many field "${field.name}".`);
  }
  if (db.dialect === 'mysql') {
    // MySQL/MariaDB pick the conflicting unique key themselves.
    return { insert: 'INSERT INTO', suffix: ` ON DUPLICATE KEY UPDATE ${updateFields.map((f) => `${q(f.column)} = VALUES(${q(f.column)})`).join(', ')}` };
  }
  if (uniqueFields.length === 0)
    throw new FieldError(
      `bulkCreate() on ${model.name}: updateConflicts needs uniqueFields on ${db.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} (the unique fields the conflict is on).`,
    );
  return {
    insert: 'INSERT INTO',
    suffix: ` ON CONFLICT (${uniqueFields.map((f) => q(f.column)).join(', ')}) DO UPDATE SET ${updateFields.map((f) => `${q(f.column)} = EXCLUDED.${q(f.column)}`).join(', ')}`,
  };
}

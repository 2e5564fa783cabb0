import type { FieldSpec, ModelState } from '@manouche/contracts';

const RELATION_TYPES = new Set(['foreignKey', 'oneToOne']);
/** The FieldSpec keys that change the database; the others (verboseName, choices, …) are state only. */
const DATABASE_KEYS: Array<keyof FieldSpec> = [
  'type',
  'column',
  'primaryKey',
  'null',
  'unique',
  'dbIndex',
  'maxLength',
  'dbCollation',
  'maxDigits',
  'decimalPlaces',
  'to',
  'toField',
  'dbConstraint',
  'joinTable',
  'through',
];

/** Whether a field is a foreign key or one-to-one (a column pointing at another table). */
export function isRelation(field: FieldSpec): boolean {
  return RELATION_TYPES.has(field.type);
}

/** Whether a field has a column of its own (many-to-many fields live in a join table). */
export function hasColumn(field: FieldSpec): boolean {
  return field.type !== 'manyToMany';
}

/** Whether two field specs differ in anything the database stores. */
export function databaseDiffers(a: FieldSpec, b: FieldSpec): boolean {
  return DATABASE_KEYS.some((key) => JSON.stringify(a[key] ?? null) !== JSON.stringify(b[key] ?? null));
}

/** Whether a field gets a plain index: dbIndex, or a relation (Django indexes foreign keys), unless already unique. */
export function wantsIndex(field: FieldSpec): boolean {
  if (field.primaryKey || field.unique || field.type === 'oneToOne' || !hasColumn(field)) return false;
  return field.dbIndex ?? isRelation(field);
}

/** Whether a field is unique in the database (one-to-one fields always are). */
export function isUnique(field: FieldSpec): boolean {
  return !field.primaryKey && (field.unique === true || field.type === 'oneToOne');
}

/** The automatic join table of a many-to-many field, as a model state of its own. */
export function joinModel(model: ModelState, name: string, field: FieldSpec): ModelState | undefined {
  if (field.type !== 'manyToMany' || field.through || !field.joinTable) return undefined;
  const { table, sourceColumn, targetColumn } = field.joinTable;
  const source = `${model.app}.${model.name}`;
  return {
    app: model.app,
    name: `${model.name}_${name}`,
    table,
    fields: {
      id: { type: 'bigAuto', primaryKey: true },
      [sourceColumn]: { type: 'foreignKey', to: source, column: sourceColumn, onDelete: 'CASCADE', dbIndex: false },
      [targetColumn]: { type: 'foreignKey', to: field.to, column: targetColumn, onDelete: 'CASCADE' },
    },
    options: { uniqueTogether: [[sourceColumn, targetColumn]] },
  };
}

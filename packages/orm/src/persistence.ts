import { connection, valueContext } from './config.js';
import type { Connection } from './connection.js';
import { DatabaseError, FieldError, InvalidValueError, ModelError, ValidationError } from './errors.js';
import { isExpression } from './expressions.js';
import { conflictSql, type ConflictOptions, type ConflictSql } from './bulk-conflicts.js';
import type { Field } from './fields/field.js';
import { ForeignKeyField } from './fields/relation-fields.js';
import type { Model } from './model.js';
import type { ModelClass } from './model-options.js';
import { SqlCompiler, valueField } from './query/compiler.js';
import { QuerySet } from './queryset.js';
import { postSave, preSave } from './signals.js';
import { toDbValue, type ValueContext } from './values.js';
import { validateField } from './validation.js';

/**
 * Options of `save()`.
 *
 * @example
 * await post.save({ updateFields: ['title'] } satisfies SaveOptions);
 * await post.save({ using: 'replica', forceInsert: true });
 */
export interface SaveOptions {
  /** Only these fields are written (an UPDATE; an error when no row was updated). */
  updateFields?: string[];
  using?: string;
  forceInsert?: boolean;
  forceUpdate?: boolean;
}

type Row = Record<string, unknown>;

const insertSqlCache = new WeakMap<object, Map<string, string>>();

function attrs(instance: Model): Row {
  return instance as unknown as Row;
}

function columnValue(field: Field, value: unknown, ctx: ValueContext): unknown {
  return toDbValue(field.isRelation ? valueField(field) : field, value, ctx);
}

/** A value to INSERT: expressions are refused (Django: "F() expressions can only be used to update, not to insert"). */
function insertValue(model: ModelClass, field: Field, value: unknown, ctx: ValueContext): unknown {
  if (isExpression(value)) {
    throw new InvalidValueError(
      `Failed to insert expression "${String(value)}" on ${model.name}.${field.name}: F() expressions can only be used to update, not to insert.`,
    );
  }
  return columnValue(field, value, ctx);
}

/**
 * `UPDATE table SET ... WHERE pk = ?` for one object's fields. Values that are expressions
 * (`F('votes').add(1)`) become SQL (`votes = votes + 1`); joined references are a FieldError.
 */
function updateRowStatement(db: Connection, model: ModelClass, fields: Field[], obj: Model, ctx: ValueContext): { sql: string; params: unknown[] } {
  const meta = model._meta;
  const compiler = new SqlCompiler(model, db, ctx);
  compiler.allowJoins = false;
  const sets = fields.map((field) => {
    const value = attrs(obj)[field.attname];
    const sql = isExpression(value) ? compiler.expression(value, field.isRelation ? valueField(field) : field) : compiler.param(columnValue(field, value, ctx));
    return `${db.quoteName(field.column)} = ${sql}`;
  });
  const where = compiler.param(columnValue(meta.pk, obj.pk, ctx));
  return { sql: `UPDATE ${db.quoteName(meta.dbTable)} SET ${sets.join(', ')} WHERE ${db.quoteName(meta.pk.column)} = ${where}`, params: compiler.params };
}

function placeholder(db: Connection, index: number): string {
  return db.dialect === 'postgresql' ? `$${index}` : '?';
}

/** Sets autoNow / autoNowAdd fields and the key of related objects assigned before they were saved. */
function prepareForSave(instance: Model, adding: boolean): void {
  const meta = (instance.constructor as unknown as ModelClass)._meta;
  const now = new Date();
  for (const field of meta.concreteFields) {
    const self = attrs(instance);
    if (field instanceof ForeignKeyField && instance._state.relations.has(field.name)) {
      const related = instance._state.relations.get(field.name) as Model | null;
      if (related) {
        if (related.pk === null || related.pk === undefined) {
          throw new ModelError(`save() prohibited to prevent data loss due to unsaved related object "${field.name}" on ${instance.constructor.name}.`);
        }
        if (self[field.attname] === null || self[field.attname] === undefined) self[field.attname] = related.pk;
      }
    }
    const o = field.options;
    if (o.autoNow || (o.autoNowAdd && adding && (self[field.attname] === null || self[field.attname] === undefined))) {
      self[field.attname] = field.type === 'date' ? now.toISOString().slice(0, 10) : field.type === 'time' ? now.toISOString().slice(11, 23) : now;
    }
  }
}

function supportsReturning(db: Connection): boolean {
  return db.dialect !== 'mysql' || db.vendor === 'mariadb';
}

/** Inserts rows for `objects` (one statement); sets their primary keys. */
async function insertRows(model: ModelClass, objects: Model[], db: Connection, conflict?: ConflictSql): Promise<void> {
  const meta = model._meta;
  const pk = meta.pk;
  const withPk = objects.every((obj) => obj.pk !== null && obj.pk !== undefined);
  const fields = meta.concreteFields.filter((field) => !(field === pk && pk.isAuto && !withPk));
  const q = (name: string) => db.quoteName(name);
  const ctx = valueContext(db);
  const params: unknown[] = [];
  for (const obj of objects) for (const field of fields) params.push(insertValue(model, field, attrs(obj)[field.attname], ctx));
  let sql: string;
  if (conflict) {
    if (fields.length === 0) throw new ModelError(`bulkCreate() of ${model.name} needs at least one column to insert.`);
    let n = 0;
    const row = () => `(${fields.map(() => placeholder(db, ++n)).join(', ')})`;
    // Conflict modes set no primary keys (rows may be skipped or updated), as in Django.
    await db.execute(
      `${conflict.insert} ${q(meta.dbTable)} (${fields.map((f) => q(f.column)).join(', ')}) VALUES ${objects.map(row).join(', ')}${conflict.suffix}`,
      params,
    );
    return;
  }
  if (fields.length > 0 && objects.length === 1) {
    // Single-row INSERTs (save(), create()) reuse their SQL text.
    const key = `${db.dialect}|${withPk}`;
    const cached = insertSqlCache.get(model)?.get(key);
    sql =
      cached ??
      `INSERT INTO ${q(meta.dbTable)} (${fields.map((f) => q(f.column)).join(', ')}) VALUES (${fields.map((_, i) => placeholder(db, i + 1)).join(', ')})`;
    if (!cached) insertSqlCache.set(model, (insertSqlCache.get(model) ?? new Map()).set(key, sql));
  } else if (fields.length === 0) {
    if (objects.length !== 1) throw new ModelError(`bulkCreate() of ${model.name} needs at least one column to insert.`);
    sql = db.dialect === 'mysql' ? `INSERT INTO ${q(meta.dbTable)} () VALUES ()` : `INSERT INTO ${q(meta.dbTable)} DEFAULT VALUES`;
  } else {
    let n = 0;
    const row = () => `(${fields.map(() => placeholder(db, ++n)).join(', ')})`;
    sql = `INSERT INTO ${q(meta.dbTable)} (${fields.map((f) => q(f.column)).join(', ')}) VALUES ${objects.map(row).join(', ')}`;
  }
  if (withPk || !pk.isAuto) {
    await db.execute(sql, params);
    return;
  }
  if (supportsReturning(db) && (objects.length > 1 || db.dialect !== 'sqlite')) {
    const returned = await db.query<Row>(`${sql} RETURNING ${q(pk.column)}`, params);
    returned.forEach((row, i) => {
      attrs(objects[i])[pk.attname] = Number(row[pk.column] ?? Object.values(row)[0]);
    });
    return;
  }
  const result = await db.execute(sql, params);
  const first = Number(result.lastInsertId);
  objects.forEach((obj, i) => {
    attrs(obj)[pk.attname] = first + i;
  });
}

/** `instance.save()`: INSERT or UPDATE, with signals and auto fields. */
export async function saveInstance(instance: Model, options: SaveOptions = {}): Promise<void> {
  const model = instance.constructor as unknown as ModelClass;
  const meta = model._meta;
  const alias = options.using ?? instance._state.db ?? 'default';
  const db = connection(alias);
  if (options.updateFields) {
    for (const name of options.updateFields) {
      const field = meta.requireField(name, 'save({ updateFields })');
      if (!field.concrete || field.primaryKey)
        throw new FieldError(`save({ updateFields }) on ${model.name}: "${name}" cannot be updated (primary key or many-to-many).`);
    }
    if (options.updateFields.length === 0) return;
  }
  const adding = instance._state.adding;
  if (preSave.hasReceivers(model)) await preSave.send({ sender: model, instance, updateFields: options.updateFields, using: alias });
  prepareForSave(instance, adding);
  const pkValue = instance.pk;
  let created = false;
  const canUpdate = !options.forceInsert && pkValue !== null && pkValue !== undefined;
  let updated = false;
  if (canUpdate) {
    const names = options.updateFields ? new Set(options.updateFields.map((n) => meta.requireField(n, 'save()').name)) : undefined;
    const fields = meta.concreteFields.filter((field) => !field.primaryKey && (!names || names.has(field.name)));
    if (fields.length === 0) {
      updated = await new QuerySet(model)
        .using(alias)
        .filter({ pk: pkValue } as never)
        .exists();
    } else {
      const { sql, params } = updateRowStatement(db, model, fields, instance, valueContext(db));
      const result = await db.execute(sql, params);
      updated = result.rowsAffected > 0;
    }
    if (!updated && (options.updateFields || options.forceUpdate)) {
      throw new DatabaseError(
        `${model.name} with pk ${String(pkValue)} was not updated: no such row (save with updateFields/forceUpdate does not insert).`,
        'UPDATE',
      );
    }
  }
  if (!updated) {
    await insertRows(model, [instance], db);
    created = true;
  }
  instance._state.adding = false;
  instance._state.db = alias;
  if (postSave.hasReceivers(model)) await postSave.send({ sender: model, instance, created, updateFields: options.updateFields, using: alias });
}

/** `refreshFromDb()`: reloads the instance's field values. */
export async function refreshInstance(instance: Model, options: { fields?: string[]; using?: string }): Promise<void> {
  const model = instance.constructor as unknown as ModelClass;
  let qs = new QuerySet(model).using(options.using ?? instance._state.db).filter({ pk: instance.pk } as never);
  if (options.fields) qs = qs.only(...(options.fields as never[]));
  const fresh = (await qs.get()) as Model;
  const names = options.fields ? new Set(options.fields) : undefined;
  for (const field of model._meta.concreteFields) {
    if (names && !names.has(field.name) && !names.has(field.attname)) continue;
    attrs(instance)[field.attname] = attrs(fresh)[field.attname];
    instance._state.relations.delete(field.name);
  }
  if (!names) instance._state.prefetched.clear();
  instance._state.db = fresh._state.db;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function verboseName(field: Field): string {
  return String(
    field.options.verboseName ??
      field.name
        .replace(/_/g, ' ')
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .toLowerCase(),
  );
}

/** `fullClean()`: field validation, clean(), then uniqueness. */
export async function fullCleanInstance(instance: Model, options: { exclude?: string[]; validateUnique?: boolean }): Promise<void> {
  const model = instance.constructor as unknown as ModelClass;
  const meta = model._meta;
  const exclude = new Set(options.exclude ?? []);
  const errors: Record<string, string[]> = {};
  const add = (key: string, message: string) => (errors[key] ??= []).push(message);
  for (const field of meta.concreteFields) {
    if (exclude.has(field.name) || field.isAuto) continue;
    for (const message of validateField(field, attrs(instance)[field.attname])) add(field.name, message);
  }
  try {
    await instance.clean();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    for (const [key, messages] of Object.entries(error.messages)) for (const message of messages) add(key, message);
  }
  if (options.validateUnique !== false) {
    const others = () => {
      const qs = new QuerySet(model).using(instance._state.db);
      return instance._state.adding || instance.pk === null || instance.pk === undefined ? qs : qs.exclude({ pk: instance.pk } as never);
    };
    for (const field of meta.concreteFields) {
      if (!field.options.unique || field.primaryKey || exclude.has(field.name) || errors[field.name]) continue;
      const value = attrs(instance)[field.attname];
      if (value === null || value === undefined) continue;
      if (
        await others()
          .filter({ [field.attname]: value } as never)
          .exists()
      ) {
        add(field.name, `${capitalize(meta.verboseName)} with this ${capitalize(verboseName(field))} already exists.`);
      }
    }
    const groups = [...(meta.meta.uniqueTogether ?? []), ...(meta.meta.constraints ?? []).flatMap((c) => (c.kind === 'unique' ? [c.fields] : []))];
    for (const group of groups) {
      if (group.some((name) => exclude.has(name) || errors[name])) continue;
      const lookups: Row = {};
      let hasNull = false;
      for (const name of group) {
        const field = meta.requireField(name, 'uniqueTogether');
        const value = attrs(instance)[field.attname];
        if (value === null || value === undefined) hasNull = true;
        lookups[field.attname] = value;
      }
      if (hasNull) continue;
      if (
        await others()
          .filter(lookups as never)
          .exists()
      ) {
        const names = group.map((name) => capitalize(verboseName(meta.requireField(name, 'uniqueTogether'))));
        add('__all__', `${capitalize(meta.verboseName)} with this ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} already exists.`);
      }
    }
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `bulkCreate()`: multi-row INSERTs, primary keys set on the objects. */
export async function bulkCreateInstances<M extends Model>(
  model: ModelClass,
  objects: M[],
  options: { batchSize?: number; using?: string } & ConflictOptions,
): Promise<M[]> {
  const alias = options.using ?? 'default';
  const db = connection(alias);
  const conflict = conflictSql(db, model, options);
  if (objects.length === 0) return objects;
  for (const obj of objects) {
    if (obj.constructor !== model) throw new ModelError(`bulkCreate() on ${model.name} got a ${obj.constructor.name} instance.`);
    prepareForSave(obj, true);
  }
  const columns = Math.max(1, model._meta.concreteFields.length);
  const size = options.batchSize ?? Math.max(1, Math.min(1000, Math.floor(30000 / columns)));
  const withPk = objects.filter((obj) => obj.pk !== null && obj.pk !== undefined);
  const withoutPk = objects.filter((obj) => obj.pk === null || obj.pk === undefined);
  const run = async () => {
    for (const group of [withPk, withoutPk]) for (const batch of batches(group, size)) await insertRows(model, batch, db, conflict);
  };
  if (objects.length > size) await db.transaction(run);
  else await run();
  for (const obj of objects) {
    obj._state.adding = false;
    obj._state.db = alias;
  }
  return objects;
}

/** `bulkUpdate()`: writes `fieldNames` of each object, in one transaction. */
export async function bulkUpdateInstances<M extends Model>(
  model: ModelClass,
  objects: M[],
  fieldNames: string[],
  options: { batchSize?: number; using?: string },
): Promise<number> {
  if (fieldNames.length === 0) throw new FieldError(`bulkUpdate() on ${model.name} needs at least one field name.`);
  const meta = model._meta;
  const fields = fieldNames.map((name) => meta.requireField(name, 'bulkUpdate()'));
  for (const field of fields) {
    if (field.primaryKey || !field.concrete) throw new FieldError(`bulkUpdate() on ${model.name} cannot update "${field.name}" (primary key or many-to-many).`);
  }
  const db = connection(options.using);
  let total = 0;
  await db.transaction(async () => {
    for (const obj of objects) {
      if (obj.pk === null || obj.pk === undefined) throw new ModelError(`bulkUpdate() on ${model.name}: every object needs a primary key.`);
      const { sql, params } = updateRowStatement(db, model, fields, obj, valueContext(db));
      const result = await db.execute(sql, params);
      total += result.rowsAffected;
    }
  });
  return total;
}

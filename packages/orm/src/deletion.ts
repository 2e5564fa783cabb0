import { connection, valueContext } from './config.js';
import type { Connection } from './connection.js';
import { FieldError, ModelError, ProtectedError, RestrictedError } from './errors.js';
import type { ForeignKeyField } from './fields/relation-fields.js';
import type { Model } from './model.js';
import type { ModelClass } from './model-options.js';
import { SqlCompiler, valueField } from './query/compiler.js';
import { pkFilteredWhere } from './query/write.js';
import { QuerySet } from './queryset.js';
import { postDelete, preDelete } from './signals.js';
import { toDbValue } from './values.js';

const BATCH = 500;

function placeholders(db: Connection, start: number, count: number): string {
  return Array.from({ length: count }, (_, i) => (db.dialect === 'postgresql' ? `$${start + i + 1}` : '?')).join(', ');
}

/** Collects what deleting some objects touches, following each relation's onDelete (Django's Collector). */
class Collector {
  private readonly db: Connection;
  private readonly alias: string;
  /** Models in discovery order, with their objects by primary key. */
  private readonly data = new Map<ModelClass, Map<string, Model>>();
  /** Each collect() call's new objects, in discovery order: deleted last-first, so children go before parents (self-references too). */
  private readonly batches: Array<{ model: ModelClass; objects: Model[] }> = [];
  private readonly fieldUpdates: Array<{ model: ModelClass; field: ForeignKeyField; value: unknown; objects: Model[] }> = [];
  private readonly restricted: Array<{ field: ForeignKeyField; model: ModelClass; objects: Model[] }> = [];

  constructor(alias: string) {
    this.alias = alias;
    this.db = connection(alias);
  }

  private isCollected(obj: Model): boolean {
    return this.data.get(obj.constructor as unknown as ModelClass)?.has(String(obj.pk)) ?? false;
  }

  async collect(model: ModelClass, objects: Model[]): Promise<void> {
    const bucket = this.data.get(model) ?? new Map<string, Model>();
    this.data.set(model, bucket);
    const fresh = objects.filter((obj) => !bucket.has(String(obj.pk)));
    if (fresh.length === 0) return;
    for (const obj of fresh) bucket.set(String(obj.pk), obj);
    this.batches.push({ model, objects: fresh });
    for (const relation of model._meta.reverseRelations()) {
      if (relation.kind === 'manyToMany') continue;
      const field = relation.field as ForeignKeyField;
      const referenced = valueField(field);
      const keys = fresh.map((obj) => (obj as unknown as Record<string, unknown>)[referenced.attname]);
      const related: Model[] = [];
      for (let i = 0; i < keys.length; i += BATCH) {
        related.push(
          ...((await new QuerySet(relation.model)
            .using(this.alias)
            .filter({ [`${field.name}__in`]: keys.slice(i, i + BATCH) } as never)
            .orderBy()
            .fetch()) as Model[]),
        );
      }
      if (related.length === 0) continue;
      switch (field.onDelete) {
        case 'CASCADE':
          await this.collect(relation.model, related);
          break;
        case 'PROTECT':
          throw new ProtectedError(
            `Cannot delete some instances of model "${model.name}" because they are referenced through protected foreign keys: "${relation.model.name}.${field.name}".`,
            related,
          );
        case 'RESTRICT':
          this.restricted.push({ field, model: relation.model, objects: related });
          break;
        case 'SET_NULL':
          if (!field.nullable) throw new FieldError(`${relation.model.name}.${field.name} has onDelete SET_NULL but is not null: true.`);
          this.fieldUpdates.push({ model: relation.model, field, value: null, objects: related });
          break;
        case 'SET_DEFAULT':
          if (!field.hasDefault()) throw new FieldError(`${relation.model.name}.${field.name} has onDelete SET_DEFAULT but no default.`);
          this.fieldUpdates.push({ model: relation.model, field, value: field.getDefault(), objects: related });
          break;
        case 'DO_NOTHING':
          break;
      }
    }
  }

  async delete(): Promise<[number, Record<string, number>]> {
    // RESTRICT allows the deletion when the restricted rows are deleted by a cascade anyway.
    for (const { field, model, objects } of this.restricted) {
      const left = objects.filter((obj) => !this.isCollected(obj));
      if (left.length > 0) {
        throw new RestrictedError(
          `Cannot delete some instances of model "${(field.model as ModelClass) === model ? model.name : this.targetName(field)}" because they are referenced through restricted foreign keys: "${model.name}.${field.name}".`,
          left,
        );
      }
    }
    const counts: Record<string, number> = {};
    let total = 0;
    const ctx = valueContext(this.db);
    await this.db.transaction(async () => {
      for (const [model, objects] of this.data) {
        for (const obj of objects.values()) await preDelete.send({ sender: model, instance: obj, using: this.alias });
      }
      for (const { model, field, value, objects } of this.fieldUpdates) {
        const remaining = objects.filter((obj) => !this.isCollected(obj));
        for (let i = 0; i < remaining.length; i += BATCH) {
          const batch = remaining.slice(i, i + BATCH);
          const pk = model._meta.pk;
          const params = [toDbValue(valueField(field), value, ctx), ...batch.map((obj) => toDbValue(pk, obj.pk, ctx))];
          await this.db.execute(
            `UPDATE ${this.db.quoteName(model._meta.dbTable)} SET ${this.db.quoteName(field.column)} = ${placeholders(this.db, 0, 1)} WHERE ${this.db.quoteName(pk.column)} IN (${placeholders(this.db, 1, batch.length)})`,
            params,
          );
          for (const obj of batch) (obj as unknown as Record<string, unknown>)[field.attname] = value;
        }
      }
      for (const { model, objects: list } of [...this.batches].reverse()) {
        for (const [label, removed] of await this.deleteJoinRows(model, list)) {
          counts[label] = (counts[label] ?? 0) + removed;
          total += removed;
        }
        const pk = model._meta.pk;
        let deleted = 0;
        for (let i = 0; i < list.length; i += BATCH) {
          const batch = list.slice(i, i + BATCH);
          const result = await this.db.execute(
            `DELETE FROM ${this.db.quoteName(model._meta.dbTable)} WHERE ${this.db.quoteName(pk.column)} IN (${placeholders(this.db, 0, batch.length)})`,
            batch.map((obj) => toDbValue(pk, obj.pk, ctx)),
          );
          deleted += result.rowsAffected;
        }
        const label = `${model._meta.appLabel}.${model.name}`;
        counts[label] = (counts[label] ?? 0) + deleted;
        total += deleted;
      }
      for (const { model, objects } of [...this.batches].reverse()) {
        for (const obj of objects) await postDelete.send({ sender: model, instance: obj, using: this.alias });
      }
    });
    for (const objects of this.data.values()) {
      for (const obj of objects.values()) {
        obj.pk = null;
        obj._state.adding = true;
      }
    }
    return [total, counts];
  }

  private targetName(field: ForeignKeyField): string {
    return ((field.model as ModelClass)._meta.remoteModel(field) as ModelClass).name;
  }

  /**
   * Deletes the rows of automatic many-to-many tables that point at the deleted objects, on both
   * sides; returns how many per link table, labelled as Django labels its auto-created through
   * models (`blog.Post_tags`).
   */
  private async deleteJoinRows(model: ModelClass, objects: Model[]): Promise<Array<[string, number]>> {
    const meta = model._meta;
    const tables: Array<{ table: string; column: string; label: string }> = [];
    for (const field of meta.manyToMany) {
      if (meta.throughModel(field)) continue;
      const m2m = meta.m2mTable(field);
      tables.push({ table: m2m.table, column: m2m.sourceColumn, label: `${meta.appLabel}.${model.name}_${field.name}` });
    }
    for (const relation of meta.reverseRelations()) {
      if (relation.kind !== 'manyToMany') continue;
      const sourceMeta = relation.model._meta;
      const field = relation.field as never;
      if (sourceMeta.throughModel(field)) continue;
      const m2m = sourceMeta.m2mTable(field);
      tables.push({ table: m2m.table, column: m2m.targetColumn, label: `${sourceMeta.appLabel}.${relation.model.name}_${(field as { name: string }).name}` });
    }
    const ctx = valueContext(this.db);
    const removed: Array<[string, number]> = [];
    for (const { table, column, label } of tables) {
      let n = 0;
      for (let i = 0; i < objects.length; i += BATCH) {
        const batch = objects.slice(i, i + BATCH);
        const result = await this.db.execute(
          `DELETE FROM ${this.db.quoteName(table)} WHERE ${this.db.quoteName(column)} IN (${placeholders(this.db, 0, batch.length)})`,
          batch.map((obj) => toDbValue(meta.pk, obj.pk, ctx)),
        );
        n += result.rowsAffected;
      }
      if (n > 0) removed.push([label, n]);
    }
    return removed;
  }
}

/** `instance.delete()`. */
export async function deleteInstance(instance: Model, options: { using?: string }): Promise<[number, Record<string, number>]> {
  const model = instance.constructor as unknown as ModelClass;
  if (instance.pk === null || instance.pk === undefined) {
    throw new ModelError(`${model.name} object can't be deleted because its primary key is not set.`);
  }
  const collector = new Collector(options.using ?? instance._state.db ?? 'default');
  await collector.collect(model, [instance]);
  return collector.delete();
}

/** `queryset.delete()`: one DELETE when nothing depends on the rows, else the collector. */
export async function deleteQuerySet(queryset: QuerySet<Model>): Promise<[number, Record<string, number>]> {
  const model = queryset.model;
  const meta = model._meta;
  const db = queryset.db();
  const simple = meta.reverseRelations().length === 0 && meta.manyToMany.length === 0 && !preDelete.hasReceivers(model) && !postDelete.hasReceivers(model);
  if (simple) {
    const compiler = new SqlCompiler(model, db, valueContext(db));
    const where = pkFilteredWhere(compiler, queryset.state);
    const result = await db.execute(`DELETE FROM ${compiler.q(meta.dbTable)}${where ? ` WHERE ${where}` : ''}`, compiler.params);
    return [result.rowsAffected, { [`${meta.appLabel}.${model.name}`]: result.rowsAffected }];
  }
  const objects = (await queryset.orderBy().fetch()) as Model[];
  const collector = new Collector(db.alias);
  await collector.collect(model, objects);
  return collector.delete();
}

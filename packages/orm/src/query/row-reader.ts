import type { Field } from '../fields/field.js';
import type { Aggregate } from '../expressions.js';
import type { Model } from '../model.js';
import { instanceFromValues } from '../model.js';
import type { ModelClass } from '../model-options.js';
import { fromDbValue, type ValueContext } from '../values.js';
import type { QueryState } from './query-state.js';
import type { CompiledSelect } from './select.js';

/** An aggregate's value as JavaScript: counts and averages as numbers, sums of decimals exact. */
export function aggregateValue(raw: unknown, aggregate: Aggregate, field: Field | undefined, ctx: ValueContext): unknown {
  if (aggregate.fn === 'COUNT') return Number(raw ?? 0);
  if (raw === null || raw === undefined) return null;
  if (aggregate.fn === 'AVG' || aggregate.fn.startsWith('STDDEV') || aggregate.fn.startsWith('VAR')) return Number(raw);
  if (!field) return raw;
  if (aggregate.fn === 'SUM' && field.type !== 'decimal')
    return field.type.startsWith('big') || field.type === 'positiveBigInteger' ? BigInt(String(raw).split('.')[0]) : Number(raw);
  return fromDbValue(field.isRelation ? field : field, raw, ctx);
}

/** One values()/valuesList() row. */
export function readValues(row: Record<string, unknown>, compiled: CompiledSelect, state: QueryState, ctx: ValueContext): unknown {
  const values = compiled.keys.map((key, i) => {
    const raw = row[`c${i}`];
    if (key.aggregate) return aggregateValue(raw, key.aggregate, key.field, ctx);
    return key.field ? fromDbValue(key.field, raw, ctx) : raw;
  });
  if (state.values!.mode === 'flat') return values[0];
  if (state.values!.mode === 'list') return values;
  const out: Record<string, unknown> = {};
  compiled.keys.forEach((key, i) => {
    out[key.key] = values[i];
  });
  return out;
}

/** One model instance (with selectRelated objects and annotations) from a row. */
export function readInstance(row: Record<string, unknown>, compiled: CompiledSelect, model: ModelClass, alias: string, ctx: ValueContext): Model {
  if (compiled.flat) {
    // The common case (no selectRelated, no annotations): one flat object.
    const values: Record<string, unknown> = {};
    const columns = compiled.columns;
    const keys = compiled.columnKeys;
    for (let i = 0; i < columns.length; i++) values[columns[i].field.attname] = fromDbValue(columns[i].field, row[keys[i]], ctx);
    return instanceFromValues(model, values, alias);
  }
  const groups = new Map<string, { model: ModelClass; values: Record<string, unknown> }>();
  compiled.columns.forEach((column, i) => {
    let group = groups.get(column.path);
    if (!group) {
      group = { model: column.model, values: {} };
      groups.set(column.path, group);
    }
    group.values[column.field.attname] = fromDbValue(column.field, row[`c${i}`], ctx);
  });
  const base = instanceFromValues(model, groups.get('')!.values, alias);
  for (const [path, group] of groups) {
    if (path === '') continue;
    const parts = path.split('__');
    let owner: Model | null = base;
    for (const part of parts.slice(0, -1)) owner = (owner?._state.relations.get(part) as Model | null) ?? null;
    if (!owner) continue;
    const pkValue = group.values[group.model._meta.pk.attname];
    owner._state.relations.set(parts[parts.length - 1], pkValue === null ? null : instanceFromValues(group.model, group.values, alias));
  }
  const self = base as unknown as Record<string, unknown>;
  for (const annotation of compiled.annotationKeys) {
    const raw = row[annotation.column];
    self[annotation.key] = annotation.aggregate
      ? aggregateValue(raw, annotation.aggregate, annotation.field, ctx)
      : annotation.field
        ? fromDbValue(annotation.field, raw, ctx)
        : raw;
  }
  return base;
}

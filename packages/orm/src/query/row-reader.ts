import type { Field } from '../fields/field.js';
import type { Aggregate } from '../expressions.js';
import type { Model } from '../model.js';
import { instanceFromValues, loadedState } from '../model.js';
import type { ModelClass } from '../model-options.js';
import { columnConverter, fromDbValue, type ValueContext } from '../values.js';
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

type Converter = (raw: unknown) => unknown;

/** How one values() key or annotation is read: a field's converter, an aggregate's, or the raw value. */
function keyConverter(field: Field | undefined, aggregate: Aggregate | undefined, ctx: ValueContext): Converter {
  if (aggregate) return (raw) => aggregateValue(raw, aggregate, field, ctx);
  return field ? columnConverter(field, ctx) : (raw) => (raw === undefined ? null : raw);
}

/**
 * The function turning one row (an array in select-list order) into what the queryset yields: a
 * values() object or list, a flat value, or a model instance with its selectRelated objects and
 * annotations. Built once per query, so each row only indexes the array and calls precomputed
 * converters.
 */
export function rowReader(compiled: CompiledSelect, state: QueryState, model: ModelClass, alias: string, ctx: ValueContext): (row: unknown[]) => unknown {
  if (state.values) {
    const converters = compiled.keys.map((key) => keyConverter(key.field, key.aggregate, ctx));
    const count = converters.length;
    if (state.values.mode === 'flat') {
      const first = converters[0];
      return (row) => first(row[0]);
    }
    if (state.values.mode === 'list') {
      return (row) => {
        const out = new Array<unknown>(count);
        for (let i = 0; i < count; i++) out[i] = converters[i](row[i]);
        return out;
      };
    }
    const names = compiled.keys.map((key) => key.key);
    return (row) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < count; i++) out[names[i]] = converters[i](row[i]);
      return out;
    };
  }
  const attnames = compiled.columns.map((column) => column.field.attname);
  const converters = compiled.columns.map((column) => columnConverter(column.field, ctx));
  const extras = compiled.extraColumns;
  if (compiled.flat) {
    // The common case (no selectRelated, no annotations): one flat object.
    const prototype = model.prototype;
    const count = converters.length;
    return (row) => {
      const instance = Object.create(prototype) as Record<string, unknown>;
      for (let i = 0; i < count; i++) instance[attnames[i]] = converters[i](row[i]);
      instance._state = loadedState(alias);
      for (const extra of extras) instance[extra.as] = row[extra.index];
      return instance;
    };
  }
  const paths = [...new Set(compiled.columns.map((column) => column.path))];
  const groupOf = compiled.columns.map((column) => paths.indexOf(column.path));
  const groupModels = paths.map((path) => compiled.columns.find((column) => column.path === path)!.model);
  const annotations = compiled.annotationKeys.map((annotation) => ({
    key: annotation.key,
    index: annotation.index,
    read: keyConverter(annotation.field, annotation.aggregate, ctx),
  }));
  return (row) => {
    const groups = paths.map((): Record<string, unknown> => ({}));
    for (let i = 0; i < converters.length; i++) groups[groupOf[i]][attnames[i]] = converters[i](row[i]);
    const base = instanceFromValues(model, groups[0], alias);
    for (let g = 1; g < paths.length; g++) {
      const parts = paths[g].split('__');
      let owner: Model | null = base;
      for (const part of parts.slice(0, -1)) owner = (owner?._state.relations.get(part) as Model | null) ?? null;
      if (!owner) continue;
      const related = groupModels[g];
      const values = groups[g];
      owner._state.relations.set(parts[parts.length - 1], values[related._meta.pk.attname] === null ? null : instanceFromValues(related, values, alias));
    }
    const self = base as unknown as Record<string, unknown>;
    for (const annotation of annotations) self[annotation.key] = annotation.read(row[annotation.index]);
    for (const extra of extras) self[extra.as] = row[extra.index];
    return base;
  };
}

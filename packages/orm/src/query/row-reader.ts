import type { Field } from '../fields/field.js';
import type { Aggregate } from '../expressions.js';
import type { Model } from '../model.js';
import { loadedState } from '../model.js';
import type { ModelClass } from '../model-options.js';
import { columnConverter, fromDbValue, type ValueContext } from '../values.js';
import type { QueryState } from './query-state.js';
import { instanceBuilder, valuesObjectBuilder } from './row-builders.js';
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
export function rowReader(
  compiled: CompiledSelect,
  state: QueryState,
  model: ModelClass,
  alias: string,
  ctx: ValueContext,
  generate: boolean,
): (row: unknown[]) => unknown {
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
    return valuesObjectBuilder(
      compiled.keys.map((key) => key.key),
      converters,
      generate,
    );
  }
  const makeState = () => loadedState(alias);
  const extras = compiled.extraColumns;
  const instanceColumns = compiled.columns.map((column, index) => ({ attname: column.field.attname, index, convert: columnConverter(column.field, ctx) }));
  if (compiled.flat) {
    // The common case (no selectRelated, no annotations): one flat object.
    return instanceBuilder(model.prototype, instanceColumns, makeState, extras, generate);
  }
  // One builder per selectRelated path ('' is the model itself), each placed on the instance owning it.
  const paths = [...new Set(compiled.columns.map((column) => column.path))];
  const groups = paths.map((path) => {
    const columns = instanceColumns.filter((_, i) => compiled.columns[i].path === path);
    const related = compiled.columns.find((column) => column.path === path)!.model;
    const parts = path.split('__');
    return {
      build: instanceBuilder(related.prototype, columns, makeState, [], generate),
      pk: columns.find((column) => column.attname === related._meta.pk.attname)!,
      owners: parts.slice(0, -1),
      name: parts[parts.length - 1],
    };
  });
  const annotations = compiled.annotationKeys.map((annotation) => ({
    key: annotation.key,
    index: annotation.index,
    read: keyConverter(annotation.field, annotation.aggregate, ctx),
  }));
  return (row) => {
    const base = groups[0].build(row) as unknown as Model;
    for (let g = 1; g < groups.length; g++) {
      const group = groups[g];
      let owner: Model | null = base;
      for (const part of group.owners) owner = (owner?._state.relations.get(part) as Model | null) ?? null;
      if (!owner) continue;
      owner._state.relations.set(group.name, group.pk.convert(row[group.pk.index]) === null ? null : group.build(row));
    }
    const self = base as unknown as Record<string, unknown>;
    for (const annotation of annotations) self[annotation.key] = annotation.read(row[annotation.index]);
    for (const extra of extras) self[extra.as] = row[extra.index];
    return base;
  };
}

import type { Connection } from '../connection.js';
import { Expression, QNode } from '../expressions.js';
import { LruMap } from '../lru-map.js';
import type { ModelClass } from '../model-options.js';
import { registryVersion } from '../registry.js';
import type { ValueContext } from '../values.js';
import { isModelInstance, SqlCompiler, type RecordedLookup } from './compiler.js';
import type { QueryState } from './query-state.js';
import { rowReader } from './row-reader.js';
import { compileSelect, effectiveOrdering } from './select.js';

/** A SELECT ready to run: its SQL, its parameters, and the reader of its rows. */
export interface PreparedSelect {
  sql: string;
  params: unknown[];
  read: (row: unknown[]) => unknown;
}

/** A compiled query shape: the same SQL for every query differing only in its filter values. */
interface CachedShape {
  sql: string;
  compiler: SqlCompiler;
  lookups: RecordedLookup[];
  read: (row: unknown[]) => unknown;
}

/** Shapes kept per model and connection. */
const SHAPES_PER_MODEL = 200;
const shapes = new WeakMap<Connection, WeakMap<ModelClass, LruMap<CachedShape>>>();

/**
 * The SELECT of a queryset, compiled once per query shape. A shape is everything that decides the
 * SQL text: the model, the connection and value settings, the filter keys and the kind of each
 * value (null, a list's length, isnull's truth), ordering, slicing and the selected fields.
 * Querysets that differ only in filter values share the SQL (and so the prepared statement) and
 * bind their own values through each lookup's recorded compiler. Anything harder to describe
 * (expressions, annotations, querysets as values, lists of instances) compiles every time.
 */
export function prepareSelect(db: Connection, model: ModelClass, state: QueryState, ctx: ValueContext): PreparedSelect {
  const values: unknown[] = [];
  const key = shapeKey(model, state, ctx, values);
  if (key === undefined) return compileFresh(db, model, state, ctx, undefined).prepared;
  let byModel = shapes.get(db);
  if (!byModel) {
    byModel = new WeakMap();
    shapes.set(db, byModel);
  }
  let cache = byModel.get(model);
  if (!cache) {
    cache = new LruMap(SHAPES_PER_MODEL);
    byModel.set(model, cache);
  }
  const shape = cache.get(key);
  if (shape) {
    const params = rebind(shape, values);
    if (params) return { sql: shape.sql, params, read: shape.read };
    // A value changed the SQL after all (the key did not capture it): compile it the long way.
    return compileFresh(db, model, state, ctx, undefined).prepared;
  }
  const fresh = compileFresh(db, model, state, ctx, values.length);
  if (fresh.shape) cache.set(key, fresh.shape);
  return fresh.prepared;
}

function compileFresh(
  db: Connection,
  model: ModelClass,
  state: QueryState,
  ctx: ValueContext,
  lookupCount: number | undefined,
): { prepared: PreparedSelect; shape?: CachedShape } {
  const compiler = new SqlCompiler(model, db, ctx);
  if (lookupCount !== undefined) compiler.recordedLookups = [];
  const compiled = compileSelect(compiler, state);
  const read = rowReader(compiled, state, model, db.alias, ctx);
  const lookups = compiler.recordedLookups;
  compiler.recordedLookups = undefined;
  // A copy: the cached compiler's own array is reused by the next query of this shape.
  const prepared = { sql: compiled.sql, params: lookups ? compiler.params.slice() : compiler.params, read };
  // Cacheable when every parameter came from the recorded lookups, one after another from the first:
  // a lookup compiled another way (a subquery for exclude() across a many-valued relation) is not.
  if (!lookups || lookups.length !== lookupCount) return { prepared };
  let next = 0;
  for (const lookup of lookups) {
    if (lookup.firstParam !== next) return { prepared };
    next += lookup.paramCount;
  }
  if (next !== compiler.params.length) return { prepared };
  return { prepared, shape: { sql: compiled.sql, compiler, lookups, read } };
}

/** The parameters for new filter values, or undefined when one of them compiles to other SQL. */
function rebind(shape: CachedShape, values: unknown[]): unknown[] | undefined {
  const { compiler, lookups } = shape;
  // The recorded lookups bind through their compiler: start its parameters afresh (numbering $1… again).
  compiler.params.length = 0;
  try {
    for (let i = 0; i < lookups.length; i++) {
      if (lookups[i].emit(values[i]) !== lookups[i].sql) return undefined;
    }
    return compiler.params.slice();
  } finally {
    compiler.params.length = 0;
  }
}

const SEP = '\u0000';

/**
 * The shape key of a query, pushing its filter values (in compile order) onto `values`; undefined
 * when the query holds something the key cannot describe.
 */
function shapeKey(model: ModelClass, state: QueryState, ctx: ValueContext, values: unknown[]): string | undefined {
  if (Object.keys(state.annotations).length > 0) return undefined;
  let key = `${registryVersion()}${SEP}${ctx.vendor}${SEP}${ctx.useTz ? 1 : 0}${ctx.timeZone}${SEP}${state.low}:${state.high ?? ''}${state.distinct ? 'D' : ''}`;
  const ordering = state.ordering === undefined ? effectiveOrdering(model, state) : state.ordering;
  key += `${SEP}o${state.ordering === undefined ? '*' : ''}`;
  for (const item of ordering) {
    if (typeof item !== 'string') return undefined;
    key += `${item},`;
  }
  if (state.values) key += `${SEP}v${state.values.mode}:${state.values.fields.join(',')}`;
  if (state.only) key += `${SEP}only:${state.only.join(',')}`;
  if (state.defer.length > 0) key += `${SEP}defer:${state.defer.join(',')}`;
  if (state.selectRelated.length > 0) key += `${SEP}sr:${state.selectRelated.join(',')}`;
  for (const extra of state.extra) key += `${SEP}x:${extra.path}>${extra.as}`;
  key += `${SEP}w`;
  for (const node of state.where) {
    const part = nodeKey(node, values);
    if (part === undefined) return undefined;
    key += part;
  }
  return key;
}

function nodeKey(node: QNode, values: unknown[]): string | undefined {
  let key = `(${node.negated ? '!' : ''}${node.connector}`;
  for (const child of node.children) {
    if (child instanceof QNode) {
      const part = nodeKey(child, values);
      if (part === undefined) return undefined;
      key += part;
      continue;
    }
    if (child instanceof Expression) return undefined;
    const [name, value] = child as [string, unknown];
    const kind = valueKind(value);
    if (kind === undefined) return undefined;
    key += `${SEP}${name}=${kind}`;
    values.push(value);
  }
  return `${key})`;
}

/** What of a filter value can change the SQL: its type, its truth (isnull), a list's length and items' types. */
function valueKind(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'n';
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'bigint':
    case 'boolean':
      return `${typeof value}${value ? 1 : 0}`;
    case 'object':
      if (value instanceof Date) return 'date';
      // An instance binds its primary key.
      if (isModelInstance(value)) return 'instance';
      if (Array.isArray(value)) {
        let kind = `[${value.length}`;
        for (const item of value) {
          if (item !== null && typeof item === 'object' && !(item instanceof Date)) return undefined;
          kind += item === null || item === undefined ? 'n' : 'v';
        }
        return `${kind}]`;
      }
      return undefined;
    default:
      return undefined;
  }
}

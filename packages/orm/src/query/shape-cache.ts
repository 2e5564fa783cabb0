import type { Connection } from '../connection.js';
import { Expression, QNode } from '../expressions.js';
import { LruMap } from '../lru-map.js';
import type { ModelClass } from '../model-options.js';
import { registryVersion } from '../registry.js';
import type { ValueContext } from '../values.js';
import { isModelInstance, SqlCompiler, type RecordedLookup } from './compiler.js';
import type { QueryState } from './query-state.js';
import { effectiveOrdering } from './select.js';

/** A query compiled for one shape: its SQL, the reader of its rows (arrays in select-list order). */
export interface CompiledQuery {
  sql: string;
  read: (row: unknown[]) => unknown;
  /** Whether some column needs integers beyond 2^53 exactly (read as BigInt where the driver can). */
  exactIntegers: boolean;
}

/** A query ready to run: a compiled query and its parameters. */
export interface PreparedQuery extends CompiledQuery {
  params: unknown[];
}

/**
 * One kind of query run for a queryset (its rows, count(), exists(), aggregate()): what it adds to
 * the shape key, and how it compiles.
 */
export interface QueryKind {
  /** Distinguishes this kind's shapes from other kinds'; undefined when it cannot be described (it then compiles every time). */
  readonly key: string | undefined;
  compile(compiler: SqlCompiler, state: QueryState, context: CompileContext): CompiledQuery;
}

/** What a query kind compiles for besides the queryset: the connection's alias and value settings, and whether the result is kept. */
export interface CompileContext {
  alias: string;
  ctx: ValueContext;
  /** True when the compiled query may be cached for later queries of its shape (worth more work up front). */
  reused: boolean;
}

/** A compiled query shape: the same SQL for every query differing only in its filter values. */
interface CachedShape extends CompiledQuery {
  compiler: SqlCompiler;
  lookups: RecordedLookup[];
}

/** The shapes of one model on one connection, valid while the registry and value settings are the ones they were compiled under. */
interface ModelShapes {
  registryVersion: number;
  vendor: string;
  useTz: boolean;
  timeZone: string;
  cache: LruMap<CachedShape>;
}

/** Shapes kept per model and connection. */
const SHAPES_PER_MODEL = 200;
const shapes = new WeakMap<Connection, WeakMap<ModelClass, ModelShapes>>();

/**
 * A query of `kind` for a queryset, compiled once per query shape. A shape is everything that
 * decides the SQL text: the kind, the model, the connection and value settings, the filter keys and
 * the kind of each value (null, a list's length, isnull's truth), ordering, slicing and the selected
 * fields. Querysets that differ only in filter values share the SQL (and so the connection's
 * prepared statement) and bind their own values through each lookup's recorded compiler. Anything
 * harder to describe (expressions, annotations, querysets as values, lists of instances) compiles
 * every time.
 */
export function prepareQuery(db: Connection, model: ModelClass, state: QueryState, ctx: ValueContext, kind: QueryKind): PreparedQuery {
  const values: unknown[] = [];
  const key = kind.key === undefined ? undefined : shapeKey(model, state, kind.key, values);
  if (key === undefined) return compileFresh(db, model, state, ctx, kind, undefined).prepared;
  const cache = modelShapes(db, model, ctx);
  const shape = cache.get(key);
  if (shape) {
    const params = rebind(shape, values);
    if (params) return { sql: shape.sql, params, read: shape.read, exactIntegers: shape.exactIntegers };
    // A value changed the SQL after all (the key did not capture it): compile it the long way.
    return compileFresh(db, model, state, ctx, kind, undefined).prepared;
  }
  const fresh = compileFresh(db, model, state, ctx, kind, values.length);
  if (fresh.shape) cache.set(key, fresh.shape);
  return fresh.prepared;
}

/** The shape cache of `model` on `db`, emptied when the registry or the value settings changed since it was filled. */
function modelShapes(db: Connection, model: ModelClass, ctx: ValueContext): LruMap<CachedShape> {
  let byModel = shapes.get(db);
  if (!byModel) {
    byModel = new WeakMap();
    shapes.set(db, byModel);
  }
  const version = registryVersion();
  let entry = byModel.get(model);
  if (!entry || entry.registryVersion !== version || entry.vendor !== ctx.vendor || entry.useTz !== ctx.useTz || entry.timeZone !== ctx.timeZone) {
    entry = { registryVersion: version, vendor: ctx.vendor, useTz: ctx.useTz, timeZone: ctx.timeZone, cache: new LruMap(SHAPES_PER_MODEL) };
    byModel.set(model, entry);
  }
  return entry.cache;
}

function compileFresh(
  db: Connection,
  model: ModelClass,
  state: QueryState,
  ctx: ValueContext,
  kind: QueryKind,
  lookupCount: number | undefined,
): { prepared: PreparedQuery; shape?: CachedShape } {
  const compiler = new SqlCompiler(model, db, ctx);
  if (lookupCount !== undefined) compiler.recordedLookups = [];
  const compiled = kind.compile(compiler, state, { alias: db.alias, ctx, reused: lookupCount !== undefined });
  const lookups = compiler.recordedLookups;
  compiler.recordedLookups = undefined;
  // A copy: the cached compiler's own array is reused by the next query of this shape.
  const prepared: PreparedQuery = {
    sql: compiled.sql,
    params: lookups ? compiler.params.slice() : compiler.params,
    read: compiled.read,
    exactIntegers: compiled.exactIntegers,
  };
  // Cacheable when every parameter came from the recorded lookups, one after another from the first:
  // a lookup compiled another way (a subquery for exclude() across a many-valued relation) is not.
  if (!lookups || lookups.length !== lookupCount) return { prepared };
  let next = 0;
  for (const lookup of lookups) {
    if (lookup.firstParam !== next) return { prepared };
    next += lookup.paramCount;
  }
  if (next !== compiler.params.length) return { prepared };
  return { prepared, shape: { ...compiled, compiler, lookups } };
}

/** The parameters for new filter values, or undefined when one of them compiles to other SQL. */
function rebind(shape: CachedShape, values: unknown[]): unknown[] | undefined {
  const { compiler, lookups } = shape;
  const params = compiler.params;
  // The recorded lookups bind through their compiler: start its parameters afresh (numbering $1… again).
  params.length = 0;
  try {
    for (let i = 0; i < lookups.length; i++) {
      // The shape key fixes what of a value picks the SQL (null, truth, a list's length); comparing the
      // text as well keeps a lookup whose SQL turns on something else from running the wrong statement.
      if (lookups[i].emit(values[i]) !== lookups[i].sql) return undefined;
    }
    return params.slice();
  } finally {
    params.length = 0;
  }
}

const SEP = '\u0000';

/**
 * Short codes standing for the names in shape keys (kinds, field paths, orderings). A key is built
 * and hashed on every query, and hashing costs by the character: names written out made up most of
 * it. Codes are base-36 numbers, never starting with \u0001, which marks a name written out once
 * the table is full (names from code are few; this bounds names from elsewhere).
 */
const nameCodes = new Map<string, string>();
const MAX_NAME_CODES = 10_000;

/** @internal The code standing for `name` in shape keys. */
export function nameCode(name: string): string {
  let code = nameCodes.get(name);
  if (code === undefined) {
    if (nameCodes.size >= MAX_NAME_CODES) return `\u0001${name}`;
    code = nameCodes.size.toString(36);
    nameCodes.set(name, code);
  }
  return code;
}

/** The codes of `names`, each followed by a comma. */
function namesKey(names: readonly string[]): string {
  let key = '';
  for (const name of names) key += `${nameCode(name)},`;
  return key;
}

/**
 * The shape key of a query (within its model's cache), pushing its filter values (in compile order)
 * onto `values`; undefined when the query holds something the key cannot describe.
 */
function shapeKey(model: ModelClass, state: QueryState, kindKey: string, values: unknown[]): string | undefined {
  for (const _ in state.annotations) return undefined;
  let key = `${nameCode(kindKey)}${SEP}${state.low}:${state.high ?? ''}${state.distinct ? 'D' : ''}${SEP}o${state.ordering === undefined ? '*' : ''}`;
  const ordering = state.ordering === undefined ? effectiveOrdering(model, state) : state.ordering;
  for (const item of ordering) {
    if (typeof item !== 'string') return undefined;
    key += `${nameCode(item)},`;
  }
  if (state.values) key += `${SEP}v${state.values.mode}:${namesKey(state.values.fields)}`;
  if (state.only) key += `${SEP}only:${namesKey(state.only)}`;
  if (state.defer.length > 0) key += `${SEP}defer:${namesKey(state.defer)}`;
  if (state.selectRelated.length > 0) key += `${SEP}sr:${namesKey(state.selectRelated)}`;
  for (const extra of state.extra) key += `${SEP}x:${nameCode(extra.path)}>${nameCode(extra.as)}`;
  key += `${SEP}w`;
  for (const node of state.where) {
    const part = nodeKey(node, values);
    if (part === undefined) return undefined;
    key += part;
  }
  return key;
}

function nodeKey(node: QNode, values: unknown[]): string | undefined {
  let key = `(${node.negated ? '!' : ''}${node.connector === 'AND' ? '&' : '|'}`;
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
    key += `${SEP}${nameCode(name)}=${kind}`;
    values.push(value);
  }
  return `${key})`;
}

/** What of a filter value can change the SQL: its type, its truth (isnull), a list's length and items' types. */
function valueKind(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'n';
  switch (typeof value) {
    case 'string':
      return value ? 's1' : 's0';
    case 'number':
      return value ? 'f1' : 'f0';
    case 'bigint':
      return value ? 'b1' : 'b0';
    case 'boolean':
      return value ? 't1' : 't0';
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

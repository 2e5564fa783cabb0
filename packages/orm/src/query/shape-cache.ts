import type { Connection } from '../connection.js';
import { Expression, QNode } from '../expressions.js';
import type { ModelClass } from '../model-options.js';
import { registryVersion } from '../registry.js';
import type { ValueContext } from '../values.js';
import { isModelInstance, OTHER_SQL, SqlCompiler, type RecordedLookup } from './compiler.js';
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
 * the shape path, and how it compiles.
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

/**
 * One step of a model's shape trie: the shape whose path ends here, and the step after each next
 * token. A path spells out a query's shape in tokens (its kind, slicing, ordering and field names,
 * each filter's name and value kind, symbols closing each part). Names from code are interned
 * strings and slicing is numbers, so each step costs a comparison or a Map lookup, where one key
 * string per query was built, hashed and compared in full.
 */
class ShapeStep {
  shape: CachedShape | undefined = undefined;
  private readonly shapes: ModelShapes;
  // The token followed last from here, and where it led: a server repeats the same few paths.
  private lastToken: unknown = NO_TOKEN;
  private lastStep: ShapeStep | undefined = undefined;
  private steps: Map<unknown, ShapeStep> | undefined = undefined;

  constructor(shapes: ModelShapes) {
    this.shapes = shapes;
  }

  /** The step after `token` (a new one the first time). */
  next(token: unknown): ShapeStep {
    if (token === this.lastToken) return this.lastStep!;
    this.steps ??= new Map();
    let step = this.steps.get(token);
    if (step === undefined) {
      step = new ShapeStep(this.shapes);
      this.steps.set(token, step);
      this.shapes.stepCount++;
    }
    this.lastToken = token;
    this.lastStep = step;
    return step;
  }
}

/** Tokens closing or opening a part of a path: symbols, never equal to a name, number or value kind. */
const NO_TOKEN = Symbol('none followed yet');
const NO_HIGH = Symbol('no upper bound');
const DEFAULT_ORDERING = Symbol('the model ordering');
const END = Symbol('end of a list');
const VALUES = Symbol('values');
const ONLY = Symbol('only');
const DEFER = Symbol('defer');
const SELECT_RELATED = Symbol('selectRelated');
const EXTRA = Symbol('extra');
const WHERE = Symbol('where');
const CLOSE = Symbol(')');
const OPEN = { AND: Symbol('(and'), OR: Symbol('(or'), NOT_AND: Symbol('not (and'), NOT_OR: Symbol('not (or') } as const;

/** The shapes of one model on one connection, valid while the registry and value settings are the ones they were compiled under. */
class ModelShapes {
  /** Steps in the trie: past MAX_STEPS_PER_MODEL it starts afresh (`__in` lists of every length, offsets of every page). */
  stepCount = 0;
  readonly root = new ShapeStep(this);

  constructor(
    readonly registryVersion: number,
    readonly ctx: ValueContext,
  ) {}

  /** Whether these shapes were compiled under `version` and the value settings of `ctx`, and there is room for more. */
  fits(version: number, ctx: ValueContext): boolean {
    return (
      this.registryVersion === version &&
      this.ctx.vendor === ctx.vendor &&
      this.ctx.useTz === ctx.useTz &&
      this.ctx.timeZone === ctx.timeZone &&
      this.stepCount <= MAX_STEPS_PER_MODEL
    );
  }
}

/** Trie steps kept per model and connection (a path has about 15 to 30, most shared with other shapes). */
const MAX_STEPS_PER_MODEL = 5000;
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
  const step = kind.key === undefined ? undefined : shapeStep(modelShapes(db, model, ctx), model, state, kind.key, values);
  if (step === undefined) return compileFresh(db, model, state, ctx, kind, undefined).prepared;
  const shape = step.shape;
  if (shape) {
    const params = rebind(shape, values);
    if (params) return { sql: shape.sql, params, read: shape.read, exactIntegers: shape.exactIntegers };
    // A value changed the SQL after all (the path did not capture it): compile it the long way.
    return compileFresh(db, model, state, ctx, kind, undefined).prepared;
  }
  const fresh = compileFresh(db, model, state, ctx, kind, values.length);
  if (fresh.shape) step.shape = fresh.shape;
  return fresh.prepared;
}

/** The shapes of `model` on `db`, emptied when the registry or the value settings changed since they were compiled, or when full. */
function modelShapes(db: Connection, model: ModelClass, ctx: ValueContext): ModelShapes {
  let byModel = shapes.get(db);
  if (!byModel) {
    byModel = new WeakMap();
    shapes.set(db, byModel);
  }
  const version = registryVersion();
  let entry = byModel.get(model);
  if (!entry?.fits(version, ctx)) {
    entry = new ModelShapes(version, ctx);
    byModel.set(model, entry);
  }
  return entry;
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
  // The array is the query's own: a rebind of the cached compiler binds into a new one.
  const prepared: PreparedQuery = {
    sql: compiled.sql,
    params: compiler.params,
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
  // The recorded lookups bind through their compiler: a new array numbers their placeholders $1… again.
  const params: unknown[] = [];
  compiler.params = params;
  for (let i = 0; i < lookups.length; i++) {
    const lookup = lookups[i];
    // A lookup compiled to its one-placeholder form writes the same text for any value binding one
    // parameter there (in the same position): bind that parameter alone.
    if (lookup.oneParam !== undefined && params.length === lookup.firstParam) {
      const param = lookup.oneParam(values[i]);
      if (param !== OTHER_SQL) {
        params.push(param);
        continue;
      }
    }
    // The shape path fixes what of a value picks the SQL (null, truth, a list's length); comparing the
    // text as well keeps a lookup whose SQL turns on something else from running the wrong statement.
    if (lookup.emit(values[i]) !== lookup.sql) return undefined;
  }
  return params;
}

/**
 * The trie step at the end of a query's path (within its model's shapes), pushing its filter values
 * (in compile order) onto `values`; undefined when the query holds something a path cannot describe.
 */
function shapeStep(shapes: ModelShapes, model: ModelClass, state: QueryState, kindKey: string, values: unknown[]): ShapeStep | undefined {
  for (const _ in state.annotations) return undefined;
  let step = shapes.root
    .next(kindKey)
    .next(state.low)
    .next(state.high ?? NO_HIGH)
    .next(state.distinct);
  if (state.ordering === undefined) step = step.next(DEFAULT_ORDERING);
  for (const item of effectiveOrdering(model, state)) {
    if (typeof item !== 'string') return undefined;
    step = step.next(item);
  }
  step = step.next(END);
  if (state.values) step = namesStep(step.next(VALUES).next(state.values.mode), state.values.fields);
  if (state.only) step = namesStep(step.next(ONLY), state.only);
  if (state.defer.length > 0) step = namesStep(step.next(DEFER), state.defer);
  if (state.selectRelated.length > 0) step = namesStep(step.next(SELECT_RELATED), state.selectRelated);
  for (const extra of state.extra) step = step.next(EXTRA).next(extra.path).next(extra.as);
  step = step.next(WHERE);
  for (const node of state.where) {
    const next = nodeStep(step, node, values);
    if (next === undefined) return undefined;
    step = next;
  }
  return step;
}

function namesStep(step: ShapeStep, names: readonly string[]): ShapeStep {
  for (const name of names) step = step.next(name);
  return step.next(END);
}

function nodeStep(step: ShapeStep, node: QNode, values: unknown[]): ShapeStep | undefined {
  step = step.next(node.negated ? (node.connector === 'AND' ? OPEN.NOT_AND : OPEN.NOT_OR) : node.connector === 'AND' ? OPEN.AND : OPEN.OR);
  for (const child of node.children) {
    if (child instanceof QNode) {
      const next = nodeStep(step, child, values);
      if (next === undefined) return undefined;
      step = next;
      continue;
    }
    if (child instanceof Expression) return undefined;
    const [name, value] = child as [string, unknown];
    const kind = valueKind(value);
    if (kind === undefined) return undefined;
    step = step.next(name).next(kind);
    values.push(value);
  }
  return step.next(CLOSE);
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

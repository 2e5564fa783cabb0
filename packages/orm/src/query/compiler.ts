import type { Dialect } from '@manouche/contracts';
import { FieldError } from '../errors.js';
import { Aggregate, Combined, Expression, FieldRef, isExpression, OrderBy, QNode, SqlExpression, type FieldLike, type SqlBuilder } from '../expressions.js';
import { outputFieldOfType } from '../functions.js';
import { SubqueryExpression } from '../subqueries.js';
import type { Field } from '../fields/field.js';
import { ForeignKeyField, ManyToManyField } from '../fields/relation-fields.js';
import type { ModelClass } from '../model-options.js';
import { toDbValue } from '../values.js';
import { JoinResolver, isModelInstance, valueField } from './join-resolver.js';
import { isLookup, isTransform, LOOKUPS, TRANSFORMS, patternSql, regexSql, transformSql, type LookupName, type TransformName } from './lookups.js';
import type { QueryState } from './query-state.js';

export { isModelInstance, valueField, JoinResolver } from './join-resolver.js';
export type { CompileTarget, ResolvedPath, SelectedColumn } from './join-resolver.js';

/** @internal What `RecordedLookup.oneParam` answers for a value that compiles to other SQL than one placeholder. */
export const OTHER_SQL: unique symbol = Symbol('other SQL');

/** @internal One compiled filter lookup: its SQL, and the function that compiles it again for another value. */
export interface RecordedLookup {
  sql: string;
  emit(value: unknown): string;
  /**
   * Set when `sql` is the lookup's one-placeholder form (`col = ?`, `col > ?`): the parameter another
   * value binds there, or OTHER_SQL when that value compiles to other SQL (null, an expression).
   * emit() writes that form from the placeholder alone, so the same placeholder gives the same text.
   */
  oneParam: ((value: unknown) => unknown) | undefined;
  /** Where its parameters start, and how many it bound. */
  firstParam: number;
  paramCount: number;
}

/** Compiles one queryset into SQL with parameters: filters (WHERE/HAVING), expressions, aggregates, ordering. */
export class SqlCompiler extends JoinResolver implements SqlBuilder {
  private negations = 0;
  /** The queryset's annotations, which filter() may name (aggregates then go to HAVING). */
  annotations: Record<string, Expression> = {};
  /** The enclosing query's compiler, inside Subquery()/Exists() (OuterRef resolves there). */
  outer: SqlCompiler | undefined;
  /** @internal Set while compiling a query whose shape may be cached: each filter lookup compiled, in order. */
  recordedLookups: RecordedLookup[] | undefined;

  /** An expression (F, arithmetic, functions, Case, subqueries, aggregates) or a plain value (bound as a parameter). */
  expression(value: unknown, field?: FieldLike): string {
    if (value instanceof FieldRef) {
      if (Object.hasOwn(this.annotations, value.name)) return this.annotationSql(value.name);
      return this.columnFor(value.name, 'an F() expression').sql;
    }
    if (value instanceof Combined) return `(${this.expression(value.lhs, field)} ${value.operator} ${this.expression(value.rhs, field)})`;
    if (value instanceof Aggregate) {
      if (!this.allowJoins) throw new FieldError(`Aggregate functions are not allowed in this query (${String(value)} on ${this.model.name}).`);
      return this.aggregateSql(value, 'an aggregate').sql;
    }
    if (value instanceof SqlExpression) return value.toSql(this);
    if (value instanceof OrderBy) throw new FieldError(`${String(value.expression)}.asc()/desc() belongs in orderBy(), not in a value.`);
    if (isModelInstance(value)) return this.param(value.pk);
    if (field) return this.param(toDbValue(field as Field, value, this.ctx));
    return this.typedParam(value);
  }

  /**
   * A plain value with no field to convert it for. PostgreSQL types a bare parameter from its
   * context, which inside CASE or SUM is text: numbers and booleans get an explicit cast.
   */
  typedParam(value: unknown): string {
    // A Date is stored text on SQLite/MySQL: bind it in the stored format so comparisons hold.
    if (value instanceof Date) return this.param(toDbValue(outputFieldOfType('dateTime'), value, this.ctx));
    if (this.dialect !== 'postgresql') return this.param(typeof value === 'boolean' ? Number(value) : value);
    if (typeof value === 'boolean') return `${this.param(value)}::boolean`;
    if (typeof value === 'bigint') return `${this.param(value)}::bigint`;
    if (typeof value === 'number')
      return `${this.param(value)}::${Number.isInteger(value) ? (Math.abs(value) <= 2147483647 ? 'integer' : 'bigint') : 'double precision'}`;
    return this.param(value);
  }

  /** An annotation's SQL, compiled in the select list's join scope. */
  private annotationSql(name: string): string {
    const scope = this.scope;
    this.scope = '';
    try {
      return this.aggregateSql(this.annotations[name], `annotation "${name}"`).sql;
    } finally {
      this.scope = scope;
    }
  }

  /** SqlBuilder: a Q condition on this query's model. */
  condition(node: QNode): string {
    return this.node(node);
  }

  /** SqlBuilder: a column of the enclosing query. */
  outerColumn(name: string): string {
    if (!this.outer) throw new FieldError(`OuterRef("${name}") is only allowed inside Subquery() or Exists() (in a query on ${this.model.name}).`);
    return this.outer.expression(new FieldRef(name));
  }

  /** SqlBuilder: a queryset as a subquery of this query. */
  subquery(queryset: unknown, kind: 'value' | 'exists'): string {
    const qs = asSubqueryable(queryset);
    const sub = this.subCompiler(qs.model);
    sub.outer = this;
    let state = qs.state;
    if (kind === 'exists') {
      state = { ...state, values: { fields: ['pk'], mode: 'flat' }, annotations: {}, ordering: [] };
    } else {
      const selected = state.values ? state.values.fields.length || Object.keys(state.annotations).length : 0;
      if (!state.values || selected !== 1)
        throw new FieldError(`Subquery() needs a queryset selecting exactly one field (use values('field')) on ${qs.model.name}.`);
      if (state.high === undefined) state = { ...state, ordering: [] };
    }
    return compileSubselect(sub, state);
  }

  /** SqlBuilder: the field whose type a value has, when known. */
  outputFieldOf(value: unknown): FieldLike | undefined {
    if (value instanceof FieldRef) {
      if (Object.hasOwn(this.annotations, value.name)) return this.outputFieldOf(this.annotations[value.name]);
      return this.columnFor(value.name, 'an F() expression').field;
    }
    if (value instanceof Combined) return this.outputFieldOf(value.lhs) ?? this.outputFieldOf(value.rhs);
    if (value instanceof Aggregate) {
      if (value.fn === 'COUNT') return outputFieldOfType('integer');
      if (value.fn === 'AVG' || value.fn.startsWith('STDDEV') || value.fn.startsWith('VAR')) return outputFieldOfType('float');
      if (value.field === '*') return undefined;
      return typeof value.field === 'string' ? this.columnFor(value.field, 'an aggregate').field : this.outputFieldOf(value.field);
    }
    if (value instanceof SubqueryExpression) {
      if (value.options.outputField) return value.options.outputField;
      const qs = asSubqueryable(value.queryset);
      const name = qs.state.values?.fields[0];
      if (!name) return undefined;
      const probe = new SqlCompiler(qs.model, this.target, this.ctx, { n: 1 });
      probe.annotations = qs.state.annotations;
      return probe.outputFieldOf(new FieldRef(name));
    }
    if (value instanceof SqlExpression) return value.outputField(this);
    if (typeof value === 'boolean') return outputFieldOfType('boolean');
    if (value instanceof Date) return outputFieldOfType('dateTime');
    return undefined;
  }

  /**
   * The WHERE clause of all nodes (ANDed), or '' when there is none. Each node is one filter()
   * call: the first shares its joins with the select list, each later one gets its own joins
   * across multi-valued relations (Django's semantics for chained filters).
   */
  where(nodes: QNode[]): string {
    const parts: string[] = [];
    for (let i = 0; i < nodes.length; i++) {
      this.scope = i === 0 ? '' : `w${i}`;
      const sql = this.node(nodes[i]);
      if (sql) parts.push(sql);
    }
    this.scope = '';
    return parts.join(' AND ');
  }

  private node(node: QNode): string {
    if (node.negated) this.negations++;
    const parts = node.children
      .map((child) =>
        child instanceof QNode ? this.node(child) : child instanceof Expression ? this.conditionExpression(child) : this.lookup(child[0], child[1]),
      )
      .filter(Boolean);
    if (node.negated) this.negations--;
    if (parts.length === 0) return '';
    const joined = parts.length > 1 ? `(${parts.join(` ${node.connector} `)})` : parts[0];
    return node.negated ? `NOT ${joined.startsWith('(') ? joined : `(${joined})`}` : joined;
  }

  /** An annotation's SQL (compiled in the select list's join scope) and how values compared with it convert. */
  private annotationTarget(name: string): { sql: string; field?: Field; converter: Field | 'int' | 'number' } {
    const scope = this.scope;
    this.scope = '';
    const { sql, field, aggregate } = this.aggregateSql(this.annotations[name], `filter() on annotation "${name}"`);
    this.scope = scope;
    if (!aggregate && field?.type === 'boolean') return { sql, field, converter: field };
    if (aggregate?.fn === 'COUNT') return { sql, converter: 'int' };
    if (aggregate && (aggregate.fn === 'AVG' || aggregate.fn.startsWith('STDDEV') || aggregate.fn.startsWith('VAR'))) return { sql, converter: 'number' };
    if (field && !(aggregate?.fn === 'SUM' && field.type !== 'decimal')) return { sql, field, converter: valueField(field) };
    return { sql, field, converter: 'number' };
  }

  /** A boolean expression used as a filter condition (`filter(Exists(...))`). */
  private conditionExpression(expression: Expression): string {
    if (this.outputFieldOf(expression)?.type !== 'boolean') {
      throw new FieldError(`filter() on ${this.model.name} takes lookups, Q objects or boolean expressions such as Exists(); got ${String(expression)}.`);
    }
    const sql = this.expression(expression);
    // A boolean that is not a predicate (a column, CASE) compares with TRUE; EXISTS is one already.
    return sql.startsWith('EXISTS(') ? sql : `${sql} = ${this.typedParam(true)}`;
  }

  /** Whether a filter node names an aggregate annotation (it then belongs in HAVING). */
  refersToAggregate(node: QNode): boolean {
    return node.children.some((child) => {
      if (child instanceof QNode) return this.refersToAggregate(child);
      if (child instanceof Expression) return containsAggregate(child);
      const head = child[0].split('__', 1)[0];
      return Object.hasOwn(this.annotations, head) && containsAggregate(this.annotations[head]);
    });
  }

  /**
   * Splits filter nodes into WHERE and HAVING parts: conditions on aggregate annotations go to
   * HAVING (ANDed conditions are split; an OR or NOT that mixes both goes to HAVING whole).
   * The WHERE list keeps each node's position, so join scopes stay per filter() call.
   */
  splitHaving(nodes: QNode[]): { where: QNode[]; having: QNode[] } {
    const where: QNode[] = [];
    const having: QNode[] = [];
    for (const node of nodes) {
      if (!this.refersToAggregate(node)) {
        where.push(node);
      } else if (node.connector === 'AND' && !node.negated) {
        const mine = node.children.filter((child) => (child instanceof QNode ? this.refersToAggregate(child) : this.refersToAggregate(new QNode([child]))));
        where.push(new QNode(node.children.filter((child) => !mine.includes(child))));
        having.push(new QNode(mine));
      } else {
        where.push(new QNode([]));
        having.push(node);
      }
    }
    return { where, having };
  }

  /** The HAVING clause of the nodes, or ''. */
  having(nodes: QNode[]): string {
    return nodes
      .map((node) => this.node(node))
      .filter(Boolean)
      .join(' AND ');
  }

  /** Whether a lookup path crosses a relation with many rows per row (reverse foreign key, many-to-many). */
  private crossesManyRows(path: string): boolean {
    let model = this.model;
    for (const name of path.split('__')) {
      const field = model._meta.getField(name);
      if (field instanceof ForeignKeyField) {
        model = model._meta.remoteModel(field);
        continue;
      }
      if (field instanceof ManyToManyField) return true;
      if (field) return false;
      const reverse = model._meta.reverseRelations().find((relation) => relation.queryName === name);
      if (!reverse) return false;
      if (reverse.kind !== 'oneToOne') return true;
      model = reverse.model;
    }
    return false;
  }

  private lookup(key: string, value: unknown): string {
    if (this.negations > 0 && this.crossesManyRows(key)) {
      // Django's exclude() across a multi-valued relation: rows none of whose related rows match.
      const sub = this.subCompiler(this.model);
      const pk = this.model._meta.pk.column;
      const condition = sub.lookup(key, value);
      return `${this.column(this.baseAlias, pk)} IN (SELECT ${sub.column(sub.baseAlias, pk)} FROM ${sub.fromSql()} WHERE ${condition})`;
    }
    const head = key.split('__', 1)[0];
    let lhs: string;
    let rest: string[];
    let converter: Field | 'int' | 'date' | 'time' | 'number';
    let field: Field | undefined;
    let nullable: boolean;
    let subject: string;
    if (Object.hasOwn(this.annotations, head)) {
      const target = this.annotationTarget(head);
      lhs = target.sql;
      field = target.field;
      converter = target.converter;
      rest = key.split('__').slice(1);
      nullable = false;
      subject = `annotation "${head}"`;
    } else {
      const resolved = this.resolve(key, 'filter()');
      field = resolved.field;
      rest = [...resolved.rest];
      lhs = this.column(resolved.alias, field instanceof ManyToManyField ? resolved.model._meta.pk.column : field.column);
      converter = valueField(field);
      nullable = field.nullable;
      subject = `${field.type} field "${field.name}"`;
    }
    while (rest.length > 0 && isTransform(rest[0]) && !isLookup(rest[0])) {
      const transform = rest.shift() as TransformName;
      if (!field || !['date', 'dateTime'].includes(field.type)) {
        throw new FieldError(`Unsupported lookup "${transform}" for ${subject}; date transforms apply to date and dateTime fields.`);
      }
      lhs = transformSql(this.dialect, transform, lhs, field.type === 'dateTime', this.ctx.useTz ? this.ctx.timeZone : 'UTC');
      if (transform === 'time' && field.type !== 'dateTime')
        throw new FieldError(`Unsupported lookup "time" for ${subject}; the time transform applies to dateTime fields.`);
      converter = transform === 'date' ? 'date' : transform === 'time' ? 'time' : 'int';
    }
    const lookup = rest.shift() ?? 'exact';
    if (!isLookup(lookup) || rest.length > 0) {
      throw new FieldError(
        `Unsupported lookup "${[lookup, ...rest].join('__')}" for ${subject} in "${key}". Lookups are: ${LOOKUPS.join(', ')}; transforms: ${TRANSFORMS.join(', ')}.`,
      );
    }
    /** The parameter a plain value (not an expression) binds as. */
    const paramOf = (v: unknown): unknown => {
      if (isModelInstance(v)) return v.pk;
      if (converter === 'int') {
        const n = Number(v);
        if (!Number.isInteger(n)) throw new FieldError(`"${key}" expects a whole number, got ${JSON.stringify(v)}.`);
        return n;
      }
      if (converter === 'date') return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
      if (converter === 'time') return timeLookupValue(key, v, this.dialect);
      if (converter === 'number') {
        const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
        if (typeof n !== 'number' || !Number.isFinite(n)) throw new FieldError(`"${key}" expects a number, got ${JSON.stringify(v)}.`);
        return n;
      }
      return toDbValue(converter, v, this.ctx);
    };
    const bind = (v: unknown): string => (isExpression(v) ? this.expression(v) : this.param(paramOf(v)));
    const negated = this.negations > 0;
    const guard = (sql: string): string => (negated && nullable ? `(${sql} AND ${lhs} IS NOT NULL)` : sql);
    // Lookups comparing with one value: their SQL is a function of the placeholder alone (onePlaceholderSql),
    // so a cached shape binds another value's parameter (oneParam) without writing and comparing the SQL again.
    const oneParam = oneParamOf(lookup, paramOf);
    const onePlaceholderSql = (placeholder: string): string => {
      switch (lookup) {
        case 'exact':
          return guard(`${lhs} = ${placeholder}`);
        case 'iexact':
          return guard(`UPPER(${lhs}) = UPPER(${placeholder})`);
        case 'regex':
        case 'iregex':
          return guard(regexSql(this.dialect, lookup === 'iregex', lhs, placeholder));
        default:
          return guard(`${lhs} ${COMPARISONS[lookup as keyof typeof COMPARISONS]} ${placeholder}`);
      }
    };
    // The lookup's SQL for a value, binding its parameters; kept so a cached query shape binds new values without resolving again.
    const emit = (value: unknown): string => {
      const one = oneParam === undefined ? OTHER_SQL : oneParam(value);
      if (one !== OTHER_SQL) return onePlaceholderSql(this.param(one));
      switch (lookup) {
        case 'isnull':
          return value ? `${lhs} IS NULL` : `${lhs} IS NOT NULL`;
        case 'in':
          return guard(this.inSql(lhs, value, bind, key));
        case 'range': {
          if (!Array.isArray(value) || value.length !== 2) throw new FieldError(`"${key}" expects a [low, high] pair.`);
          return guard(`${lhs} BETWEEN ${bind(value[0])} AND ${bind(value[1])}`);
        }
        case 'exact':
        case 'iexact':
        case 'gt':
        case 'gte':
        case 'lt':
        case 'lte':
        case 'regex':
        case 'iregex':
          // What oneParam leaves: null (exact, iexact) or an expression (exact, comparisons).
          return value === null || value === undefined ? `${lhs} IS NULL` : onePlaceholderSql(this.expression(value));
        default:
          return guard(patternSql(this.dialect, lookup, lhs, String(value), (v) => this.param(v)));
      }
    };
    const firstParam = this.params.length;
    const sql = emit(value);
    if (this.recordedLookups) {
      const one = oneParam === undefined ? OTHER_SQL : oneParam(value);
      this.recordedLookups.push({ sql, emit, oneParam: one === OTHER_SQL ? undefined : oneParam, firstParam, paramCount: this.params.length - firstParam });
    }
    return sql;
  }

  private inSql(lhs: string, value: unknown, bind: (v: unknown) => string, key: string): string {
    const sub = value as { compileSubquery?: (compiler: SqlCompiler) => string };
    if (value !== null && typeof value === 'object' && typeof sub.compileSubquery === 'function') {
      return `${lhs} IN (${sub.compileSubquery(this)})`;
    }
    if (value === null || typeof value !== 'object' || !(Symbol.iterator in value)) {
      throw new FieldError(`"${key}" expects a list (or a queryset), got ${JSON.stringify(value)}.`);
    }
    const items = [...(value as Iterable<unknown>)].filter((item) => item !== null && item !== undefined);
    if (items.length === 0) return '1 = 0';
    return `${lhs} IN (${items.map(bind).join(', ')})`;
  }

  /** A compiler for a subquery sharing this one's parameters and alias counter. */
  subCompiler(model: ModelClass): SqlCompiler {
    return new SqlCompiler(model, this.target, this.ctx, this.subqueryCounter, this.params);
  }

  /** ORDER BY items for names such as `-publish` or `author__username`, or `F('x').desc({ nullsLast })`; `?` is random. */
  orderBy(names: Array<string | OrderBy | Expression>, annotations: Record<string, string>): string[] {
    return names.flatMap((raw) => {
      if (raw instanceof OrderBy || raw instanceof Expression) {
        const item = raw instanceof OrderBy ? raw : raw.asc();
        const target = item.expression;
        const sql = target instanceof FieldRef && Object.hasOwn(annotations, target.name) ? this.q(annotations[target.name]) : this.expression(target);
        const direction = item.descending ? 'DESC' : 'ASC';
        if (!item.nullsFirst && !item.nullsLast) return [`${sql} ${direction}`];
        // MySQL/MariaDB have no NULLS FIRST/LAST: sort on IS NULL first.
        if (this.dialect === 'mysql') return [`(${sql} IS NULL) ${item.nullsLast ? 'ASC' : 'DESC'}`, `${sql} ${direction}`];
        return [`${sql} ${direction} NULLS ${item.nullsLast ? 'LAST' : 'FIRST'}`];
      }
      if (typeof raw !== 'string' || raw.length === 0) throw new FieldError(`orderBy() takes field names or F().asc()/desc(), got ${JSON.stringify(raw)}.`);
      if (raw === '?') return [this.dialect === 'mysql' ? 'RAND()' : 'RANDOM()'];
      const descending = raw.startsWith('-');
      const name = descending ? raw.slice(1) : raw;
      const sql = Object.hasOwn(annotations, name) ? this.q(annotations[name]) : this.columnFor(name, 'orderBy()').sql;
      return [`${sql} ${descending ? 'DESC' : 'ASC'}`];
    });
  }

  /** SQL for an aggregate or annotation expression. */
  aggregateSql(value: Expression, where: string): { sql: string; field?: Field; aggregate?: Aggregate; grouped: boolean } {
    if (!(value instanceof Aggregate)) {
      const sql = this.expression(value);
      return { sql, field: this.outputFieldOf(value) as Field | undefined, grouped: containsAggregate(value) };
    }
    const star = value.field === '*';
    const resolved = star
      ? undefined
      : typeof value.field === 'string'
        ? this.columnFor(value.field, where)
        : { sql: this.expression(value.field), field: this.outputFieldOf(value.field) as Field | undefined };
    const distinct = value.distinct && !star ? 'DISTINCT ' : '';
    const argument = resolved?.sql ?? '*';
    if (!value.filter) return { sql: `${value.fn}(${distinct}${argument})`, field: resolved?.field, aggregate: value, grouped: true };
    // Conditional aggregation: FILTER (WHERE ...) where supported, else CASE WHEN (MySQL/MariaDB).
    if (this.dialect === 'mysql') {
      const condition = this.node(value.filter) || '1 = 1';
      return {
        sql: `${value.fn}(${distinct}CASE WHEN ${condition} THEN ${star ? '1' : argument} ELSE NULL END)`,
        field: resolved?.field,
        aggregate: value,
        grouped: true,
      };
    }
    const head = `${value.fn}(${distinct}${argument})`;
    const condition = this.node(value.filter);
    return { sql: condition ? `${head} FILTER (WHERE ${condition})` : head, field: resolved?.field, aggregate: value, grouped: true };
  }
}

const COMPARISONS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/**
 * For lookups comparing with one bound value: the parameter a value binds (through `paramOf`, as emit's
 * bind does), or OTHER_SQL where emit writes other SQL for it (IS NULL, an expression); undefined for other lookups.
 */
function oneParamOf(lookup: LookupName, paramOf: (value: unknown) => unknown): ((value: unknown) => unknown) | undefined {
  switch (lookup) {
    case 'exact':
      return (v) => (v === null || v === undefined || isExpression(v) ? OTHER_SQL : paramOf(v));
    case 'iexact':
      return (v) => (v === null || v === undefined ? OTHER_SQL : paramOf(String(v)));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return (v) => (isExpression(v) ? OTHER_SQL : paramOf(v));
    case 'regex':
    case 'iregex':
      return String;
    default:
      return undefined;
  }
}

/** A time compared with the `time` transform: `HH:MM[:SS[.ffffff]]`, padded to what the column's text holds on SQLite. */
function timeLookupValue(key: string, value: unknown, dialect: Dialect): string {
  const match = typeof value === 'string' ? /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/.exec(value) : null;
  if (!match) throw new FieldError(`"${key}" expects a time (HH:MM[:SS[.ffffff]]), got ${JSON.stringify(value)}.`);
  const [, h, m, sec = '00', frac = ''] = match;
  const text = `${h}:${m}:${sec}`;
  return dialect === 'sqlite' ? `${text}.${frac.padEnd(6, '0')}` : frac ? `${text}.${frac}` : text;
}

/** Whether an expression contains an aggregate (it is then computed per group: GROUP BY, HAVING). */
export function containsAggregate(value: unknown): boolean {
  if (value instanceof Aggregate) return true;
  if (value instanceof Combined) return containsAggregate(value.lhs) || containsAggregate(value.rhs);
  if (value instanceof SqlExpression) return value.children().some(containsAggregate);
  return false;
}

/** What a queryset used as a subquery provides (duck-typed: the compiler does not import QuerySet). */
interface Subqueryable {
  model: ModelClass;
  state: QueryState;
}

function asSubqueryable(value: unknown): Subqueryable {
  const qs = value as Partial<Subqueryable> | null;
  if (!qs || typeof qs !== 'object' || !qs.model || !qs.state) throw new FieldError(`Subquery()/Exists() need a queryset, got ${String(value)}.`);
  return qs as Subqueryable;
}

/** Set by select.ts (which imports this file) so subqueries compile without a circular import. */
let compileSubselect: (compiler: SqlCompiler, state: QueryState) => string = () => {
  throw new Error('select.ts was not loaded');
};

/** @internal */
export function setSubselectCompiler(fn: (compiler: SqlCompiler, state: QueryState) => string): void {
  compileSubselect = fn;
}

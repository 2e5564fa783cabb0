/**
 * A tree of lookups combined with AND/OR, possibly negated (Django's Q).
 *
 * @example
 * const node: QNode = Q({ status: 'PB' }).or(Q({ views__gt: 100 }));
 * await Post.objects.filter(node).count();
 */
export class QNode {
  /** Lookups (`[key, value]`), nested nodes, and conditional expressions (`Exists(...)`). */
  readonly children: ReadonlyArray<QNode | readonly [string, unknown] | Expression>;
  readonly connector: 'AND' | 'OR';
  readonly negated: boolean;

  constructor(children: ReadonlyArray<QNode | readonly [string, unknown] | Expression>, connector: 'AND' | 'OR' = 'AND', negated = false) {
    this.children = children;
    this.connector = connector;
    this.negated = negated;
  }

  /** Both this and `other`. */
  and(other: QNode): QNode {
    return new QNode([this, other], 'AND');
  }
  /** This or `other`. */
  or(other: QNode): QNode {
    return new QNode([this, other], 'OR');
  }
  /** The negation of this. */
  not(): QNode {
    return new QNode([this], 'AND', true);
  }
}

/**
 * A lookup group for `filter`/`exclude`, combinable with `.and`, `.or`, `.not` (Django's Q objects).
 *
 * @example
 * Post.objects.filter(Q({ title__icontains: 'django' }).or(Q({ body__icontains: 'django' })).not());
 */
export function Q(lookups: Record<string, unknown> | Expression = {}): QNode {
  if (lookups instanceof Expression) return new QNode([lookups]);
  // Object.keys and a plain loop: filter() builds one per call, and entries().map() allocates twice.
  const keys = Object.keys(lookups);
  const children = new Array<readonly [string, unknown]>(keys.length);
  for (let i = 0; i < keys.length; i++) children[i] = [keys[i], lookups[keys[i]]];
  return new QNode(children);
}

/** An arithmetic operator usable between expressions. */
export type Operator = '+' | '-' | '*' | '/';

/**
 * NULL placement for `asc()`/`desc()`.
 *
 * @example
 * Post.objects.orderBy(F('rating').desc({ nullsLast: true } satisfies NullsOptions));
 */
export interface NullsOptions {
  nullsFirst?: boolean;
  nullsLast?: boolean;
}

/**
 * What every query expression shares: arithmetic that builds a bigger expression, and ordering.
 *
 * @example
 * const score: Expression = F('views').add(F('likes').mul(2));
 * Post.objects.annotate({ score }).orderBy(score.desc());
 */
export abstract class Expression {
  /** Ascending order by this expression, for orderBy(). @example Post.objects.orderBy(F('rating').asc({ nullsLast: true })) */
  asc(options: NullsOptions = {}): OrderBy {
    return new OrderBy(this, false, options);
  }
  /** Descending order by this expression, for orderBy(). @example Post.objects.orderBy(F('rating').desc({ nullsFirst: true })) */
  desc(options: NullsOptions = {}): OrderBy {
    return new OrderBy(this, true, options);
  }
  add(value: unknown): Combined {
    return new Combined(this, '+', value);
  }
  sub(value: unknown): Combined {
    return new Combined(this, '-', value);
  }
  mul(value: unknown): Combined {
    return new Combined(this, '*', value);
  }
  div(value: unknown): Combined {
    return new Combined(this, '/', value);
  }
}

/**
 * An ORDER BY item: an expression, its direction, and where NULLs go.
 *
 * @example
 * Post.objects.orderBy(new OrderBy(F('rating'), true, { nullsLast: true })); // the same as F('rating').desc({ nullsLast: true })
 */
export class OrderBy {
  readonly nullsFirst: boolean;
  readonly nullsLast: boolean;
  constructor(
    readonly expression: Expression,
    readonly descending: boolean,
    options: NullsOptions = {},
  ) {
    if (options.nullsFirst && options.nullsLast) throw new TypeError('asc()/desc(): nullsFirst and nullsLast are mutually exclusive.');
    this.nullsFirst = Boolean(options.nullsFirst);
    this.nullsLast = Boolean(options.nullsLast);
  }
  /** The same item in the opposite direction (NULL placement flips too, as in Django's reverse()). */
  reversed(): OrderBy {
    return new OrderBy(this.expression, !this.descending, { nullsFirst: this.nullsLast, nullsLast: this.nullsFirst });
  }
}

/**
 * A reference to a field's value in the database (Django's F).
 *
 * @example
 * const views: FieldRef = F('views'); // what F() returns
 * await Post.objects.filter({ pk: 1 }).update({ views: views.add(1) });
 */
export class FieldRef extends Expression {
  readonly name: string;
  constructor(name: string) {
    super();
    this.name = name;
  }
  override toString(): string {
    return `F(${this.name})`;
  }
}

/**
 * Two expressions combined with an operator.
 *
 * @example
 * String(F('views').add(1)); // 'F(views) + 1': a Combined expression
 */
export class Combined extends Expression {
  constructor(
    readonly lhs: unknown,
    readonly operator: Operator,
    readonly rhs: unknown,
  ) {
    super();
  }
  override toString(): string {
    const side = (value: unknown) => (value instanceof Combined ? `(${String(value)})` : typeof value === 'string' ? JSON.stringify(value) : String(value));
    return `${side(this.lhs)} ${this.operator} ${side(this.rhs)}`;
  }
}

/**
 * What an expression needs from the query compiler to write its SQL.
 *
 * @example
 * class Random extends SqlExpression {
 *   toSql(b: SqlBuilder) { return b.dialect === 'mysql' ? 'RAND()' : 'RANDOM()'; }
 * }
 */
export interface SqlBuilder {
  readonly dialect: 'sqlite' | 'postgresql' | 'mysql';
  /** USE_TZ and TIME_ZONE: the zone datetimes are read in ('UTC' when USE_TZ is off or TIME_ZONE is UTC). */
  readonly timeZone: string;
  /** Binds a plain value; returns its placeholder. */
  param(value: unknown): string;
  /** Binds a plain value with no field, typed for the database where it needs that (numbers on PostgreSQL). */
  typedParam(value: unknown): string;
  /** SQL of a nested expression or plain value (converted for `field` when given). */
  expression(value: unknown, field?: FieldLike): string;
  /** SQL of a Q condition on the query's model. */
  condition(node: QNode): string;
  /** The field whose type a value or expression has, when known (for converting results). */
  outputFieldOf(value: unknown): FieldLike | undefined;
  /** SQL of a queryset as a subquery: its single selected column, or its rows for EXISTS. */
  subquery(queryset: unknown, kind: 'value' | 'exists'): string;
  /** SQL of a column of the enclosing query (OuterRef). */
  outerColumn(name: string): string;
}

/**
 * A model field as expressions see it (avoids importing the Field class here).
 *
 * @example
 * const field: FieldLike | undefined = Post._meta.getField('title'); // { type: 'char', … }
 */
export interface FieldLike {
  readonly type: string;
  readonly options: Record<string, unknown>;
}

/**
 * An expression that writes its own SQL (functions, Case, Value, subqueries).
 *
 * @example
 * class Random extends SqlExpression { toSql() { return 'RANDOM()'; } }
 * Post.objects.annotate({ r: new Random() }).orderBy('r');
 */
export abstract class SqlExpression extends Expression {
  /** @internal */
  abstract toSql(builder: SqlBuilder): string;
  /** @internal The field type of the result, when known (results are converted with it). */
  outputField(builder: SqlBuilder): FieldLike | undefined {
    void builder;
    return undefined;
  }
  /** @internal The nested values and expressions (to find aggregates inside). */
  children(): unknown[] {
    return [];
  }
}

/** Whether a value is a query expression (F(), arithmetic on it, functions) rather than a plain value. */
export function isExpression(value: unknown): value is Expression {
  return value instanceof Expression;
}

/**
 * A field's database value, for comparisons and updates without a round trip.
 *
 * @example
 * await Post.objects.filter({ pk: 1 }).update({ views: F('views').add(1) });
 */
export function F(name: string): FieldRef {
  return new FieldRef(name);
}

/**
 * The aggregate functions.
 *
 * @example
 * const fn: AggregateFunction = 'SUM';
 * Order.objects.aggregate({ total: new Aggregate(fn, 'amount') }); // the same as Sum('amount')
 */
export type AggregateFunction = 'COUNT' | 'SUM' | 'AVG' | 'MIN' | 'MAX' | 'STDDEV_POP' | 'STDDEV_SAMP' | 'VAR_POP' | 'VAR_SAMP';

/**
 * Options every aggregate takes: `filter` aggregates only the rows matching a Q (conditional aggregation).
 *
 * @example
 * Author.objects.annotate({ published: Count('posts', { distinct: true, filter: Q({ posts__status: 'PB' }) } satisfies AggregateOptions) });
 */
export interface AggregateOptions {
  distinct?: boolean;
  filter?: QNode | Record<string, unknown>;
}

/**
 * An aggregate over a field (or `*`), for `aggregate()` and `annotate()`.
 *
 * @example
 * await Post.objects.aggregate({ rated: new Aggregate('COUNT', 'rating') }); // { rated: 1 }, what Count('rating') builds
 */
export class Aggregate extends Expression {
  readonly filter: QNode | undefined;
  constructor(
    readonly fn: AggregateFunction,
    readonly field: string | Expression,
    readonly distinct = false,
    filter?: QNode | Record<string, unknown>,
  ) {
    super();
    this.filter = filter === undefined ? undefined : filter instanceof QNode ? filter : Q(filter);
  }
  override toString(): string {
    return `${this.fn}(${this.distinct ? 'DISTINCT ' : ''}${String(this.field)})`;
  }
}

/**
 * COUNT of a field's non-null values, or of rows with `'*'`/`'pk'`; `filter` counts only matching rows.
 *
 * @example
 * Author.objects.annotate({ n: Count('posts'), published: Count('posts', { filter: Q({ posts__status: 'published' }) }) })
 */
export function Count(field: string | Expression = '*', options: AggregateOptions = {}): Aggregate {
  return new Aggregate('COUNT', field, options.distinct ?? false, options.filter);
}
/** SUM of a field. @example Order.objects.aggregate({ total: Sum('amount') }) */
export function Sum(field: string | Expression, options: AggregateOptions = {}): Aggregate {
  return new Aggregate('SUM', field, options.distinct ?? false, options.filter);
}
/** AVG of a field (a number). @example Post.objects.aggregate({ avg: Avg('views') }) */
export function Avg(field: string | Expression, options: AggregateOptions = {}): Aggregate {
  return new Aggregate('AVG', field, options.distinct ?? false, options.filter);
}
/** MIN of a field. @example Post.objects.aggregate({ first: Min('publish') }) */
export function Min(field: string | Expression, options: Omit<AggregateOptions, 'distinct'> = {}): Aggregate {
  return new Aggregate('MIN', field, false, options.filter);
}
/** MAX of a field. @example Post.objects.aggregate({ last: Max('publish') }) */
export function Max(field: string | Expression, options: Omit<AggregateOptions, 'distinct'> = {}): Aggregate {
  return new Aggregate('MAX', field, false, options.filter);
}
/** Standard deviation (population; `sample: true` for the sample's). @example Post.objects.aggregate({ sd: StdDev('views') }) */
export function StdDev(field: string | Expression, options: Omit<AggregateOptions, 'distinct'> & { sample?: boolean } = {}): Aggregate {
  return new Aggregate(options.sample ? 'STDDEV_SAMP' : 'STDDEV_POP', field, false, options.filter);
}
/** Variance (population; `sample: true` for the sample's). @example Post.objects.aggregate({ v: Variance('views', { sample: true }) }) */
export function Variance(field: string | Expression, options: Omit<AggregateOptions, 'distinct'> & { sample?: boolean } = {}): Aggregate {
  return new Aggregate(options.sample ? 'VAR_SAMP' : 'VAR_POP', field, false, options.filter);
}

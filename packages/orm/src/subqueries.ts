import { SqlExpression, type FieldLike, type SqlBuilder } from './expressions.js';
import { outputFieldOfType } from './functions.js';

/**
 * A reference to a field of the enclosing query, inside Subquery() or Exists() (Django's OuterRef).
 *
 * @example
 * const ref: OuterRefExpression = OuterRef('pk');
 * Post.objects.filter({ author: ref });
 */
export class OuterRefExpression extends SqlExpression {
  constructor(readonly name: string) {
    super();
  }
  toSql(b: SqlBuilder): string {
    return b.outerColumn(this.name);
  }
  override toString(): string {
    return `OuterRef(${this.name})`;
  }
}

/**
 * One value from a queryset that selects one field (`values('x')`), computed per row of the
 * enclosing query; slice it to one row.
 *
 * @example
 * const newest = Post.objects.filter({ author: OuterRef('pk') }).orderBy('-publish').values('title').slice(0, 1);
 * Author.objects.annotate({ newestTitle: Subquery(newest) })
 */
export class SubqueryExpression extends SqlExpression {
  constructor(
    readonly queryset: unknown,
    readonly options: { outputField?: FieldLike } = {},
  ) {
    super();
  }
  toSql(b: SqlBuilder): string {
    return `(${b.subquery(this.queryset, 'value')})`;
  }
  override outputField(): FieldLike | undefined {
    // Without an explicit outputField the compiler uses the type of the field the queryset selects.
    return this.options.outputField;
  }
}

/** Whether a queryset has any row, per row of the enclosing query. @example Author.objects.annotate({ hasPosts: Exists(Post.objects.filter({ author: OuterRef('pk') })) }) */
export class ExistsExpression extends SqlExpression {
  constructor(readonly queryset: unknown) {
    super();
  }
  toSql(b: SqlBuilder): string {
    return `EXISTS(${b.subquery(this.queryset, 'exists')})`;
  }
  override outputField(): FieldLike {
    return outputFieldOfType('boolean');
  }
}

/** A reference to the enclosing query's field, inside Subquery() or Exists(). @example Post.objects.filter({ author: OuterRef('pk') }) */
export function OuterRef(name: string): OuterRefExpression {
  return new OuterRefExpression(name);
}
/**
 * A one-value subquery (see SubqueryExpression).
 *
 * @example
 * const newest = Post.objects.filter({ author: OuterRef('pk') }).orderBy('-publish').values('title').slice(0, 1);
 * Author.objects.annotate({ latest: Subquery(newest) }).values('username', 'latest'); // [{ username: 'ana', latest: 'Hello' }]
 */
export function Subquery(queryset: unknown, options: { outputField?: FieldLike } = {}): SubqueryExpression {
  return new SubqueryExpression(queryset, options);
}
/**
 * An EXISTS subquery (see ExistsExpression).
 *
 * @example
 * Author.objects.filter(Exists(Post.objects.filter({ author: OuterRef('pk'), status: 'PB' }))); // authors with a published post
 */
export function Exists(queryset: unknown): ExistsExpression {
  return new ExistsExpression(queryset);
}

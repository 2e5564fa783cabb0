import type { Field } from './fields/field.js';
import { Q, QNode, SqlExpression, type FieldLike, type SqlBuilder } from './expressions.js';

/**
 * One branch of a Case: a condition (Q or lookups) and the value when it holds.
 *
 * @example
 * const popular: WhenBranch = When({ views__gt: 100 }, Value('Popular'));
 * Post.objects.annotate({ label: Case([popular], { default: Value('Quiet') }) });
 */
export class WhenBranch {
  readonly condition: QNode;
  constructor(
    condition: QNode | Record<string, unknown>,
    readonly then: unknown,
  ) {
    this.condition = condition instanceof QNode ? condition : Q(condition);
    if (this.condition.children.length === 0) throw new TypeError('When() needs a condition (a Q object or lookups).');
  }
}

/**
 * Django's Case/When: the first matching branch's value, else `default` (NULL when absent).
 * Plain values in `then`/`default` are bound as parameters; use F('name') for a field.
 *
 * @example
 * Post.objects.annotate({ label: Case([When({ status: 'published' }, 'Live'), When({ views__gt: 100 }, 'Popular')], { default: 'Other' }) })
 */
export class CaseExpression extends SqlExpression {
  constructor(
    readonly whens: WhenBranch[],
    readonly options: { default?: unknown; outputField?: Field } = {},
  ) {
    super();
    if (whens.length === 0) throw new TypeError('Case() needs at least one When().');
  }
  toSql(b: SqlBuilder): string {
    const field = this.outputField(b);
    const branches = this.whens.map((when) => `WHEN ${b.condition(when.condition) || '1 = 1'} THEN ${b.expression(when.then, field)}`);
    const otherwise = this.options.default === undefined ? 'NULL' : b.expression(this.options.default, field);
    return `CASE ${branches.join(' ')} ELSE ${otherwise} END`;
  }
  override children(): unknown[] {
    return [...this.whens.map((when) => when.then), this.options.default];
  }
  override outputField(b: SqlBuilder): FieldLike | undefined {
    if (this.options.outputField) return this.options.outputField;
    for (const value of [...this.whens.map((when) => when.then), this.options.default]) {
      const field = b.outputFieldOf(value);
      if (field) return field;
    }
    return undefined;
  }
}

/** A Case expression. @example Case([When({ status: 'published' }, 1)], { default: 0 }) */
export function Case(whens: WhenBranch[], options: { default?: unknown; outputField?: Field } = {}): CaseExpression {
  return new CaseExpression(whens, options);
}

/**
 * One Case branch: `When({ status: 'published' }, 'Live')` or `When(Q(...), F('views'))`.
 *
 * @example
 * Post.objects.annotate({ label: Case([When({ views__gt: 100 }, Value('Popular'))], { default: Value('Quiet') }) }).values('title', 'label');
 * // [{ title: 'Hello', label: 'Quiet' }, { title: 'Second', label: 'Popular' }]
 */
export function When(condition: QNode | Record<string, unknown>, then: unknown): WhenBranch {
  return new WhenBranch(condition, then);
}

import { Field } from './fields/field.js';
import type { FieldType } from '@manouche/contracts';
import { type Expression, FieldRef, SqlExpression, type FieldLike, type SqlBuilder } from './expressions.js';

/**
 * A function argument: a field name (as in Django, `Lower('title')`), an expression, or a plain value.
 *
 * @example
 * Coalesce('rating', F('score'), Value(0)); // a field name, an expression, a wrapped literal
 */
export type FunctionArgument = string | Expression | number | boolean | bigint | Date | null;

function argument(value: unknown): unknown {
  return typeof value === 'string' ? new FieldRef(value) : value;
}

/** A field of `type` describing a computed value, for converting results. */
export function outputFieldOfType(type: FieldType, options: Record<string, unknown> = {}): Field {
  const field = new Field(type, options);
  field.name = 'expression';
  return field;
}

/**
 * A literal value inside an expression (bound as a parameter, never inlined).
 *
 * @example
 * Post.objects.annotate({ kind: Value('post') })
 */
export class ValueExpression extends SqlExpression {
  constructor(
    readonly value: unknown,
    readonly options: { outputField?: Field } = {},
  ) {
    super();
  }
  toSql(b: SqlBuilder): string {
    return this.options.outputField ? b.expression(this.value, this.options.outputField) : b.typedParam(this.value);
  }
  override outputField(): FieldLike | undefined {
    if (this.options.outputField) return this.options.outputField;
    if (typeof this.value === 'boolean') return outputFieldOfType('boolean');
    if (this.value instanceof Date) return outputFieldOfType('dateTime');
    return undefined;
  }
  override toString(): string {
    return `Value(${JSON.stringify(this.value)})`;
  }
}

/** A literal value inside an expression. @example Coalesce('rating', Value('0.00')) */
export function Value(value: unknown, options: { outputField?: Field } = {}): ValueExpression {
  return new ValueExpression(value, options);
}

/**
 * An expression with its result type declared (see ExpressionWrapper()).
 *
 * @example
 * Post.objects.annotate({ double: ExpressionWrapper(F('views').mul(2), fields.integer()) }).values('double'); // [{ double: 10 }]
 */
export class WrappedExpression extends SqlExpression {
  constructor(
    readonly expression: Expression,
    readonly output: Field,
  ) {
    super();
  }
  toSql(b: SqlBuilder): string {
    return b.expression(this.expression);
  }
  override children(): unknown[] {
    return [this.expression];
  }
  override outputField(): FieldLike {
    return this.output;
  }
}

/**
 * A SQL function call over arguments; subclasses pick the SQL per database.
 *
 * @example
 * class Reverse extends Func { toSql(b: SqlBuilder) { return `REVERSE(${this.compiledArgs(b)[0]})`; } } // PostgreSQL, MySQL
 * Post.objects.annotate({ backwards: new Reverse(['title']) });
 */
export abstract class Func extends SqlExpression {
  readonly args: unknown[];
  constructor(
    args: unknown[],
    readonly options: { outputField?: Field } = {},
  ) {
    super();
    this.args = args.map(argument);
  }
  override children(): unknown[] {
    return this.args;
  }
  protected compiledArgs(b: SqlBuilder): string[] {
    return this.args.map((arg) => b.expression(arg));
  }
  override outputField(b: SqlBuilder): FieldLike | undefined {
    if (this.options.outputField) return this.options.outputField;
    for (const arg of this.args) {
      const field = b.outputFieldOf(arg);
      if (field) return field;
    }
    return undefined;
  }
}

class NamedFunc extends Func {
  constructor(
    readonly fn: string,
    args: unknown[],
    options: { outputField?: Field } = {},
  ) {
    super(args, options);
  }
  toSql(b: SqlBuilder): string {
    return `${this.fn}(${this.compiledArgs(b).join(', ')})`;
  }
}

/** The first non-null argument. @example Post.objects.annotate({ score: Coalesce('rating', Value('0.00')) }) */
export function Coalesce(...args: FunctionArgument[]): Func {
  if (args.length < 2) throw new TypeError('Coalesce() needs at least two arguments.');
  return new NamedFunc('COALESCE', args);
}

/** Lower-cased text. @example Author.objects.annotate({ name: Lower('username') }) */
export function Lower(arg: FunctionArgument): Func {
  return new NamedFunc('LOWER', [arg], { outputField: outputFieldOfType('text') });
}

/** Upper-cased text. @example Author.objects.annotate({ name: Upper('username') }) */
export function Upper(arg: FunctionArgument): Func {
  return new NamedFunc('UPPER', [arg], { outputField: outputFieldOfType('text') });
}

class LengthFunc extends Func {
  toSql(b: SqlBuilder): string {
    return `${b.dialect === 'mysql' ? 'CHAR_LENGTH' : 'LENGTH'}(${this.compiledArgs(b)[0]})`;
  }
}
/** The number of characters. @example Post.objects.filter({ title: ... }).annotate({ n: Length('title') }) */
export function Length(arg: FunctionArgument): Func {
  return new LengthFunc([arg], { outputField: outputFieldOfType('integer') });
}

class ConcatFunc extends Func {
  toSql(b: SqlBuilder): string {
    const args = this.compiledArgs(b);
    // NULL counts as '' on every database, as in Django.
    if (b.dialect === 'sqlite') return `(${args.map((arg) => `COALESCE(${arg}, '')`).join(' || ')})`;
    if (b.dialect === 'postgresql') return `CONCAT(${args.map((arg) => `(${arg})::text`).join(', ')})`;
    return `CONCAT_WS('', ${args.join(', ')})`;
  }
}
/** Text joined together; NULL counts as ''. Plain strings are field names: wrap text in Value(). @example Author.objects.annotate({ label: Concat('username', Value(' <'), 'email', Value('>')) }) */
export function Concat(...args: FunctionArgument[]): Func {
  if (args.length < 2) throw new TypeError('Concat() needs at least two arguments.');
  return new ConcatFunc(args, { outputField: outputFieldOfType('text') });
}

class NowFunc extends Func {
  toSql(b: SqlBuilder): string {
    if (b.dialect === 'sqlite') return "STRFTIME('%Y-%m-%d %H:%M:%f', 'now')";
    if (b.dialect === 'mysql') return 'CURRENT_TIMESTAMP(6)';
    return 'STATEMENT_TIMESTAMP()';
  }
}
/** The database's current time (the statement's start on PostgreSQL). @example Post.objects.filter({ publish__lte: Now() }) */
export function Now(): Func {
  return new NowFunc([], { outputField: outputFieldOfType('dateTime') });
}

class ExtremeFunc extends Func {
  constructor(
    readonly greatest: boolean,
    args: unknown[],
  ) {
    super(args);
  }
  toSql(b: SqlBuilder): string {
    // SQLite's multi-argument MAX()/MIN() are scalar functions.
    const fn = b.dialect === 'sqlite' ? (this.greatest ? 'MAX' : 'MIN') : this.greatest ? 'GREATEST' : 'LEAST';
    return `${fn}(${this.compiledArgs(b).join(', ')})`;
  }
}
/** The largest argument (NULL if any is NULL, except on PostgreSQL, which skips NULLs). @example Greatest('created', 'updated') */
export function Greatest(...args: FunctionArgument[]): Func {
  if (args.length < 2) throw new TypeError('Greatest() needs at least two arguments.');
  return new ExtremeFunc(true, args);
}
/** The smallest argument (NULL if any is NULL, except on PostgreSQL, which skips NULLs). @example Least('created', 'updated') */
export function Least(...args: FunctionArgument[]): Func {
  if (args.length < 2) throw new TypeError('Least() needs at least two arguments.');
  return new ExtremeFunc(false, args);
}

/**
 * The field types Cast() converts to.
 *
 * @example
 * Post.objects.annotate({ viewsText: Cast('views', 'char' satisfies CastType) }).values('viewsText'); // [{ viewsText: '5' }]
 */
export type CastType = 'integer' | 'bigInteger' | 'float' | 'decimal' | 'char' | 'text' | 'date';

class CastFunc extends Func {
  constructor(
    arg: unknown,
    readonly type: CastType,
    readonly decimal: { maxDigits?: number; decimalPlaces?: number },
  ) {
    super([arg], { outputField: outputFieldOfType(type, decimal) });
  }
  private sqlType(b: SqlBuilder): string {
    const { maxDigits = 20, decimalPlaces = 0 } = this.decimal;
    const types: Record<CastType, [string, string, string]> = {
      integer: ['integer', 'integer', 'signed integer'],
      bigInteger: ['integer', 'bigint', 'signed integer'],
      float: ['real', 'double precision', 'double'],
      decimal: ['text', `numeric(${maxDigits}, ${decimalPlaces})`, `decimal(${maxDigits}, ${decimalPlaces})`],
      char: ['text', 'varchar', 'char'],
      text: ['text', 'text', 'char'],
      date: ['text', 'date', 'date'],
    };
    return types[this.type][b.dialect === 'sqlite' ? 0 : b.dialect === 'postgresql' ? 1 : 2];
  }
  toSql(b: SqlBuilder): string {
    const [arg] = this.compiledArgs(b);
    if (b.dialect === 'sqlite' && this.type === 'date') return `substr(${arg}, 1, 10)`;
    if (b.dialect === 'sqlite' && this.type === 'decimal') return `printf('%.${this.decimal.decimalPlaces ?? 0}f', ${arg})`;
    return `CAST(${arg} AS ${this.sqlType(b)})`;
  }
}
/**
 * The value converted to another type. @example Post.objects.annotate({ viewsText: Cast('views', 'char') })
 */
export function Cast(arg: FunctionArgument, type: CastType, options: { maxDigits?: number; decimalPlaces?: number } = {}): Func {
  if (type === 'decimal' && (options.maxDigits === undefined || options.decimalPlaces === undefined))
    throw new TypeError("Cast(..., 'decimal') needs { maxDigits, decimalPlaces }.");
  return new CastFunc(argument(arg), type, options);
}

/** An expression with its result type declared (Django's ExpressionWrapper). @example ExpressionWrapper(F('views').mul(2), fields.integer()) */
export function ExpressionWrapper(expression: Expression, outputField: Field): WrappedExpression {
  return new WrappedExpression(expression, outputField);
}

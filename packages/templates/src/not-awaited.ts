/**
 * Values a template used before awaiting them: a QuerySet (or any promise) iterated, measured,
 * printed or read from. JavaScript would say "is not iterable" or print nothing; these errors say
 * which expression it was and to `await` it. Thenables are recognised by shape (a `then` method),
 * so the ORM's QuerySet needs no import here.
 */
import { isThenable } from '@manouche/contracts';

/** "a QuerySet", "a Promise", "an AsyncResult": the value's class name, for messages. */
function kindOf(value: object): string {
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  const kind = typeof name === 'string' && name !== '' && name !== 'Object' ? name : 'thenable';
  return `${/^[AEIOU]/i.test(kind) ? 'an' : 'a'} ${kind}`;
}

/** The error for `for (const x of expr)` over a thenable that was not awaited. */
export function notAwaitedIteration(value: object, expression: string): TypeError {
  return new TypeError(`${expression} is ${kindOf(value)} that was not awaited: write \`await ${expression}\` (or pass a list from the view)`);
}

/** The error for `expr.length` on a thenable that was not awaited (it has no length). */
export function notAwaitedLength(value: object, expression: string): TypeError {
  return new TypeError(
    `${expression} is ${kindOf(value)} that was not awaited, so it has no length: write \`(await ${expression}).length\` (or pass a list from the view)`,
  );
}

/** The error for an output tag that reads `key` of a thenable, or prints one. */
export function notAwaitedOutput(value: object, key?: PropertyKey): TypeError {
  const detail =
    key === undefined
      ? `an output tag printed ${kindOf(value)} that was not awaited: write \`<%= await … %>\``
      : `an output tag read "${String(key)}" of ${kindOf(value)} that was not awaited: write \`<%= (await …).${String(key)} %>\``;
  return new TypeError(`${detail} (or await it in the view and pass the value)`);
}

/**
 * What a `for … of` loop in a template iterates: `value` itself, or an error saying to await it
 * (a thenable), or to call `.all()` (a Manager, which Django's template language would call).
 */
export function checkIterable(value: unknown, expression: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  const iterable = typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function';
  if (isThenable(value) && (!iterable || Symbol.asyncIterator in value)) throw notAwaitedIteration(value, expression);
  if (!iterable && typeof (value as { all?: unknown }).all === 'function') {
    throw new TypeError(`${expression} is ${kindOf(value)}, not a list: write \`await ${expression}.all()\` (Django's ${expression}.all)`);
  }
  return value;
}

/**
 * How an output tag reads its value, as Django's variable resolution does: a function is
 * called with no arguments (with its object as `this`), unless it is marked `altersData`
 * (Django's `alters_data`, for methods such as `delete()` that change data), and a property of
 * a missing object is `undefined` instead of a TypeError. Reading a property a promise or QuerySet
 * does not have is an error that says to await it.
 */
import { isThenable } from '@manouche/contracts';
import { notAwaitedOutput } from './not-awaited.js';

/** Calls `fn` as Django calls a callable reached in a variable; `altersData` functions give `undefined` (Django's invalid variable). */
export function callFromTemplate(fn: (...args: unknown[]) => unknown, self: unknown): unknown {
  const marked = fn as { altersData?: unknown; alters_data?: unknown };
  if (marked.altersData === true || marked.alters_data === true) return undefined;
  const result = fn.call(self);
  if (isThenable(result)) {
    throw new TypeError(
      `the function ${fn.name ? `"${fn.name}" ` : ''}an output tag called returned a Promise: write the call with await in the tag, ` +
        `as in \`<%= await ….${fn.name || 'method'}() %>\` (or await it in the view and pass the value)`,
    );
  }
  return result;
}

/** `obj[key]` for an output tag: `undefined` when `obj` is null or undefined, the call's result when it is a function. */
export function readForOutput(obj: unknown, key: PropertyKey): unknown {
  if (obj == null) return undefined;
  const value = (obj as Record<PropertyKey, unknown>)[key];
  if (value === undefined && isThenable(obj)) throw notAwaitedOutput(obj, key);
  return typeof value === 'function' ? callFromTemplate(value as (...args: unknown[]) => unknown, obj) : value;
}

/** As `readForOutput`, but a missing `obj` throws the TypeError JavaScript throws (strict mode), unless the tag wrote `?.`. */
export function readForOutputStrict(obj: unknown, key: PropertyKey, optional: number): unknown {
  if (obj == null && optional === 1) return undefined;
  const value = (obj as Record<PropertyKey, unknown>)[key];
  if (value === undefined && isThenable(obj)) throw notAwaitedOutput(obj, key);
  return typeof value === 'function' ? callFromTemplate(value as (...args: unknown[]) => unknown, obj) : value;
}

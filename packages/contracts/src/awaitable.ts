/**
 * A value or a promise of it. Request paths return values directly when they have them: awaiting a
 * value that is already there costs a promise and a tick per step, and a request takes many steps.
 */
export type Awaitable<T> = T | Promise<T>;

/** Whether `value` is a promise or any object with a `then` method (an ORM QuerySet is one). */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as PromiseLike<unknown>).then === 'function';
}

/**
 * `next(value)` now when `value` is already there, else once it settles.
 *
 * @example
 * return whenReady(getResponse(request), (response) => response.headers.set('x-frame-options', 'DENY'));
 */
export function whenReady<T, R>(value: T | PromiseLike<T>, next: (value: T) => R | PromiseLike<R>): R | Promise<R> {
  if (isThenable(value)) return Promise.resolve(value).then(next);
  return next(value as T) as R | Promise<R>;
}

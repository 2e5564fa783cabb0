import type { HttpRequest } from '@manouche/core';
import { AnonymousUser } from './anonymous-user.js';
import { UserNotLoadedError } from './errors.js';
import { getUser } from './login.js';
import type { AbstractBaseUser } from './models.js';
import './request-user.js';

type RequestUser = AbstractBaseUser | AnonymousUser;

/**
 * Gives `request` a lazy user, as Django's AuthenticationMiddleware does: nothing is read until
 * someone asks. `await request.auser()` loads the session's user on its first call (the session
 * row and the user row: up to two queries) and caches it. `request.user` is the synchronous face
 * of the same value: known once `auser()` has resolved (or `login()`/`logout()` set it), and known
 * without a query when the visitor has no session cookie (an AnonymousUser). Read before that, it
 * throws UserNotLoadedError rather than guess — the async counterpart of Django's
 * SynchronousOnlyOperation. loginRequired, permissionRequired, userPassesTest, the mixins and the
 * auth context processor await the user first, so views behind them and templates can read it.
 *
 * @example
 * installLazyUser(request);
 * const user = await request.auser(); // request.user is now the same object
 */
export function installLazyUser(request: HttpRequest): void {
  const state = new LazyUser(request);
  const proto = Object.getPrototypeOf(request) as object | null;
  if (proto !== null && proto !== Object.prototype) {
    if (!withUserAccessor.has(proto)) addUserAccessor(proto);
    (request as WithLazyUser)[LAZY_USER] = state;
  } else {
    // A plain object standing in for a request: the accessor goes on the object itself.
    Object.defineProperty(request, 'user', { configurable: true, enumerable: true, get: () => state.current(), set: (user: RequestUser) => state.set(user) });
  }
  request.auser = state.load;
}

const LAZY_USER = Symbol('manouche.auth.lazyUser');
type WithLazyUser = HttpRequest & { [LAZY_USER]?: LazyUser };

/** The user of one request: resolved, being loaded, or not asked for yet. */
class LazyUser {
  private resolved: RequestUser | undefined;
  private loading: Promise<RequestUser> | undefined;

  constructor(private readonly request: HttpRequest) {}

  current(): RequestUser {
    if (this.resolved || this.resolvedWithoutSession()) return this.resolved!;
    throw new UserNotLoadedError(this.request.path);
  }

  set(user: RequestUser): void {
    this.resolved = user;
    this.loading = Promise.resolve(user);
  }

  readonly load = (): Promise<RequestUser> => {
    if (this.loading !== undefined) return this.loading;
    if (this.resolved || this.resolvedWithoutSession()) return (this.loading = Promise.resolve(this.resolved!));
    return (this.loading = getUser(this.request).then((user) => {
      this.resolved ??= user;
      return this.resolved;
    }));
  };

  /**
   * No session key: nobody can be logged in, and knowing that costs no read. The session still counts
   * as read, so the response varies on Cookie as when Django's get_user reads it.
   */
  private resolvedWithoutSession(): boolean {
    const session = this.request.session;
    if (!session || session.sessionKey !== null) return false;
    session.accessed = true;
    this.resolved = new AnonymousUser();
    return true;
  }
}

// Request classes that carry the `user` accessor. One accessor on the prototype rather than
// Object.defineProperty on every request, which turned each request into a slow dictionary-mode
// object and was the single biggest cost the middleware added to an anonymous page.
const withUserAccessor = new WeakSet<object>();

function addUserAccessor(proto: object): void {
  withUserAccessor.add(proto);
  Object.defineProperty(proto, 'user', {
    configurable: true,
    enumerable: false,
    get(this: WithLazyUser): RequestUser | undefined {
      // Without AuthenticationMiddleware a request has no user, as before the accessor existed.
      return this[LAZY_USER]?.current();
    },
    set(this: WithLazyUser, user: RequestUser) {
      const state = this[LAZY_USER];
      if (state !== undefined) state.set(user);
      else Object.defineProperty(this, 'user', { configurable: true, enumerable: true, writable: true, value: user });
    },
  });
}

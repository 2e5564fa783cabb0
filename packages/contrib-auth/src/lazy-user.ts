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
  let resolved: RequestUser | undefined;
  let loading: Promise<RequestUser> | undefined;
  Object.defineProperty(request, 'user', {
    configurable: true,
    enumerable: true,
    get(): RequestUser {
      if (resolved) return resolved;
      // No session key: nobody can be logged in, and knowing that costs nothing.
      if (request.session && request.session.sessionKey === null) return (resolved = new AnonymousUser());
      throw new UserNotLoadedError(request.path);
    },
    set(user: RequestUser) {
      resolved = user;
      loading = Promise.resolve(user);
    },
  });
  request.auser = () =>
    (loading ??= getUser(request).then((user) => {
      resolved ??= user;
      return resolved;
    }));
}

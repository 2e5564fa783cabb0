import { rotateToken, type HttpRequest } from '@manouche/core';
import './request-user.js';
import '@manouche/contrib-sessions';
import { AnonymousUser } from './anonymous-user.js';
import { authSettings } from './auth-settings.js';
import { getBackends, loadBackend, type Credentials } from './backends.js';
import { AuthConfigurationError } from './errors.js';
import { constantTimeEquals } from './hashers.js';
import type { AbstractBaseUser } from './models.js';
import { userLoggedIn, userLoggedOut, userLoginFailed } from './signals.js';

/**
 * Session keys of the logged-in user (Django's).
 *
 * @example
 * await request.session!.get(SESSION_KEY); // '1': the primary key of the logged-in user, as a string
 */
export const SESSION_KEY = '_auth_user_id';
/**
 * The session key holding the AUTHENTICATION_BACKENDS entry that logged the user in (Django's).
 *
 * @example
 * await request.session!.get(BACKEND_SESSION_KEY); // 'manouche.contrib.auth.backends.ModelBackend'
 */
export const BACKEND_SESSION_KEY = '_auth_user_backend';
/**
 * The session key holding the user's session auth hash: a password change ends the other sessions (Django's).
 *
 * @example
 * await request.session!.get(HASH_SESSION_KEY); // user.getSessionAuthHash(SECRET_KEY)
 */
export const HASH_SESSION_KEY = '_auth_user_hash';

const backendOf = new WeakMap<object, string>();

function requireSession(request: HttpRequest, what: string) {
  if (!request.session) {
    throw new AuthConfigurationError(
      `${what} needs request.session: add 'manouche.contrib.sessions' to INSTALLED_APPS and 'manouche.contrib.sessions.middleware.SessionMiddleware' to MIDDLEWARE.`,
    );
  }
  return request.session;
}

/**
 * Checks credentials against each AUTHENTICATION_BACKENDS entry in order (Django's authenticate):
 * the first user returned wins; null when none accepts them. The password never reaches a signal.
 *
 * @example
 * const user = await authenticate(request, { username, password });
 * if (user) await login(request, user);
 */
export async function authenticate(request: HttpRequest | null, credentials: Credentials): Promise<AbstractBaseUser | null> {
  const settings = authSettings(request?.settings);
  for (const [name, backend] of getBackends(settings)) {
    const user = await backend.authenticate(request, credentials);
    if (user) {
      backendOf.set(user, name);
      return user;
    }
  }
  const cleaned = Object.fromEntries(
    Object.entries(credentials).map(([key, value]) => [key, /api|token|key|secret|password|pass|signature/i.test(key) ? '********************' : value]),
  );
  await userLoginFailed.send({ sender: 'authenticate', request, credentials: cleaned });
  return null;
}

/**
 * Logs `user` in (Django's login): keeps the user's id, backend and session hash in the session,
 * under a new session key (no session fixation), rotates the CSRF token and sets `lastLogin`.
 *
 * @example
 * await login(request, user);
 * return redirect('/');
 */
export async function login(request: HttpRequest, user: AbstractBaseUser, backend?: string): Promise<void> {
  const settings = authSettings(request.settings);
  const session = requireSession(request, 'login()');
  const hash = user.getSessionAuthHash(settings.SECRET_KEY);
  const id = String(user.pk);
  if (await session.has(SESSION_KEY)) {
    const sameUser = (await session.get(SESSION_KEY)) === id;
    const storedHash = await session.get<string>(HASH_SESSION_KEY);
    if (!sameUser || (storedHash !== undefined && !constantTimeEquals(storedHash, hash))) await session.flush();
    else await session.cycleKey();
  } else {
    await session.cycleKey();
  }
  let backendName = backend ?? backendOf.get(user);
  if (!backendName) {
    const names = settings.AUTHENTICATION_BACKENDS;
    if (names.length !== 1) {
      throw new AuthConfigurationError(
        'You have multiple authentication backends configured and therefore must provide the `backend` argument to login(), or log in a user returned by authenticate().',
      );
    }
    backendName = names[0]!;
  }
  await session.set(SESSION_KEY, id);
  await session.set(BACKEND_SESSION_KEY, backendName);
  await session.set(HASH_SESSION_KEY, hash);
  request.user = user;
  request.auser = async () => user;
  rotateToken(request);
  await userLoggedIn.send({ sender: user.constructor, request, user });
}

/**
 * Sets `lastLogin` to now and saves only that field (connected to userLoggedIn, as Django's update_last_login).
 *
 * @example
 * userLoggedIn.disconnect(updateLastLogin); // stop writing lastLogin at every login
 */
export async function updateLastLogin({ user }: { user: AbstractBaseUser }): Promise<void> {
  if (!user.constructor || !('lastLogin' in user)) return;
  user.lastLogin = new Date();
  await user.save({ updateFields: ['lastLogin'] as never });
}
userLoggedIn.connect(updateLastLogin);

/**
 * Logs the visitor out (Django's logout): flushes the session (new empty one, old one deleted)
 * and makes `request.user` an AnonymousUser.
 *
 * @example
 * await logout(request);
 * return redirect('/');
 */
export async function logout(request: HttpRequest): Promise<void> {
  const user = request.auser ? await request.auser() : (request.user ?? null);
  await userLoggedOut.send({ sender: user?.constructor ?? null, request, user: user && user.isAuthenticated ? user : null });
  await requireSession(request, 'logout()').flush();
  const anonymous = new AnonymousUser();
  request.user = anonymous;
  request.auser = async () => anonymous;
}

/**
 * The user of the request's session (Django's get_user): loaded through the backend that logged
 * them in, and only while the session hash still matches the password (a password change logs out
 * other sessions). Anything else is an AnonymousUser and, for a stale hash, a flushed session.
 *
 * @example
 * const user = await getUser(request); // the session's user, or an AnonymousUser
 */
export async function getUser(request: HttpRequest): Promise<AbstractBaseUser | AnonymousUser> {
  const settings = authSettings(request.settings);
  const session = request.session;
  if (!session) return new AnonymousUser();
  const id = await session.get(SESSION_KEY);
  const backendName = await session.get(BACKEND_SESSION_KEY);
  if (typeof id !== 'string' || typeof backendName !== 'string' || !settings.AUTHENTICATION_BACKENDS.includes(backendName)) return new AnonymousUser();
  const user = await loadBackend(backendName).getUser(id);
  if (!user) return new AnonymousUser();
  const storedHash = await session.get(HASH_SESSION_KEY);
  if (typeof storedHash !== 'string' || !constantTimeEquals(storedHash, user.getSessionAuthHash(settings.SECRET_KEY))) {
    await session.flush();
    return new AnonymousUser();
  }
  backendOf.set(user, backendName);
  return user;
}

/**
 * After a password change: keeps the current session logged in (new hash, new key) while other
 * sessions of the user end (Django's update_session_auth_hash).
 *
 * @example
 * await user.setPassword(form.cleanedData.newPassword1);
 * await user.save();
 * await updateSessionAuthHash(request, user); // this session stays logged in
 */
export async function updateSessionAuthHash(request: HttpRequest, user: AbstractBaseUser): Promise<void> {
  const session = requireSession(request, 'updateSessionAuthHash()');
  await session.cycleKey();
  const current = request.auser ? await request.auser() : request.user;
  if (current && current.isAuthenticated && String(current.pk) === String(user.pk)) {
    await session.set(HASH_SESSION_KEY, user.getSessionAuthHash(authSettings(request.settings).SECRET_KEY));
  }
}

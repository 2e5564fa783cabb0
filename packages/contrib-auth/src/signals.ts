import type { HttpRequest } from '@manouche/core';
import { Signal } from '@manouche/orm';
import type { AnonymousUser } from './anonymous-user.js';
import type { AbstractBaseUser } from './models.js';

/**
 * Sent after a successful login (Django's user_logged_in); `updateLastLogin` is connected by default.
 *
 * @example
 * userLoggedIn.connect(({ request, user }) => console.info(`${user.getUsername()} logged in from ${request.headers.get('x-forwarded-for') ?? 'direct'}`));
 */
export const userLoggedIn = new Signal<{ sender: unknown; request: HttpRequest; user: AbstractBaseUser }>();
/**
 * Sent before the session is flushed at logout (Django's user_logged_out).
 *
 * @example
 * userLoggedOut.connect(({ user }) => { if (user) auditLog.record('logout', user.pk); });
 */
export const userLoggedOut = new Signal<{ sender: unknown; request: HttpRequest; user: AbstractBaseUser | AnonymousUser | null }>();
/**
 * Sent when credentials were refused (Django's user_login_failed); the password is never included.
 *
 * @example
 * userLoginFailed.connect(({ credentials }) => console.warn(`failed login for ${String(credentials.username)}`));
 */
export const userLoginFailed = new Signal<{ sender: unknown; request: HttpRequest | null; credentials: Record<string, unknown> }>();

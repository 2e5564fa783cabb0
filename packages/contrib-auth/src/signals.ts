import type { HttpRequest } from '@manouche/core';
import { Signal } from '@manouche/orm';
import type { AnonymousUser } from './anonymous-user.js';
import type { AbstractBaseUser } from './models.js';

/** Sent after a successful login (Django's user_logged_in); `updateLastLogin` is connected by default. */
export const userLoggedIn = new Signal<{ sender: unknown; request: HttpRequest; user: AbstractBaseUser }>();
/** Sent before the session is flushed at logout (Django's user_logged_out). */
export const userLoggedOut = new Signal<{ sender: unknown; request: HttpRequest; user: AbstractBaseUser | AnonymousUser | null }>();
/** Sent when credentials were refused (Django's user_login_failed); the password is never included. */
export const userLoginFailed = new Signal<{ sender: unknown; request: HttpRequest | null; credentials: Record<string, unknown> }>();

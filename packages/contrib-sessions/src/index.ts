import './request-session.js';
import { clearsessionsCommand } from './commands/clearsessions.js';

/**
 * The app as INSTALLED_APPS loads it (`manouche.contrib.sessions`, label `sessions`).
 *
 * @example
 * // settings: INSTALLED_APPS: ['manouche.contrib.sessions', 'blog'], MIDDLEWARE: [..., 'manouche.contrib.sessions.middleware.SessionMiddleware']
 */
export const appConfig = {
  label: 'sessions',
  verboseName: 'Sessions',
  defaultAutoField: 'auto' as const,
  commands: [clearsessionsCommand],
};

/** `request.session`: the store base class every backend extends, and its data type. */
export { SessionStore, EXPIRY_KEY, type SessionData, type SessionStoreClass, type SessionStoreSettings } from './session-base.js';
/** The built-in stores: database (default), signed cookies, files. */
export { DbSessionStore } from './backends/db.js';
export { SignedCookieSessionStore } from './backends/signed-cookies.js';
export { FileSessionStore } from './backends/file.js';
/** The stores on the cache framework: cache only, and database read through the cache (SESSION_CACHE_ALIAS). */
export { CacheSessionStore } from './backends/cache.js';
export { CachedDbSessionStore } from './backends/cached-db.js';
/** SESSION_ENGINE lookup, and registration of further engines (cache). */
export { sessionEngine, registerSessionEngine } from './engines.js';
/** Session keys: new random ones, and the shape check for keys a client sends. */
export { newSessionKey, isValidSessionKey } from './session-key.js';
/** The middleware that sets `request.session`. */
export { SessionMiddleware } from './middleware.js';
/** The Session model of the database backend. */
export { Session } from './models.js';
/** `clearsessions`. */
export { clearsessionsCommand } from './commands/clearsessions.js';
/** Errors: SessionInterrupted (400), UnknownSessionEngine. */
export { SessionInterrupted, UnknownSessionEngine } from './errors.js';

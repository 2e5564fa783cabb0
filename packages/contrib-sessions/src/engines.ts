import { CacheSessionStore } from './backends/cache.js';
import { CachedDbSessionStore } from './backends/cached-db.js';
import { DbSessionStore } from './backends/db.js';
import { FileSessionStore } from './backends/file.js';
import { SignedCookieSessionStore } from './backends/signed-cookies.js';
import { UnknownSessionEngine } from './errors.js';
import type { SessionStoreClass, SessionStoreSettings } from './session-base.js';

const ENGINES = new Map<string, SessionStoreClass>([
  ['manouche.contrib.sessions.backends.db', DbSessionStore],
  ['manouche.contrib.sessions.backends.signed_cookies', SignedCookieSessionStore],
  ['manouche.contrib.sessions.backends.file', FileSessionStore],
  ['manouche.contrib.sessions.backends.cache', CacheSessionStore],
  ['manouche.contrib.sessions.backends.cached_db', CachedDbSessionStore],
]);

/**
 * Makes a session store available under a SESSION_ENGINE name, beside the built-in ones.
 *
 * @example
 * registerSessionEngine('myapp.sessions.RedisStore', RedisSessionStore);
 */
export function registerSessionEngine(name: string, store: SessionStoreClass): void {
  ENGINES.set(name, store);
}

/**
 * The store class SESSION_ENGINE names; an unknown name is an error listing the known ones.
 *
 * @example
 * const Store = sessionEngine(settings); // DbSessionStore unless SESSION_ENGINE says otherwise
 * await Store.clearExpired(settings);
 */
export function sessionEngine(settings: SessionStoreSettings): SessionStoreClass {
  const name = typeof settings.SESSION_ENGINE === 'string' ? settings.SESSION_ENGINE : 'manouche.contrib.sessions.backends.db';
  const store = ENGINES.get(name);
  if (store) return store;
  const manouche = name.startsWith('django.contrib.sessions.') ? name.replace(/^django\./, 'manouche.') : undefined;
  const hint = manouche && ENGINES.has(manouche) ? ` Write '${manouche}': Django's name is not used in Manouche.` : '';
  throw new UnknownSessionEngine(`SESSION_ENGINE '${name}' is not a known session engine.${hint} Known engines: ${[...ENGINES.keys()].join(', ')}.`);
}

import { AsyncLocalStorage } from 'node:async_hooks';
import type { AppRegistry, Settings, TemplateEngine, UrlResolver } from '@manouche/contracts';
import type { Logger } from './exception-response.js';
import { isKnownFulfilled } from './fulfilled-promise.js';

/** What a request is being handled with: the pieces given to createApplication. */
export interface ApplicationContext {
  settings: Settings;
  urls: UrlResolver<unknown>;
  templates?: TemplateEngine;
  apps?: AppRegistry;
  /** Loads modules by dotted name (MIDDLEWARE entries, CSRF_FAILURE_VIEW). */
  importModule?: (specifier: string) => Promise<Record<string, unknown>>;
  /** Where errors and suspicious requests are reported. */
  logger?: Logger;
}

/*
 * Once an AsyncLocalStorage is entered, Node 20 tracks every promise of the process through
 * promise hooks, which slows all of them. A process nearly always serves one application, so the
 * common case needs no storage: while only one context has requests in flight, that context is
 * the current one. The storage is entered only for a request of another context arriving while
 * the first one's requests are in flight (several applications served by one process).
 */
const storage = new AsyncLocalStorage<ApplicationContext>();
let directContext: ApplicationContext | undefined;
let directInFlight = 0;
let outsideRequests: ApplicationContext | undefined;

/** Makes `context` the one code outside any request sees (Django's ROOT_URLCONF fallback). */
export function setContextOutsideRequests(context: ApplicationContext | undefined): void {
  outsideRequests = context;
}

function leaveDirect(): void {
  if (--directInFlight === 0) directContext = undefined;
}

// `then` with both handlers rather than `finally`, which builds two more promises per request.
function leaveDirectAfterError(error: unknown): never {
  leaveDirect();
  throw error;
}

/**
 * Runs `fn` (one request or connection) with `context` as the current one until the promise it
 * returns settles. The application does this for every request, as Django sets the URLconf per
 * thread, so `reverse`, `redirect` and signed cookies work inside views.
 */
export function runWithContext(context: ApplicationContext, fn: () => Promise<void>): Promise<void> {
  if (directInFlight > 0 && directContext !== context) return storage.run(context, fn);
  directContext = context;
  directInFlight++;
  let pending: Promise<void>;
  try {
    pending = fn();
  } catch (error) {
    leaveDirect();
    throw error;
  }
  // Already fulfilled (the response went out synchronously): the request is over now.
  if (isKnownFulfilled(pending)) {
    leaveDirect();
    return pending;
  }
  return pending.then(leaveDirect, leaveDirectAfterError);
}

/** The context of the request being handled; outside one, the default application's, if one was made the default. */
export function currentContext(): ApplicationContext | undefined {
  return storage.getStore() ?? directContext ?? outsideRequests;
}

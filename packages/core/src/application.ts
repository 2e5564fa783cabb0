import { rm } from 'node:fs/promises';
import type { AsgiApplication, HttpResponseStartEvent, HttpScope, LifespanScope, LifespanState, Receive, Scope, Send, WebSocketScope } from '@manouche/asgi';
import { encodeText } from '@manouche/asgi';
import { isThenable, type Awaitable } from '@manouche/contracts';
import type { AppRegistry, Settings, TemplateEngine, UrlResolver } from '@manouche/contracts';
import { createExceptionResponder, stderrLogger, type Logger } from './exception-response.js';
import { isKnownFulfilled, rememberFulfilled } from './fulfilled-promise.js';
import { disallowedHostMessage } from './host-validation.js';
import { buildRequestHandler, loadMiddleware, type GetResponse, type ImportModule, type MiddlewareEntry } from './middleware.js';
import { runWithContext, setContextOutsideRequests, type ApplicationContext } from './request-context.js';
import { HttpRequest } from './request.js';
import type { HttpResponseBase } from './response.js';
import { responseStart, sendResponse, wholeBody } from './send-response.js';

/**
 * A lifespan hook; it may fill `state`, which servers copy into every request scope.
 *
 * @example
 * const openPool: LifespanHook = async (state) => { state.pool = await createPool(settings.DATABASES); };
 * createApplication({ settings, urls, onStartup: openPool });
 */
export type LifespanHook = (state: LifespanState) => void | Promise<void>;

/**
 * What {@link createApplication} is built from.
 *
 * @example
 * const options: ApplicationOptions = { settings, urls, templates, middleware: settings.MIDDLEWARE, logger: stderrLogger };
 * export const app = createApplication(options);
 */
export interface ApplicationOptions {
  settings: Settings;
  /** The URLconf; its views are view functions or View classes. */
  urls: UrlResolver<unknown>;
  /** Used by `render`, TemplateView and the DEBUG-off error pages (`404.html`, `500.html`, …). */
  templates?: TemplateEngine;
  apps?: AppRegistry;
  /** Imports MIDDLEWARE entries that are not built in (`blog.middleware` for `blog.middleware.timing`). */
  importModule?: ImportModule;
  /** Replaces settings.MIDDLEWARE: dotted names or middleware functions. */
  middleware?: readonly MiddlewareEntry[];
  onStartup?: LifespanHook | readonly LifespanHook[];
  onShutdown?: LifespanHook | readonly LifespanHook[];
  /** Handles websocket scopes; without it every WebSocket handshake is refused. */
  websocket?: AsgiApplication;
  /**
   * Makes this application's URLconf and settings the ones `reverse`, `redirect` and
   * `setSignedCookie` use outside any request (a shell, a script, a management command), as
   * Django falls back to ROOT_URLCONF. The project's own application sets it; off by default.
   */
  defaultOutsideRequests?: boolean;
  /** Where 500s and suspicious requests are logged; stderr by default. */
  logger?: Logger;
}

function hooks(value: LifespanHook | readonly LifespanHook[] | undefined): readonly LifespanHook[] {
  return value === undefined ? [] : typeof value === 'function' ? [value] : value;
}

async function removeTemporaryFiles(request: HttpRequest): Promise<void> {
  const paths = request.temporaryFiles;
  if (paths !== undefined && paths.length > 0) await Promise.all(paths.map((path) => rm(path, { force: true })));
}

/**
 * What a reaction hands back for `sent`: nothing when it is known to be fulfilled already, as it is once the
 * response went out synchronously, since a promise handed back is adopted at the cost of one more promise and
 * two more ticks; else the promise itself, so its failure still fails the request.
 */
function unlessFulfilled(sent: Promise<void>): Promise<void> | undefined {
  return isKnownFulfilled(sent) ? undefined : sent;
}

// The body's failure after the start's: the start's is the one reported.
function ignoreFailure(): void {}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The gateway application of a project: http requests go through MIDDLEWARE to the view the
 * URLconf resolves; lifespan runs the startup/shutdown hooks (a failure is reported with its
 * message); websocket handshakes go to `websocket`, or are refused (403 denial response when the
 * server supports it, else close 1000) when there is none.
 *
 * @example
 * const app = createApplication({ settings, urls, templates });
 * // serve `app` with @manouche/server, or any ASGI-style server
 */
export function createApplication(options: ApplicationOptions): AsgiApplication {
  const { settings, urls, templates, apps } = options;
  const logger = options.logger ?? stderrLogger;
  const context: ApplicationContext = { settings, urls, templates, apps, importModule: options.importModule, logger };
  if (options.defaultOutsideRequests) setContextOutsideRequests(context);
  // The one function that turns an error into a response, wherever on the path it is thrown.
  const responseForException = createExceptionResponder({ templates, logger });
  let handler: Promise<GetResponse> | undefined;
  // The loaded handler itself, so that requests after the first do not await the promise again.
  let loadedHandler: GetResponse | undefined;

  /** MIDDLEWARE around the view, loaded on the first request (or at lifespan startup). */
  function loadHandler(): Promise<GetResponse> {
    if (handler === undefined) {
      handler = (async () => {
        const loaded = await loadMiddleware(options.middleware ?? settings.MIDDLEWARE, options.importModule);
        return (loadedHandler = buildRequestHandler(loaded, { settings, urls, templates }, responseForException));
      })();
      // A failed load is retried on the next request rather than cached forever.
      handler.catch(() => (handler = undefined));
    }
    return handler;
  }

  /**
   * The request path: socket (scope, receive) → HttpRequest → middleware → view → response → send.
   * Each step continues at once when the one before answered synchronously (a plain view behind the
   * built-in middleware): a promise and a tick per step was most of what a small page cost.
   */
  function handleHttp(scope: HttpScope, receive: Receive, send: Send): Promise<void> {
    const request = new HttpRequest(scope, receive, context);
    let response: Awaitable<HttpResponseBase>;
    try {
      response = loadedHandler !== undefined ? loadedHandler(request) : loadHandler().then((handler) => handler(request));
    } catch (error) {
      return withUploadsRemoved(request, answerError(request, error, send));
    }
    if (!isThenable(response)) return withUploadsRemoved(request, prepareAndSend(request, response, send));
    // Once the response is there the view has run, so its uploads are known: a request without any costs no
    // `finally` (two promises and a removal that finds nothing, measured on every database-backed page).
    return response.then(
      (ready) => unlessFulfilled(withUploadsRemoved(request, prepareAndSend(request, ready, send))),
      (error: unknown) => unlessFulfilled(withUploadsRemoved(request, answerError(request, error, send))),
    );
  }

  /** Uploads spooled to disk are removed once the response is out; the view has run, so they are known. */
  function withUploadsRemoved(request: HttpRequest, sent: Promise<void>): Promise<void> {
    return request.temporaryFiles === undefined ? sent : sent.finally(() => removeTemporaryFiles(request));
  }

  function prepareAndSend(request: HttpRequest, response: HttpResponseBase, send: Send): Promise<void> {
    let preparing: Promise<void> | void;
    try {
      preparing = response.prepare(request);
    } catch (error) {
      return answerError(request, error, send);
    }
    if (preparing === undefined) return startSending(request, response, send, true);
    return preparing.then(
      () => startSending(request, response, send, true),
      (error: unknown) => answerError(request, error, send),
    );
  }

  function answerError(request: HttpRequest, error: unknown, send: Send): Promise<void> {
    return responseForException(request, error).then((response) => startSending(request, response, send, true));
  }

  /** An error before the first event is sent is answered with its error page (once); after it, it can only be logged. */
  function startSending(request: HttpRequest, response: HttpResponseBase, send: Send, mayRetry: boolean): Promise<void> {
    let start: HttpResponseStartEvent;
    try {
      start = responseStart(response);
    } catch (error) {
      if (!mayRetry) return Promise.reject(error);
      return responseForException(request, error).then((errorPage) => startSending(request, errorPage, send, false));
    }
    const body = wholeBody(response, request);
    const sending = body === undefined ? sendResponse(response, request, start, send) : sendWhole(start, body, send);
    // A fulfilled promise cannot fail: nothing to log, and no reaction to wait for.
    if (isKnownFulfilled(sending)) return sending;
    return sending.then(
      () => rememberFulfilled(sending),
      (error: unknown) => {
        logger.error(`Error while sending the response to ${request.method} ${request.path}`, error);
        throw error;
      },
    );
  }

  /**
   * Sends the start event and the body at once: when `send(start)` returns, the gateway has taken the
   * start, so the body comes after it without waiting a tick (and a promise) for the first promise.
   * The result settles once both have, with the start's failure if both fail (the body's is then moot).
   */
  function sendWhole(start: HttpResponseStartEvent, body: Uint8Array, send: Send): Promise<void> {
    const started = send(start);
    let finished: Promise<void>;
    try {
      finished = send({ type: 'http.response.body', body, more_body: false });
    } catch (error) {
      finished = Promise.reject(error);
    }
    // A server may answer both events with one settled promise: then there is nothing to chain.
    if (finished === started) return finished;
    return started.then(
      () => finished,
      (error: unknown) => {
        finished.then(undefined, ignoreFailure);
        throw error;
      },
    );
  }

  async function handleLifespan(scope: LifespanScope, receive: Receive, send: Send): Promise<void> {
    const state = scope.state ?? {};
    for (;;) {
      const event = await receive();
      if (event.type === 'lifespan.startup') {
        try {
          await loadHandler();
          for (const hook of hooks(options.onStartup)) await hook(state);
        } catch (error) {
          await send({ type: 'lifespan.startup.failed', message: messageOf(error) });
          return;
        }
        await send({ type: 'lifespan.startup.complete' });
      } else if (event.type === 'lifespan.shutdown') {
        try {
          for (const hook of hooks(options.onShutdown)) await hook(state);
        } catch (error) {
          await send({ type: 'lifespan.shutdown.failed', message: messageOf(error) });
          return;
        }
        await send({ type: 'lifespan.shutdown.complete' });
        return;
      }
    }
  }

  async function refuseWebSocket(
    scope: WebSocketScope,
    receive: Receive,
    send: Send,
    denial = { status: 403, text: 'No WebSocket handler is configured for this application.' },
  ): Promise<void> {
    const event = await receive();
    if (event.type !== 'websocket.connect') return;
    if (scope.extensions?.['websocket.http.response']) {
      await send({
        type: 'websocket.http.response.start',
        status: denial.status,
        headers: [[encodeText('content-type'), encodeText('text/plain; charset=utf-8')]],
      });
      await send({ type: 'websocket.http.response.body', body: encodeText(denial.text) });
      return;
    }
    await send({ type: 'websocket.close', code: 1000 });
  }

  // Not an async function: the http path returns its own promise, and a wrapper would add one per request.
  return (scope, receive, send) => {
    try {
      return serve(scope, receive, send);
    } catch (error) {
      return Promise.reject(error);
    }
  };

  function serve(scope: Scope, receive: Receive, send: Send): Promise<void> {
    switch (scope.type) {
      case 'http':
        return runWithContext(context, () => handleHttp(scope, receive, send));
      case 'lifespan':
        return handleLifespan(scope, receive, send);
      case 'websocket': {
        if (!options.websocket) return refuseWebSocket(scope, receive, send);
        // A handshake is a request too: ALLOWED_HOSTS applies before any consumer sees it, as it does to http.
        const disallowed = disallowedHostMessage(scope, settings);
        if (disallowed !== undefined) {
          logger.warn(`DisallowedHost: ${disallowed} (WebSocket ${scope.path})`);
          return refuseWebSocket(scope, receive, send, { status: 400, text: settings.DEBUG ? disallowed : 'Bad Request (400)' });
        }
        return runWithContext(context, () => options.websocket!(scope, receive, send));
      }
      default:
        return Promise.resolve();
    }
  }
}

/**
 * Context processors: functions of the request whose results every template rendered with
 * that request sees (Django's `context_processors`). Built in: `debug` and `request`.
 */

/**
 * Returns variables to add to the context of every template rendered with a request.
 *
 * @example
 * const site: ContextProcessor = () => ({ siteName: 'My blog' });
 * createTemplateEngine({ dirs: ['templates'], contextProcessors: [site] }); // <%= it.siteName %>
 */
export type ContextProcessor = (request: unknown) => Record<string, unknown> | undefined | Promise<Record<string, unknown> | undefined>;

/** Processors registered with `registerContextProcessor()`, run by every engine after its own. */
export const registeredContextProcessors: ContextProcessor[] = [];

/**
 * Adds a context processor to every template engine in this process (apps use it for csrf,
 * auth, messages…). Engines run their own processors first, then these, in registration order.
 *
 * @example
 * registerContextProcessor((request) => ({ siteName: 'My blog' }));
 */
export function registerContextProcessor(processor: ContextProcessor): void {
  if (typeof processor !== 'function') throw new TypeError(`registerContextProcessor() needs a function (request) => object, got ${typeof processor}`);
  registeredContextProcessors.push(processor);
}

/**
 * The `debug` processor: `it.debug` is true when the engine runs with debug on (absent otherwise, as in Django).
 *
 * @example
 * const engine = createTemplateEngine({ debug: true, contextProcessors: [debugContextProcessor(true)] }); // <% if (it.debug) { %>
 */
export function debugContextProcessor(debug: boolean): ContextProcessor {
  return () => (debug ? { debug: true } : {});
}

/**
 * The `request` processor: `it.request` is the request the template is rendered for.
 *
 * @example
 * const engine = createTemplateEngine({ contextProcessors: [requestContextProcessor] }); // <%= it.request.path %>
 */
export const requestContextProcessor: ContextProcessor = (request) => ({ request });

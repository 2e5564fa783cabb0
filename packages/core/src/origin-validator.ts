/**
 * The Origin check for WebSocket handshakes (Channels' OriginValidator): browsers send any page's
 * cookies with a cross-site WebSocket handshake, so a consumer must refuse origins it does not serve.
 */
import type { AsgiApplication, Receive, Send } from '@manouche/asgi';
import type { Settings } from '@manouche/contracts';
import { ImproperlyConfigured } from './errors.js';
import { effectiveAllowedHosts, isAllowedHost } from './host-validation.js';
import { RequestHeaders } from './request-headers.js';

const DEFAULT_PORTS: Record<string, number> = { http: 80, ws: 80, https: 443, wss: 443 };
const PATTERN = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\[[0-9a-f:.]+\]|[^/:\s]+)(?::(\d+))?\/?$/i;

interface OriginPattern {
  /** `*` matches any origin, even a missing one. */
  any: boolean;
  scheme: string | undefined;
  /** A host pattern as in ALLOWED_HOSTS: `example.com`, `.example.com` (and subdomains), `*`. */
  host: string;
  port: number | undefined;
}

function parsePattern(pattern: string): OriginPattern {
  if (pattern === '*') return { any: true, scheme: undefined, host: '*', port: undefined };
  const match = PATTERN.exec(pattern.trim());
  if (!match) {
    throw new ImproperlyConfigured(
      `Invalid allowed origin ${JSON.stringify(pattern)} given to originValidator(): expected a host pattern ("example.com", ".example.com", "*") or an origin ("https://example.com:8443").`,
    );
  }
  const scheme = match[1]?.toLowerCase();
  const port = match[3] !== undefined ? Number(match[3]) : scheme !== undefined ? DEFAULT_PORTS[scheme] : undefined;
  return { any: false, scheme, host: match[2]!.toLowerCase(), port };
}

/** Whether the Origin header value is one of `patterns`; `null`, opaque and malformed origins never are. */
function originAllowed(origin: string | undefined, patterns: readonly OriginPattern[]): boolean {
  if (patterns.some((pattern) => pattern.any)) return true;
  if (origin === undefined) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const scheme = url.protocol.slice(0, -1);
  const host = url.hostname.toLowerCase();
  if (host === '') return false;
  const port = url.port === '' ? DEFAULT_PORTS[scheme] : Number(url.port);
  return patterns.some((pattern) => {
    if (!isAllowedHost(host, [pattern.host])) return false;
    // A bare host pattern allows any scheme and port, as in Channels; a full origin must match all three.
    return pattern.scheme === undefined || (pattern.scheme === scheme && pattern.port === port);
  });
}

async function refuseHandshake(receive: Receive, send: Send): Promise<void> {
  const event = await receive();
  if (event.type !== 'websocket.connect') return;
  // Closing before accepting is the protocol's refusal: servers answer the handshake with 403.
  await send({ type: 'websocket.close', code: 1000 });
}

/**
 * Wraps a websocket application so that handshakes from an Origin outside `allowedOrigins` are refused
 * (403) before the application runs; other scopes pass through untouched. Entries are ALLOWED_HOSTS-style
 * host patterns (`example.com`, `.example.com`, `*`), which allow any scheme and port, or whole origins
 * (`https://example.com`, `https://.example.com:8443`). A handshake without an Origin header (a non-browser
 * client) is refused unless `*` is allowed.
 *
 * @example
 * const application = createApplication({ settings, urls, websocket: originValidator(chat, ['https://chat.example.com']) });
 */
export function originValidator(app: AsgiApplication, allowedOrigins: readonly string[]): AsgiApplication {
  const patterns = allowedOrigins.map(parsePattern);
  return (scope, receive, send) => {
    if (scope.type !== 'websocket') return app(scope, receive, send);
    if (!originAllowed(new RequestHeaders(scope.headers).get('origin'), patterns)) return refuseHandshake(receive, send);
    return app(scope, receive, send);
  };
}

/**
 * {@link originValidator} with the project's ALLOWED_HOSTS as the allowed origins (with DEBUG on and the
 * list empty: `.localhost`, `127.0.0.1`, `[::1]`), as Channels' AllowedHostsOriginValidator.
 *
 * @example
 * const application = createApplication({ settings, urls, websocket: allowedHostsOriginValidator(chat, settings) });
 */
export function allowedHostsOriginValidator(app: AsgiApplication, settings: Settings): AsgiApplication {
  return originValidator(app, effectiveAllowedHosts(settings));
}

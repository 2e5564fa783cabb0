import type { HttpScope, WebSocketScope } from '@manouche/asgi';
import type { Settings } from '@manouche/contracts';
import { RequestHeaders } from './request-headers.js';

const HOST_PATTERN = /^([a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(:[0-9]+)?$/;

/** Splits `host[:port]` into a lower-cased domain (trailing dot dropped) and port; `['', '']` when malformed. */
export function splitDomainPort(host: string): [string, string] {
  const lower = host.toLowerCase();
  if (!HOST_PATTERN.test(lower)) return ['', ''];
  if (lower.endsWith(']')) return [lower, ''];
  const colon = lower.lastIndexOf(':');
  const [domain, port] = colon === -1 ? [lower, ''] : [lower.slice(0, colon), lower.slice(colon + 1)];
  return [domain.endsWith('.') ? domain.slice(0, -1) : domain, port];
}

/**
 * Whether `domain` matches one of `allowedHosts` (Django's rules): `*` matches anything,
 * `.example.com` matches example.com and every subdomain, anything else matches exactly.
 */
export function isAllowedHost(domain: string, allowedHosts: readonly string[]): boolean {
  return allowedHosts.some((pattern) => {
    const p = pattern.toLowerCase();
    if (p === '*') return true;
    if (p.startsWith('.')) return domain === p.slice(1) || domain.endsWith(p);
    return domain === p;
  });
}

/** ALLOWED_HOSTS as used for validation: with DEBUG on and the list empty, the local names Django allows. */
export function effectiveAllowedHosts(settings: Settings): string[] {
  const configured = settings.ALLOWED_HOSTS;
  if (settings.DEBUG && configured.length === 0) return ['.localhost', '127.0.0.1', '[::1]'];
  return [...configured];
}

/**
 * The host a scope asks for: X-Forwarded-Host with USE_X_FORWARDED_HOST, else Host, else the server's
 * own address (as `HttpRequest.getHost()` reads it).
 */
export function scopeHost(scope: HttpScope | WebSocketScope, settings: Settings): string {
  const headers = new RequestHeaders(scope.headers);
  const forwarded = settings.USE_X_FORWARDED_HOST ? headers.get('x-forwarded-host') : undefined;
  const host = forwarded ?? headers.get('host');
  if (host) return host;
  const [name, port] = scope.server ?? ['localhost', 80];
  const secure = scope.scheme === 'https' || scope.scheme === 'wss';
  return port === null || port === (secure ? 443 : 80) ? name : `${name}:${port}`;
}

/**
 * Why the host of `scope` is refused — the message Django's DisallowedHost carries — or `undefined`
 * when ALLOWED_HOSTS allows it. WebSocket handshakes are checked with it as HTTP requests are.
 *
 * @example
 * const problem = disallowedHostMessage(scope, settings);
 * if (problem) logger.warn(`DisallowedHost: ${problem}`);
 */
export function disallowedHostMessage(scope: HttpScope | WebSocketScope, settings: Settings): string | undefined {
  const host = scopeHost(scope, settings);
  const [domain] = splitDomainPort(host);
  if (domain && isAllowedHost(domain, effectiveAllowedHosts(settings))) return undefined;
  return domain
    ? `Invalid HTTP_HOST header: '${host}'. You may need to add '${domain}' to ALLOWED_HOSTS.`
    : `Invalid HTTP_HOST header: '${host}'. The domain name provided is not valid according to RFC 1034/1035.`;
}

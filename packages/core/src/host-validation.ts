import type { HttpScope, WebSocketScope } from '@manouche/asgi';
import type { Settings } from '@manouche/contracts';
import { RequestHeaders } from './request-headers.js';

const HOST_PATTERN = /^([a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(:[0-9]+)?$/;

/**
 * Splits `host[:port]` into a lower-cased domain (trailing dot dropped) and port; `['', '']` when malformed.
 *
 * @example
 * splitDomainPort('Example.com.:8000'); // ['example.com', '8000']
 * splitDomainPort('[::1]'); // ['[::1]', '']
 */
export function splitDomainPort(host: string): [string, string] {
  // Runs on every request, nearly always with the Host of the request before.
  if (host === lastSplit.host) return [lastSplit.domain, lastSplit.port];
  const [domain, port] = parseDomainPort(host);
  lastSplit = { host, domain, port };
  return [domain, port];
}

let lastSplit = { host: '', domain: '', port: '' };

/** The domain part of splitDomainPort alone, without a pair made per call (getHost runs on every request). @internal */
export function domainOf(host: string): string {
  if (host !== lastSplit.host) splitDomainPort(host);
  return lastSplit.domain;
}

function parseDomainPort(host: string): [string, string] {
  const lower = host.toLowerCase();
  if (!HOST_PATTERN.test(lower)) return ['', ''];
  if (lower.endsWith(']')) return [lower, ''];
  const colon = lower.lastIndexOf(':');
  const domain = colon === -1 ? lower : lower.slice(0, colon);
  return [domain.endsWith('.') ? domain.slice(0, -1) : domain, colon === -1 ? '' : lower.slice(colon + 1)];
}

/**
 * Whether `domain` matches one of `allowedHosts` (Django's rules): `*` matches anything,
 * `.example.com` matches example.com and every subdomain, anything else matches exactly.
 *
 * @example
 * isAllowedHost('www.example.com', ['.example.com']); // true
 * isAllowedHost('example.org', ['example.com']); // false
 */
export function isAllowedHost(domain: string, allowedHosts: readonly string[]): boolean {
  // Runs on every request (getHost): plain loops, no callback or sliced copy per pattern. Most
  // requests name a host listed as it is, found without lower-casing every pattern.
  for (let i = 0; i < allowedHosts.length; i++) if (allowedHosts[i] === domain) return true;
  for (let i = 0; i < allowedHosts.length; i++) {
    const p = allowedHosts[i]!.toLowerCase();
    if (p === '*') return true;
    if (p.charCodeAt(0) === 46 /* '.' */) {
      if (domain.endsWith(p) || (domain.length === p.length - 1 && p.endsWith(domain))) return true;
    } else if (domain === p) return true;
  }
  return false;
}

const DEBUG_ALLOWED_HOSTS: readonly string[] = Object.freeze(['.localhost', '127.0.0.1', '[::1]']);

/** @internal The patterns getHost checks, without the copy effectiveAllowedHosts hands out. */
export function allowedHostPatterns(settings: Settings): readonly string[] {
  const configured = settings.ALLOWED_HOSTS;
  return settings.DEBUG && configured.length === 0 ? DEBUG_ALLOWED_HOSTS : configured;
}

/**
 * ALLOWED_HOSTS as used for validation: with DEBUG on and the list empty, the local names Django allows.
 *
 * @example
 * effectiveAllowedHosts({ ...settings, DEBUG: true, ALLOWED_HOSTS: [] }); // ['.localhost', '127.0.0.1', '[::1]']
 */
export function effectiveAllowedHosts(settings: Settings): string[] {
  return [...allowedHostPatterns(settings)];
}

/**
 * The host a scope asks for: X-Forwarded-Host with USE_X_FORWARDED_HOST, else Host, else the server's
 * own address (as `HttpRequest.getHost()` reads it).
 *
 * @example
 * const host = scopeHost(scope, settings); // 'example.com:8000'
 * if (!isAllowedHost(splitDomainPort(host)[0], effectiveAllowedHosts(settings))) return refuse(scope);
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
  if (domain && isAllowedHost(domain, allowedHostPatterns(settings))) return undefined;
  return domain
    ? `Invalid HTTP_HOST header: '${host}'. You may need to add '${domain}' to ALLOWED_HOSTS.`
    : `Invalid HTTP_HOST header: '${host}'. The domain name provided is not valid according to RFC 1034/1035.`;
}

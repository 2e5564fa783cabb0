/** The Origin and (for HTTPS) Referer checks of CSRF protection, with Django's rules and reasons. */
import { DisallowedHost } from '../errors.js';
import type { HttpRequest } from '../request.js';
import type { CsrfConfig } from './csrf-settings.js';

/** Django's reasons for refusing a request, shown on the DEBUG 403 page. */
export const CSRF_REASONS = {
  badOrigin: (origin: string) => `Origin checking failed - ${origin} does not match any trusted origins.`,
  noReferer: 'Referer checking failed - no Referer.',
  badReferer: (referer: string) => `Referer checking failed - ${referer} does not match any trusted origins.`,
  noCsrfCookie: 'CSRF cookie not set.',
  tokenMissing: 'CSRF token missing.',
  malformedReferer: 'Referer checking failed - Referer is malformed.',
  insecureReferer: 'Referer checking failed - Referer is insecure while host is secure.',
} as const;

/** A CSRF check failed for the given reason. @internal */
export class CsrfRejection extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const URL_START = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)/;

/** Scheme and netloc (`user@host:port`, as written) of a URL, as Python's urlparse splits them; '' when absent. */
function splitUrl(url: string): { scheme: string; netloc: string } {
  const match = URL_START.exec(url);
  return match ? { scheme: match[1]!.toLowerCase(), netloc: match[2]! } : { scheme: '', netloc: '' };
}

/** Django's is_same_domain: `.example.com` matches example.com and its subdomains, anything else matches exactly. */
export function isSameDomain(host: string, pattern: string): boolean {
  if (!pattern) return false;
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  return (p.startsWith('.') && (h.endsWith(p) || h === p.slice(1))) || h === p;
}

function hostOrUndefined(request: HttpRequest): string | undefined {
  try {
    return request.getHost();
  } catch (error) {
    if (error instanceof DisallowedHost) return undefined;
    throw error;
  }
}

/** CSRF_TRUSTED_ORIGINS split as Django uses them, computed once per settings. */
export interface TrustedOrigins {
  exact: ReadonlySet<string>;
  /** scheme → netlocs whose subdomains are trusted (`https://*.example.com` → `.example.com`). */
  subdomains: ReadonlyMap<string, readonly string[]>;
  /** Every trusted netloc, wildcard stripped (for the Referer check). */
  hosts: readonly string[];
}

/** Splits CSRF_TRUSTED_ORIGINS into exact origins, wildcard subdomains per scheme, and hosts. */
export function trustedOrigins(origins: readonly string[]): TrustedOrigins {
  const subdomains = new Map<string, string[]>();
  for (const origin of origins.filter((o) => o.includes('*'))) {
    const { scheme, netloc } = splitUrl(origin);
    subdomains.set(scheme, [...(subdomains.get(scheme) ?? []), netloc.replace(/^\*+/, '')]);
  }
  return {
    exact: new Set(origins.filter((o) => !o.includes('*'))),
    subdomains,
    hosts: origins.map((origin) => splitUrl(origin).netloc.replace(/^\*+/, '')),
  };
}

/** Whether the Origin header names this site (scheme + Host) or a trusted origin. */
export function originVerified(request: HttpRequest, origin: string, trusted: TrustedOrigins): boolean {
  const host = hostOrUndefined(request);
  if (host !== undefined && origin === `${request.scheme}://${host}`) return true;
  if (trusted.exact.has(origin)) return true;
  const { scheme, netloc } = splitUrl(origin);
  return (trusted.subdomains.get(scheme) ?? []).some((pattern) => isSameDomain(netloc, pattern));
}

/**
 * For HTTPS requests without Origin: the Referer must be an https URL of this host (or of
 * the cookie domain, or a trusted origin). Throws CsrfRejection with Django's reason otherwise.
 */
export function checkReferer(request: HttpRequest, config: CsrfConfig, trusted: TrustedOrigins): void {
  const referer = request.headers.get('referer');
  if (referer === undefined) throw new CsrfRejection(CSRF_REASONS.noReferer);
  const { scheme, netloc } = splitUrl(referer);
  if (scheme === '' || netloc === '') throw new CsrfRejection(CSRF_REASONS.malformedReferer);
  if (scheme !== 'https') throw new CsrfRejection(CSRF_REASONS.insecureReferer);
  if (trusted.hosts.some((host) => isSameDomain(netloc, host))) return;
  let good = config.useSessions ? config.sessionCookieDomain : config.cookieDomain;
  if (good === undefined) {
    good = hostOrUndefined(request);
    if (good === undefined) throw new CsrfRejection(CSRF_REASONS.badReferer(referer));
  } else {
    const port = request.getPort();
    if (port !== '443' && port !== '80' && port !== '') good = `${good}:${port}`;
  }
  if (!isSameDomain(netloc, good)) throw new CsrfRejection(CSRF_REASONS.badReferer(referer));
}

import type { HttpRequest } from '../request.js';
import type { HttpResponseBase } from '../response.js';
import type { Middleware } from '../middleware.js';
import { HttpResponsePermanentRedirect } from '../response-classes.js';
import { requireSettings } from '../required-settings.js';
import { checkedOnFirstUse } from '../response-headers.js';
import { stepsHandler } from './response-steps.js';

/**
 * Django's SecurityMiddleware: X-Content-Type-Options: nosniff (SECURE_CONTENT_TYPE_NOSNIFF, default
 * on), Referrer-Policy (SECURE_REFERRER_POLICY, default `same-origin`), Cross-Origin-Opener-Policy
 * (SECURE_CROSS_ORIGIN_OPENER_POLICY, default `same-origin`), Strict-Transport-Security over HTTPS
 * only (SECURE_HSTS_SECONDS, SECURE_HSTS_INCLUDE_SUBDOMAINS, SECURE_HSTS_PRELOAD) and a 301 to
 * HTTPS (SECURE_SSL_REDIRECT, SECURE_SSL_HOST, SECURE_REDIRECT_EXEMPT as regular expressions).
 * X-Frame-Options is the separate XFrameOptionsMiddleware, as in Django.
 *
 * @example
 * // settings: MIDDLEWARE: ['manouche.middleware.security.SecurityMiddleware', ...]
 */
export const SecurityMiddleware: Middleware = (getResponse, { settings }) => {
  requireSettings(
    settings,
    [
      'SECURE_HSTS_SECONDS',
      'SECURE_HSTS_INCLUDE_SUBDOMAINS',
      'SECURE_HSTS_PRELOAD',
      'SECURE_CONTENT_TYPE_NOSNIFF',
      'SECURE_SSL_REDIRECT',
      'SECURE_SSL_HOST',
      'SECURE_REDIRECT_EXEMPT',
      'SECURE_REFERRER_POLICY',
      'SECURE_CROSS_ORIGIN_OPENER_POLICY',
    ],
    'SecurityMiddleware',
  );
  const stsSeconds = settings.SECURE_HSTS_SECONDS;
  const stsIncludeSubdomains = settings.SECURE_HSTS_INCLUDE_SUBDOMAINS;
  const stsPreload = settings.SECURE_HSTS_PRELOAD;
  const nosniff = settings.SECURE_CONTENT_TYPE_NOSNIFF;
  const sslRedirect = settings.SECURE_SSL_REDIRECT;
  const sslHost = settings.SECURE_SSL_HOST;
  const exempt = settings.SECURE_REDIRECT_EXEMPT.map((pattern) => new RegExp(pattern));
  const referrerPolicy: string | readonly string[] | null = settings.SECURE_REFERRER_POLICY;
  const referrerPolicyValue: string | null = !referrerPolicy ? null : Array.isArray(referrerPolicy) ? referrerPolicy.join(',') : (referrerPolicy as string);
  const coop = settings.SECURE_CROSS_ORIGIN_OPENER_POLICY;
  // Checked once, not on every response (a refused value still fails every request).
  const referrerPolicyText = referrerPolicyValue === null ? null : checkedOnFirstUse('referrer-policy', referrerPolicyValue);
  const coopText = coop ? checkedOnFirstUse('cross-origin-opener-policy', coop) : null;

  const addHeaders = (request: HttpRequest, response: HttpResponseBase): HttpResponseBase => {
    if (stsSeconds && request.isSecure() && !response.headers.has('strict-transport-security')) {
      let value = `max-age=${stsSeconds}`;
      if (stsIncludeSubdomains) value += '; includeSubDomains';
      if (stsPreload) value += '; preload';
      response.headers.set('strict-transport-security', value);
    }
    if (nosniff) response.headers.setDefaultValid('x-content-type-options', 'nosniff');
    if (referrerPolicyText !== null) response.headers.setDefaultValid('referrer-policy', referrerPolicyText());
    if (coopText !== null) response.headers.setDefaultValid('cross-origin-opener-policy', coopText());
    return response;
  };

  const redirectToHttps = (request: HttpRequest): HttpResponseBase | undefined => {
    if (request.isSecure()) return undefined;
    const path = request.path.replace(/^\/+/, '');
    if (exempt.some((pattern) => pattern.test(path))) return undefined;
    return new HttpResponsePermanentRedirect(`https://${sslHost || request.getHost()}${request.getFullPath()}`);
  };
  return stepsHandler(getResponse, { before: sslRedirect ? redirectToHttps : undefined, after: addHeaders });
};

import { whenReady } from '@manouche/contracts';
import type { Middleware } from '../middleware.js';
import { HttpResponsePermanentRedirect } from '../response-classes.js';
import { requireSettings } from '../required-settings.js';

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

  return (request) => {
    if (sslRedirect && !request.isSecure()) {
      const path = request.path.replace(/^\/+/, '');
      if (!exempt.some((pattern) => pattern.test(path))) {
        return new HttpResponsePermanentRedirect(`https://${sslHost || request.getHost()}${request.getFullPath()}`);
      }
    }
    return whenReady(getResponse(request), (response) => {
      if (stsSeconds && request.isSecure() && !response.headers.has('strict-transport-security')) {
        let value = `max-age=${stsSeconds}`;
        if (stsIncludeSubdomains) value += '; includeSubDomains';
        if (stsPreload) value += '; preload';
        response.headers.set('strict-transport-security', value);
      }
      if (nosniff) response.headers.setDefault('x-content-type-options', 'nosniff');
      if (referrerPolicyValue !== null) response.headers.setDefault('referrer-policy', referrerPolicyValue);
      if (coop) response.headers.setDefault('cross-origin-opener-policy', coop);
      return response;
    });
  };
};

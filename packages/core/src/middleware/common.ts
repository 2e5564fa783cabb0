import { AppendSlashError, PermissionDenied } from '../errors.js';
import type { Middleware } from '../middleware.js';
import type { HttpRequest } from '../request.js';
import { HttpResponsePermanentRedirect } from '../response-classes.js';
import { requireSettings } from '../required-settings.js';
import type { UrlResolver } from '@manouche/contracts';
import { stepsHandler } from './response-steps.js';

const noSlashViews = new WeakSet<object>();

/**
 * Marks a view so APPEND_SLASH never redirects to it (Django's @no_append_slash).
 *
 * @example
 * path('api/items/', noAppendSlash(itemsView));
 */
export function noAppendSlash<V extends object>(view: V): V {
  noSlashViews.add(view);
  return view;
}

function shouldRedirectWithSlash(request: HttpRequest, urls: UrlResolver<unknown>, appendSlash: boolean): boolean {
  if (!appendSlash || request.pathInfo.endsWith('/')) return false;
  if (urls.resolve(request.pathInfo) !== null) return false;
  const match = urls.resolve(`${request.pathInfo}/`);
  // WeakSet.has is simply false for a view that is not an object.
  return match !== null && !noSlashViews.has(match.view as object);
}

function pathWithSlash(request: HttpRequest, debug: boolean): string {
  // A leading "//" would make the Location a scheme-relative URL to another host.
  const path = request.getFullPath(true).replace(/^\/{2,}/, '/%2F');
  if (debug && ['POST', 'PUT', 'PATCH'].includes(request.method)) {
    throw new AppendSlashError(
      `You called this URL via ${request.method}, but the URL doesn't end in a slash and you have APPEND_SLASH set. ` +
        `Manouche can't redirect to the slash URL while maintaining ${request.method} data. ` +
        `Change your form to point to ${request.getHost()}${path} (note the trailing slash), or set APPEND_SLASH = false in your settings.`,
    );
  }
  return path;
}

function userAgentPatterns(value: readonly string[]): RegExp[] {
  return value.map((pattern) => new RegExp(pattern));
}

/**
 * Django's CommonMiddleware: refuses DISALLOWED_USER_AGENTS (403), validates the Host against
 * ALLOWED_HOSTS on every request (an unknown host is a DisallowedHost, answered 400), redirects to
 * `www.` with PREPEND_WWW, and with APPEND_SLASH (default on) answers a 404 for `/path` with a 301
 * to `/path/` when only the slashed path resolves. In DEBUG a POST/PUT/PATCH that would need that
 * redirect is an AppendSlashError instead, since the body would be lost.
 *
 * @example
 * // settings: MIDDLEWARE: ['manouche.middleware.security.SecurityMiddleware', 'manouche.middleware.common.CommonMiddleware']
 */
export const CommonMiddleware: Middleware = (getResponse, { settings, urls }) => {
  requireSettings(settings, ['APPEND_SLASH', 'PREPEND_WWW', 'DISALLOWED_USER_AGENTS'], 'CommonMiddleware');
  const appendSlash = settings.APPEND_SLASH;
  const prependWww = settings.PREPEND_WWW;
  const disallowedAgents = userAgentPatterns(settings.DISALLOWED_USER_AGENTS);
  const debug = Boolean(settings.DEBUG);
  return stepsHandler(getResponse, {
    before(request) {
      // Most projects disallow no agent: then the request's headers need not be read at all.
      if (disallowedAgents.length > 0) {
        const agent = request.headers.get('user-agent');
        if (agent !== undefined && disallowedAgents.some((pattern) => pattern.test(agent))) throw new PermissionDenied('Forbidden user agent');
      }
      const host = request.getHost();
      if (prependWww && host && !host.startsWith('www.')) {
        const path = shouldRedirectWithSlash(request, urls, appendSlash) ? pathWithSlash(request, debug) : request.getFullPath();
        return new HttpResponsePermanentRedirect(`${request.scheme}://www.${host}${path}`);
      }
      return undefined;
    },
    after(request, response) {
      return response.status === 404 && shouldRedirectWithSlash(request, urls, appendSlash)
        ? new HttpResponsePermanentRedirect(pathWithSlash(request, debug))
        : response;
    },
  });
};

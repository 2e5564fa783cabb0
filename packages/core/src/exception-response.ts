import type { TemplateEngine, UrlResolver } from '@manouche/contracts';
import { technical404Html, technical500Html, welcomeHtml } from './debug-pages.js';
import { BadRequest, Http404, PermissionDenied, RequestAborted, SuspiciousOperation } from './errors.js';
import type { HttpRequest } from './request.js';
import { HttpResponse } from './response.js';
import { gotRequestException } from './request-exception-signal.js';

/**
 * Where core reports errors: the 500s with their stack, suspicious requests as warnings.
 *
 * @example
 * const logger: Logger = { error: (message, error) => pino.error({ err: error }, message), warn: (message) => pino.warn(message) };
 * createApplication({ settings, urls, logger });
 */
export interface Logger {
  error(message: string, error?: unknown): void;
  warn(message: string): void;
}

/**
 * Django's default_urlconf test: the URLconf is empty, or holds only the admin (what startproject
 * writes), so `/` of a new project welcomes instead of listing the admin's patterns.
 */
function isNewProjectUrlconf(urls: UrlResolver): boolean {
  const patterns = urls.describePatterns();
  if (patterns.length === 0) return true;
  let admin: string;
  try {
    admin = urls.reverse('admin:index').slice(1);
  } catch {
    // No admin (NoReverseMatch): a project's own URLconf. The responder never throws, so anything else is "no" too.
    return false;
  }
  return patterns.every((pattern) => pattern.startsWith(admin));
}

/**
 * Writes to stderr.
 *
 * @example
 * createApplication({ settings, urls, logger: stderrLogger }); // the default
 */
export const stderrLogger: Logger = {
  error(message, error) {
    const detail = error instanceof Error ? `\n${error.stack ?? `${error.name}: ${error.message}`}` : error === undefined ? '' : `\n${String(error)}`;
    process.stderr.write(`${message}${detail}\n`);
  },
  warn(message) {
    process.stderr.write(`${message}\n`);
  },
};

const PLAIN_PAGES: Record<number, string> = {
  400: '<h1>Bad Request (400)</h1>',
  403: '<h1>403 Forbidden</h1>',
  404: '<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>',
  413: '<h1>Payload Too Large (413)</h1>',
  500: '<h1>Server Error (500)</h1>',
};

function plainPage(status: number): HttpResponse {
  return new HttpResponse(PLAIN_PAGES[status] ?? `<h1>Error (${status})</h1>`, { status });
}

/** Turns an error into the response the client gets; never throws. */
export type ExceptionResponder = (request: HttpRequest, error: unknown) => Promise<HttpResponse>;

/**
 * The one place errors become responses, the way Django's response_for_exception does: Http404 →
 * 404, PermissionDenied → 403, BadRequest / SuspiciousOperation → 400 (413 for RequestDataTooBig),
 * anything else → 500, logged with method and path. DEBUG shows the technical pages (404 page,
 * and the 500 page for 400s and 500s); otherwise `<status>.html` is rendered when the template
 * engine has it, else a minimal page, and nothing internal is sent. When building the error page
 * fails too, both errors are logged and the plain 500 page is sent: the responder never throws.
 */
export function createExceptionResponder(options: { templates?: TemplateEngine; logger: Logger }): ExceptionResponder {
  const { templates, logger } = options;

  async function errorPage(request: HttpRequest, status: number, context: Record<string, unknown>): Promise<HttpResponse> {
    const templateName = `${status}.html`;
    if (!templates?.exists(templateName)) return plainPage(status);
    try {
      return new HttpResponse(await templates.render(templateName, context, request), { status });
    } catch (error) {
      logger.error(`Rendering ${templateName} failed for ${request.method} ${request.path}; sent the plain ${status} page instead`, error);
      return plainPage(status);
    }
  }

  async function responseForException(request: HttpRequest, error: unknown): Promise<HttpResponse> {
    const debug = Boolean(request.settings.DEBUG);
    if (error instanceof Http404) {
      if (debug && error.resolverFailed && request.pathInfo === '/' && isNewProjectUrlconf(request.context.urls)) {
        return new HttpResponse(welcomeHtml());
      }
      if (debug) return new HttpResponse(technical404Html(request, error, request.context.urls), { status: 404 });
      return errorPage(request, 404, { requestPath: request.path, exception: error.message });
    }
    if (error instanceof PermissionDenied) return errorPage(request, 403, { exception: error.message });
    if (error instanceof RequestAborted) return plainPage(400);
    if (error instanceof BadRequest || error instanceof SuspiciousOperation) {
      const status = error instanceof SuspiciousOperation ? error.status : 400;
      if (error instanceof SuspiciousOperation) logger.warn(`${error.name}: ${error.message} (${request.method} ${request.path})`);
      if (debug) return new HttpResponse(await technical500Html(request, error, status), { status });
      return errorPage(request, status, { exception: error.message });
    }
    gotRequestException.send(request, error);
    logger.error(`Internal Server Error: ${request.method} ${request.path}`, error);
    if (debug) return new HttpResponse(await technical500Html(request, error, 500), { status: 500 });
    return errorPage(request, 500, {});
  }

  return async (request, error) => {
    try {
      return await responseForException(request, error);
    } catch (pageError) {
      logger.error(`Internal Server Error: ${request.method} ${request.path} (and the error page failed too)`, pageError);
      return plainPage(500);
    }
  };
}

/** What a refused request gets: the view named by CSRF_FAILURE_VIEW, by default Django's explanatory 403 page. */
import { ImproperlyConfigured } from '../errors.js';
import { escapeHtml } from '@manouche/contracts/text';
import type { ImportModule } from '../middleware.js';
import type { HttpRequest } from '../request.js';
import { HttpResponseForbidden } from '../response-classes.js';
import type { HttpResponseBase } from '../response.js';
import type { ViewFunction } from '../views.js';
import { CSRF_REASONS } from './csrf-origin.js';

/** The built-in failure view's name, CSRF_FAILURE_VIEW's default. */
export const DEFAULT_CSRF_FAILURE_VIEW = 'manouche.views.csrf.csrfFailure';
/**
 * A project template of this name replaces the built-in page (rendered with the same context).
 *
 * @example
 * // templates/403_csrf.html replaces the built-in page; it sees `reason`, `noReferer`, `noCookie`, …
 * CSRF_FAILURE_TEMPLATE_NAME; // '403_csrf.html'
 */
export const CSRF_FAILURE_TEMPLATE_NAME = '403_csrf.html';

const STYLE = `html *{padding:0;margin:0}body *{padding:10px 20px}body * *{padding:0}body{font:small sans-serif;background:#eee;color:#000}
body>div{border-bottom:1px solid #ddd}h1{font-weight:normal;margin-bottom:.4em}h1 span{font-size:60%;color:#666}
#info{background:#f6f6f6}#info ul{margin:.5em 4em}#info p,#summary p{padding-top:10px}#summary{background:#ffc}#explanation{background:#eee;border-bottom:0 none}`;

/** The values the failure page (built-in or `403_csrf.html`) is rendered with. */
export function csrfFailureContext(request: HttpRequest, reason: string): Record<string, unknown> {
  return {
    title: 'Forbidden',
    main: 'CSRF verification failed. Request aborted.',
    reason,
    noReferer: reason === CSRF_REASONS.noReferer,
    noReferer1:
      "You are seeing this message because this HTTPS site requires a 'Referer header' to be sent by your web browser, but none was sent. " +
      'This header is required for security reasons, to make sure that your browser is not being hijacked by third parties.',
    noReferer2:
      "If you have configured your browser to disable 'Referer' headers, please re-enable them, at least for this site, or for HTTPS connections, or for 'same-origin' requests.",
    noCookie: reason === CSRF_REASONS.noCsrfCookie,
    noCookie1:
      'You are seeing this message because this site requires a CSRF cookie when submitting forms. ' +
      'This cookie is required for security reasons, to make sure that your browser is not being hijacked by third parties.',
    noCookie2: "If you have configured your browser to disable cookies, please re-enable them, at least for this site, or for 'same-origin' requests.",
    DEBUG: Boolean(request.settings.DEBUG),
    more: 'More information is available with DEBUG=true.',
  };
}

function builtinPage(context: Record<string, unknown>): string {
  const e = (key: string) => escapeHtml(context[key]);
  const extra = [
    context.noReferer ? `<p>${e('noReferer1')}</p>\n  <p>${e('noReferer2')}</p>` : '',
    context.noCookie ? `<p>${e('noCookie1')}</p>\n  <p>${e('noCookie2')}</p>` : '',
  ]
    .filter(Boolean)
    .join('\n  ');
  const detail = context.DEBUG
    ? `<div id="info">
  <h2>Help</h2>
  ${context.reason ? `<p>Reason given for failure:</p>\n  <pre>\n    ${e('reason')}\n  </pre>` : ''}
  <p>In general, this can occur when there is a genuine Cross Site Request Forgery, or when Manouche's CSRF protection has not been used correctly. For POST forms, you need to make sure that:</p>
  <ul>
    <li>Your browser is accepting cookies.</li>
    <li>The view renders its template with the request (<code>render(request, …)</code>), so the template sees <code>csrf_token</code>.</li>
    <li>In the template, every POST form that targets an internal URL contains <code>&lt;%= it.csrfInput() %&gt;</code>.</li>
    <li>If you are not using <code>CsrfViewMiddleware</code>, then you must use <code>csrfProtect</code> on any views that use the CSRF token, as well as those that accept the POST data.</li>
    <li>The form has a valid CSRF token. After logging in in another browser tab or hitting the back button after a login, you may need to reload the page with the form, because the token is rotated after a login.</li>
  </ul>
  <p>You're seeing the help section of this page because you have <code>DEBUG = true</code> in your settings. Change that to <code>false</code>, and only the initial error message will be displayed.</p>
  <p>You can customize this page using the CSRF_FAILURE_VIEW setting, or a <code>${CSRF_FAILURE_TEMPLATE_NAME}</code> template.</p>
</div>`
    : `<div id="explanation">
  <p><small>${e('more')}</small></p>
</div>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta http-equiv="content-type" content="text/html; charset=utf-8">
  <meta name="robots" content="NONE,NOARCHIVE">
  <title>403 Forbidden</title>
  <style>${STYLE}</style>
</head>
<body>
<div id="summary">
  <h1>${e('title')} <span>(403)</span></h1>
  <p>${e('main')}</p>
  ${extra}
</div>
${detail}
</body>
</html>
`;
}

/**
 * The default CSRF failure view (Django's csrf_failure): a 403 naming the reason and how to fix
 * it when DEBUG is on, and only "CSRF verification failed" when it is off. A `403_csrf.html`
 * template, when the project has one, is rendered instead with the same values.
 *
 * @example
 * // settings: CSRF_FAILURE_VIEW: 'blog.views.csrfFailure'
 * export function csrfFailure(request: HttpRequest, { reason }: { reason: string }) {
 *   return render(request, 'blog/csrf-failure.html', { reason }, { status: 403 });
 * }
 */
export async function csrfFailure(request: HttpRequest, kwargs: Record<string, unknown> = {}): Promise<HttpResponseBase> {
  const context = csrfFailureContext(request, String(kwargs.reason ?? ''));
  const templates = request.context.templates;
  if (templates?.exists(CSRF_FAILURE_TEMPLATE_NAME)) {
    return new HttpResponseForbidden(await templates.render(CSRF_FAILURE_TEMPLATE_NAME, context, request));
  }
  return new HttpResponseForbidden(builtinPage(context));
}

/**
 * The view CSRF_FAILURE_VIEW names (`'module.exportName'`, loaded with the application's
 * importModule), called as `view(request, { reason })`. Django's name is refused with the Manouche one.
 */
export async function loadCsrfFailureView(name: string, importModule: ImportModule | undefined): Promise<ViewFunction> {
  if (name === DEFAULT_CSRF_FAILURE_VIEW) return csrfFailure;
  if (name === 'django.views.csrf.csrf_failure') {
    throw new ImproperlyConfigured(`CSRF_FAILURE_VIEW '${name}' is Django's name: write '${DEFAULT_CSRF_FAILURE_VIEW}' (or leave the setting out).`);
  }
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) {
    throw new ImproperlyConfigured(`CSRF_FAILURE_VIEW '${name}' is not a dotted path 'module.exportName' such as 'blog.views.csrfFailure'.`);
  }
  if (!importModule) {
    throw new ImproperlyConfigured(
      `CSRF_FAILURE_VIEW '${name}' names a module, but createApplication was given no importModule to load '${name.slice(0, dot)}' with.`,
    );
  }
  let module: Record<string, unknown>;
  try {
    module = await importModule(name.slice(0, dot));
  } catch (error) {
    throw new ImproperlyConfigured(`CSRF_FAILURE_VIEW '${name}': cannot import module '${name.slice(0, dot)}': ${(error as Error).message}`, { cause: error });
  }
  const view = module?.[name.slice(dot + 1)];
  if (typeof view !== 'function') {
    throw new ImproperlyConfigured(`CSRF_FAILURE_VIEW '${name}': module '${name.slice(0, dot)}' has no view function '${name.slice(dot + 1)}'.`);
  }
  return view as ViewFunction;
}

import { readFileSync } from 'node:fs';
import type { TemplateErrorInfo, UrlResolver } from '@manouche/contracts';
import type { Http404 } from './errors.js';
import { escapeHtml } from '@manouche/contracts/text';
import { escapeUriPath, type HttpRequest } from './request.js';
import { CLEANSED_SUBSTITUTE, HIDDEN_SETTINGS, cleansedSettings, formatValue, isHiddenHeader } from './sensitive-data.js';

const STYLE = `body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#222}
header{background:#ffc;border-bottom:1px solid #ccc;padding:12px 20px}
section{padding:8px 20px;border-bottom:1px solid #eee}h1{margin:0 0 4px;font-size:22px}
h2{font-size:16px;margin:12px 0 6px}table{border-collapse:collapse}th,td{text-align:left;vertical-align:top;padding:2px 10px 2px 0}
th{color:#555;font-weight:normal}pre{background:#f6f6f6;padding:8px;overflow:auto;margin:0}
.current{background:#fcc}footer{padding:12px 20px;color:#666;background:#eee}code{background:#f3f3f3}`;

function page(title: string, body: string, debugNote: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="robots" content="NONE,NOARCHIVE"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
${body}
<footer><p>You're seeing this error because you have <code>DEBUG = true</code> in your settings. Change that to <code>false</code>, and Manouche will display a standard ${escapeHtml(debugNote)} page.</p></footer>
</body>
</html>`;
}

function table(rows: Array<[string, unknown]>, empty: string): string {
  if (rows.length === 0) return `<p>${escapeHtml(empty)}</p>`;
  const cells = rows.map(
    ([key, value]) => `<tr><th>${escapeHtml(key)}</th><td><pre>${escapeHtml(typeof value === 'string' ? value : formatValue(value))}</pre></td></tr>`,
  );
  return `<table>${cells.join('\n')}</table>`;
}

function rootUrlconf(request: HttpRequest): string {
  const name = request.settings.ROOT_URLCONF;
  return typeof name === 'string' && name ? name : 'the URLconf given to createApplication';
}

/**
 * The DEBUG 404 page: for a path nothing matched, every pattern of the URLconf in order and the
 * path tried; for an Http404 raised by a view, its message and the view.
 */
export function technical404Html(request: HttpRequest, error: Http404, urls: UrlResolver<unknown>): string {
  const title = `Page not found at ${request.path}`;
  let details: string;
  if (error.resolverFailed) {
    const patterns = urls.describePatterns();
    const list = patterns.map((pattern) => `<li><code>${escapeHtml(pattern)}</code></li>`).join('\n');
    details =
      patterns.length === 0
        ? `<p>The URLconf <code>${escapeHtml(rootUrlconf(request))}</code> has no patterns.</p>`
        : `<p>Using the URLconf defined in <code>${escapeHtml(rootUrlconf(request))}</code>, Manouche tried these URL patterns, in this order:</p>
<ol>${list}</ol>`;
    details += `<p>The current path, <code>${escapeHtml(request.pathInfo.replace(/^\//, ''))}</code>, didn't match any of these.</p>`;
  } else {
    const match = request.resolverMatch;
    const view = match ? viewName(match.view) : 'unknown';
    details = `<p>${escapeHtml(error.message)}</p><p>Raised by: <code>${escapeHtml(view)}</code></p>`;
  }
  const body = `<header><h1>Page not found <span>(404)</span></h1>
<table><tr><th>Request Method:</th><td>${escapeHtml(request.method)}</td></tr>
<tr><th>Request URL:</th><td>${escapeHtml(safeAbsoluteUri(request))}</td></tr></table></header>
<section>${details}</section>`;
  return page(title, body, '404');
}

/**
 * Django's default_urlconf page: what a new project shows at `/` in DEBUG while its URLconf is empty.
 */
export function welcomeHtml(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>The install worked successfully! Congratulations!</title><style>${STYLE}</style></head>
<body>
<header><h1>The install worked successfully! Congratulations!</h1></header>
<section><p>You are seeing this page because <code>DEBUG = true</code> is in your settings file and you have not configured any URLs.</p>
<p>Add patterns to your ROOT_URLCONF to replace this page.</p></section>
</body>
</html>`;
}

function viewName(view: unknown): string {
  if (typeof view === 'function') return view.name || 'anonymous view';
  return String(view);
}

/** The request URL without its query string: query values are shown (masked) in the GET table. */
function safeAbsoluteUri(request: HttpRequest): string {
  const path = escapeUriPath(request.path);
  try {
    return `${request.scheme}://${request.getHost()}${path}`;
  } catch {
    return path;
  }
}

function isTemplateError(error: unknown): error is Error & TemplateErrorInfo {
  return typeof (error as TemplateErrorInfo | null)?.templateName === 'string';
}

function templateSection(error: Error & TemplateErrorInfo): string {
  const where = [
    `<tr><th>Template:</th><td><code>${escapeHtml(error.templateName)}</code></td></tr>`,
    error.templatePath ? `<tr><th>File:</th><td><code>${escapeHtml(error.templatePath)}</code></td></tr>` : '',
    error.line ? `<tr><th>Line:</th><td>${escapeHtml(error.line)}</td></tr>` : '',
  ].join('');
  let source = '';
  if (error.templatePath && error.line) {
    try {
      const lines = readFileSync(error.templatePath, 'utf8').split('\n');
      const from = Math.max(0, error.line - 6);
      const rows = lines
        .slice(from, error.line + 5)
        .map((text, i) => {
          const number = from + i + 1;
          return `<span${number === error.line ? ' class="current"' : ''}>${String(number).padStart(4)}  ${escapeHtml(text)}</span>`;
        })
        .join('\n');
      source = `<pre>${rows}</pre>`;
    } catch {
      source = '<p>(The template file could not be read.)</p>';
    }
  }
  return `<section id="template"><h2>Error during template rendering</h2><table>${where}</table>${source}</section>`;
}

function tracebackSection(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth += 1) {
    const text = current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : formatValue(current);
    parts.push(`<pre>${escapeHtml(text)}</pre>`);
    current = current instanceof Error ? current.cause : undefined;
    if (current !== undefined) parts.push('<p>The above error was caused by:</p>');
  }
  return `<section id="traceback"><h2>Traceback</h2>${parts.join('\n')}</section>`;
}

function exceptionLocation(error: unknown): string | undefined {
  if (!(error instanceof Error) || !error.stack) return undefined;
  return error.stack
    .split('\n')
    .find((line) => line.trim().startsWith('at '))
    ?.trim()
    .slice(3);
}

function maskedHeaders(request: HttpRequest): Array<[string, unknown]> {
  return [...request.headers].map(([name, value]) => [name, isHiddenHeader(name) ? CLEANSED_SUBSTITUTE : value]);
}

function maskedPairs(pairs: Iterable<[string, string]>, alsoHidden: readonly unknown[] = []): Array<[string, unknown]> {
  return [...pairs].map(([name, value]) => [name, HIDDEN_SETTINGS.test(name) || alsoHidden.includes(name) ? CLEANSED_SUBSTITUTE : value]);
}

/**
 * The DEBUG 500 page (also used for 400s in DEBUG, as Django does): the error, its stack and
 * causes, the template location for template errors, the request (method, path, headers,
 * query, form data when already parsed, cookies) and the settings with secrets masked: names
 * matching HIDDEN_SETTINGS, the raw Cookie header whole, and the session cookie (a credential).
 */
export async function technical500Html(request: HttpRequest, error: unknown, status: number): Promise<string> {
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : formatValue(error);
  const form = await request.parsedFormData();
  const location = exceptionLocation(error);
  const summary = `<header><h1>${escapeHtml(name)} at ${escapeHtml(request.path)}</h1>
<pre class="exception_value">${escapeHtml(message || 'No error message supplied')}</pre>
<table>
<tr><th>Request Method:</th><td>${escapeHtml(request.method)}</td></tr>
<tr><th>Request URL:</th><td>${escapeHtml(safeAbsoluteUri(request))}</td></tr>
<tr><th>Status:</th><td>${status}</td></tr>
<tr><th>Error Type:</th><td>${escapeHtml(name)}</td></tr>
${location ? `<tr><th>Error Location:</th><td><code>${escapeHtml(location)}</code></td></tr>` : ''}
<tr><th>Node.js Version:</th><td>${escapeHtml(process.version)}</td></tr>
</table></header>`;
  const requestInfo = `<section id="request-info"><h2>Request information</h2>
<h3>GET</h3>${table(maskedPairs(request.query), 'No GET data')}
<h3>POST</h3>${form ? table(maskedPairs(form.post), 'No POST data') : '<p>No POST data (the body was not parsed as a form)</p>'}
<h3>FILES</h3>${
    form
      ? table(
          [...form.files].map(([field, file]) => [field, `${file.name} (${file.contentType}, ${file.size} bytes)`]),
          'No FILES data',
        )
      : '<p>No FILES data</p>'
  }
<h3>COOKIES</h3>${table(maskedPairs(Object.entries(request.cookies), [request.settings.SESSION_COOKIE_NAME]), 'No cookie data')}
<h3>HEADERS</h3>${table(maskedHeaders(request), 'No headers')}
</section>`;
  const settingsInfo = `<section id="settings"><h2>Settings</h2>${table(cleansedSettings(request.settings), 'No settings')}</section>`;
  const body = [summary, isTemplateError(error) ? templateSection(error) : '', tracebackSection(error), requestInfo, settingsInfo].join('\n');
  return page(`${name} at ${request.path}`, body, status >= 500 ? '500' : String(status));
}

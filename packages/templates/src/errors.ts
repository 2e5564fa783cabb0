/**
 * Every error @manouche/templates raises. Loading and rendering errors carry the contracts'
 * `TemplateErrorInfo` fields (templateName, templatePath, line) so a DEBUG page can show where
 * they happened without importing this package.
 */
import type { TemplateErrorInfo } from '@manouche/contracts';

/**
 * Where a template was used from, e.g. the template whose `include()` or `extend()` asked for a missing one.
 *
 * @example
 * catch (error) { if (error instanceof TemplateDoesNotExist) console.error(error.usedFrom?.templateName, error.usedFrom?.line); }
 */
export interface TemplateUseSite {
  templateName: string;
  templatePath?: string;
  line?: number;
}

function location(info: { templateName: string; templatePath?: string; line?: number }): string {
  const file = info.templatePath ?? info.templateName;
  return info.line ? `${file}:${info.line}` : file;
}

/**
 * No candidate template exists; `tried` lists every path that was looked at.
 *
 * @example
 * await engine.render('polls/indx.html'); // TemplateDoesNotExist: Template "polls/indx.html" does not exist. Paths tried: …
 */
export class TemplateDoesNotExist extends Error implements TemplateErrorInfo {
  readonly code = 'MANOUCHE_TEMPLATE_DOES_NOT_EXIST';
  readonly templateName: string;
  templatePath?: string;
  line?: number;
  /** The template (and line) whose `include()`/`extend()` asked for the missing one, when there is one. */
  usedFrom?: TemplateUseSite;

  constructor(
    readonly names: readonly string[],
    readonly tried: readonly string[],
  ) {
    const quoted = names.map((name) => `"${name}"`).join(', ');
    const head =
      names.length === 0 ? 'No template name was given.' : names.length === 1 ? `Template ${quoted} does not exist.` : `None of the templates ${quoted} exist.`;
    const list = tried.length > 0 ? tried.map((file) => `\n  ${file} (not found)`).join('') : '\n  (no template folders are configured: set DIRS or APP_DIRS)';
    super(`${head} Paths tried:${list}`);
    this.name = 'TemplateDoesNotExist';
    this.templateName = names[0] ?? '';
  }

  /** Records the template and line that asked for the missing one (first caller wins). */
  setUsedFrom(site: TemplateUseSite): void {
    if (this.usedFrom) return;
    this.usedFrom = site;
    this.templatePath = site.templatePath;
    this.line = site.line;
    this.message += `\n  (requested from ${location(site)})`;
  }
}

/**
 * A template name that would leave its folder (`../../etc/passwd`, an absolute path, a NUL byte).
 *
 * @example
 * await engine.render('../../etc/passwd'); // SuspiciousTemplateName
 */
export class SuspiciousTemplateName extends Error {
  readonly code = 'MANOUCHE_TEMPLATE_SUSPICIOUS_NAME';
  constructor(readonly templateName: string) {
    super(
      `Template name ${JSON.stringify(templateName)} is not allowed: names are relative paths inside a template folder ` +
        `(like "blog/post/list.html"), without "..", a leading "/" or NUL bytes.`,
    );
    this.name = 'SuspiciousTemplateName';
  }
}

/**
 * The template's source is not valid (an unclosed tag, a JavaScript syntax error in a tag, a misplaced `extend()`).
 *
 * @example
 * try { await engine.render('blog/post/list.html', { posts }); }
 * catch (error) { if (error instanceof TemplateSyntaxError) console.error(`${error.templatePath}:${error.line}`); }
 */
export class TemplateSyntaxError extends Error implements TemplateErrorInfo {
  readonly code = 'MANOUCHE_TEMPLATE_SYNTAX_ERROR';
  readonly templateName: string;
  readonly templatePath?: string;
  readonly line?: number;
  constructor(info: TemplateErrorInfo, detail: string, options?: { cause?: unknown }) {
    super(`Syntax error in template "${info.templateName}" at ${location(info)}: ${detail}`, options);
    this.name = 'TemplateSyntaxError';
    this.templateName = info.templateName;
    this.templatePath = info.templatePath;
    this.line = info.line;
  }
}

/**
 * An exception thrown while rendering; `cause` is the original error.
 *
 * @example
 * await engine.render('blog/post/detail.html', { post: null }); // TemplateRenderError at blog/post/detail.html:3, cause: TypeError
 */
export class TemplateRenderError extends Error implements TemplateErrorInfo {
  readonly code = 'MANOUCHE_TEMPLATE_RENDER_ERROR';
  readonly templateName: string;
  readonly templatePath?: string;
  readonly line?: number;
  constructor(info: TemplateErrorInfo, detail: string, options?: { cause?: unknown }) {
    super(`Error rendering template "${info.templateName}" at ${location(info)}: ${detail}`, options);
    this.name = 'TemplateRenderError';
    this.templateName = info.templateName;
    this.templatePath = info.templatePath;
    this.line = info.line;
  }
}

/**
 * A TEMPLATES entry or an engine option is wrong (unknown option, unknown backend, a context processor that cannot be loaded).
 *
 * @example
 * const entry = { BACKEND: 'django.template.backends.django.DjangoTemplates', DIRS: [], APP_DIRS: true, OPTIONS: {} };
 * templateEngineFromSettings(entry, { baseDir }); // TemplateConfigurationError: BACKEND … is not this engine
 */
export class TemplateConfigurationError extends Error {
  readonly code = 'MANOUCHE_TEMPLATE_IMPROPERLY_CONFIGURED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TemplateConfigurationError';
  }
}

/** Whether `error` is one of the errors above that already names a template (so it is not wrapped again). */
export function isTemplateError(error: unknown): error is TemplateDoesNotExist | TemplateSyntaxError | TemplateRenderError | SuspiciousTemplateName {
  return (
    error instanceof TemplateDoesNotExist ||
    error instanceof TemplateSyntaxError ||
    error instanceof TemplateRenderError ||
    error instanceof SuspiciousTemplateName
  );
}

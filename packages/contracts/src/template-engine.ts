/**
 * A template engine behind the TEMPLATES setting. The core layer renders through this,
 * so another engine can replace the built-in one.
 *
 * @example
 * const html = await engine.render('blog/post/list.html', { posts }, request);
 */
export interface TemplateEngine {
  /** Renders the first template that exists among `name` (a name or candidates); throws listing every path tried. */
  render(name: string | readonly string[], context?: Record<string, unknown>, request?: unknown): Promise<string>;
  /** Renders a template given as a string. */
  renderString(source: string, context?: Record<string, unknown>, request?: unknown): Promise<string>;
  /** Whether a template with this name can be found. */
  exists(name: string): boolean;
}

/**
 * The shape of an error raised while loading or rendering a template, so debug pages
 * can show where it happened without importing the template layer.
 *
 * @example
 * const where = (info: TemplateErrorInfo) => `${info.templatePath ?? info.templateName}:${info.line ?? '?'}`;
 */
export interface TemplateErrorInfo {
  /** The template's name as requested (`blog/post/list.html`). */
  templateName: string;
  /** Absolute file path, when the template came from a file. */
  templatePath?: string;
  /** 1-based line in that file, when known. */
  line?: number;
}

/**
 * Functions that whoever wires the engine injects, so templates can build URLs without importing routing.
 *
 * @example
 * const globals: TemplateGlobals = { url: (name, args) => resolver.reverse(name, Array.isArray(args) ? { args } : { kwargs: args }), static: (p) => `/static/${p}` };
 */
export interface TemplateGlobals {
  /** `url('blog:post_detail', { slug })` or `url('blog:post_list', [2024])`. */
  url?: (name: string, argsOrKwargs?: readonly unknown[] | Record<string, unknown>) => string;
  /** `static('css/site.css')` → `/static/css/site.css`. */
  static?: (path: string) => string;
  [name: string]: unknown;
}

/**
 * The template engine: loads templates from folders, compiles and caches them, builds the
 * context (context processors, awaited values) and renders with Django-style inheritance.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isThenable, type TemplateEngine, type TemplateGlobals } from '@manouche/contracts';
import { compileTemplate, templateVariableNames, type TemplateRuntime } from './compile-template.js';
import { registeredContextProcessors, type ContextProcessor } from './context-processors.js';
import { SuspiciousTemplateName, TemplateConfigurationError, TemplateDoesNotExist, TemplateRenderError } from './errors.js';
import { createBuiltinFilters, registeredFilters, validateFilter, type TemplateFilter } from './filters/builtin-filters.js';
import { assertTimeZone, formatDate } from './filters/date-format.js';
import type { WatchedExpression } from './forgiving-code.js';
import { checkIterable, notAwaitedLength } from './not-awaited.js';
import { readForOutput, readForOutputStrict } from './output-values.js';
import { escapeHtml, escapeOutput, rawOutput } from './safe-string.js';
import { TemplateLoader } from './template-loader.js';
import { NeedsAsyncRender, renderTemplate, renderTemplateSync, type LoadedTemplate, type TemplateBody, type TemplateLibrary } from './template-frame.js';

/**
 * Options of `createTemplateEngine()`.
 *
 * @example
 * const options: TemplateEngineOptions = { dirs: ['templates'], debug: true, timeZone: 'Europe/Paris', filters: { shout: (v) => String(v).toUpperCase() } };
 * createTemplateEngine(options);
 */
export interface TemplateEngineOptions {
  /** The project's template folders, searched first, in order (absolute, or relative to the working directory). */
  dirs?: readonly string[];
  /** Each installed app's templates folder, in INSTALLED_APPS order, searched after `dirs`. */
  appDirs?: readonly string[];
  /** Debug mode: edited template files are picked up on the next render (checked by modification time). */
  debug?: boolean;
  /** Functions every template can call by name, such as `url()` and `static()`. */
  globals?: TemplateGlobals;
  /** Context processors, run in order for every render that is given a request. */
  contextProcessors?: readonly ContextProcessor[];
  /** Extra filters (or replacements of built-in ones) for this engine, called as `f.<name>(value, …)`. */
  filters?: Record<string, TemplateFilter>;
  /** Escape `<%= %>` output (default true). */
  autoescape?: boolean;
  /** IANA time zone for the date and time filters (default: the process's local zone). */
  timeZone?: string;
  /**
   * Strict mode: a member chain on a missing value (`it.user.profile.name` without a user) throws a
   * TypeError, as plain JavaScript does. Off by default: like Django, such a chain prints '' and is false.
   */
  strict?: boolean;
  /**
   * Called in debug mode for each expression that gave `undefined` (Django's invalid variable):
   * the template, line and expression. Default: a Node.js warning, once per template line and expression.
   */
  onInvalidVariable?: (warning: InvalidVariable) => void;
}

/**
 * An expression that gave `undefined` in debug mode (what Django logs for an invalid variable).
 *
 * @example
 * createTemplateEngine({ debug: true, onInvalidVariable: ({ templateName, line, expression }: InvalidVariable) => logger.warn(`${templateName}:${line} ${expression}`) });
 */
export interface InvalidVariable {
  templateName: string;
  templatePath?: string;
  line: number;
  expression: string;
  message: string;
}

interface CachedTemplate {
  template: LoadedTemplate;
  path: string;
  mtimeMs: number;
  size: number;
}

const stringTemplateName = '<string>';
const stringCacheSize = 256;
const missingCacheSize = 1000;

function missingGlobal(name: string): (...args: unknown[]) => never {
  return (...args: unknown[]) => {
    const call = `${name}(${args.map((a) => JSON.stringify(a)).join(', ')})`;
    throw new Error(
      `${call} is not available: the template engine was created without a "${name}" global. ` +
        `Pass globals: { ${name} } to createTemplateEngine() (the manouche meta-package injects it from the project's settings).`,
    );
  };
}

/**
 * The built-in engine; implements the contracts' `TemplateEngine`.
 *
 * @example
 * const engine: ManoucheTemplateEngine = createTemplateEngine({ dirs: ['templates'] });
 * const html = await engine.render('polls/index.html', { latestQuestionList });
 */
export class ManoucheTemplateEngine implements TemplateEngine, TemplateLibrary {
  /** The folders searched, in order. */
  readonly dirs: readonly string[];
  readonly debug: boolean;
  /** Strict mode: member chains on missing values throw. */
  readonly strict: boolean;
  private readonly loader: TemplateLoader;
  private readonly runtime: TemplateRuntime;
  private readonly filters: Record<string, TemplateFilter>;
  private readonly variableNames: readonly string[];
  private readonly autoescape: boolean;
  private readonly processors: ContextProcessor[];
  private readonly byName = new Map<string, CachedTemplate>();
  private readonly missing = new Map<string, string[]>();
  private readonly fromStrings = new Map<string, LoadedTemplate>();

  constructor(options: TemplateEngineOptions = {}) {
    this.dirs = [...(options.dirs ?? []), ...(options.appDirs ?? [])].map((dir) => path.resolve(dir));
    this.debug = options.debug ?? false;
    this.strict = options.strict ?? false;
    this.autoescape = options.autoescape ?? true;
    if (options.timeZone !== undefined) {
      try {
        assertTimeZone(options.timeZone);
      } catch (error) {
        throw new TemplateConfigurationError(
          `Unknown time zone ${JSON.stringify(options.timeZone)} for the template engine: expected an IANA name such as "UTC" or "Europe/Paris".`,
          { cause: error },
        );
      }
    }
    this.loader = new TemplateLoader(this.dirs);
    this.filters = Object.assign(
      Object.create(registeredFilters) as Record<string, TemplateFilter>,
      createBuiltinFilters({ timeZone: options.timeZone, autoescape: this.autoescape }),
    );
    for (const [name, fn] of Object.entries(options.filters ?? {})) this.registerFilter(name, fn);
    const globals: Record<string, unknown> = { url: missingGlobal('url'), static: missingGlobal('static') };
    for (const [name, value] of Object.entries(options.globals ?? {})) if (value !== undefined) globals[name] = value;
    this.variableNames = templateVariableNames(globals);
    const report = options.onInvalidVariable ?? warnOnce();
    this.runtime = {
      escape: (value: unknown) =>
        typeof value === 'string' ? escapeHtml(value) : value instanceof Date ? escapeHtml(printedDate(value, options.timeZone)) : escapeOutput(value),
      raw: (value: unknown) => (value instanceof Date ? printedDate(value, options.timeZone) : rawOutput(value)),
      filters: this.filters,
      globals,
      get: readForOutput,
      getStrict: readForOutputStrict,
      checkIterable,
      notAwaitedLength,
      invalid: (origin, watched: WatchedExpression) => {
        if (!this.debug) return;
        const where = `${origin.path ?? origin.name}:${watched.line}`;
        report({
          templateName: origin.name,
          templatePath: origin.path,
          line: watched.line,
          expression: watched.expression,
          message: `Invalid variable in template "${origin.name}" at ${where}: ${watched.expression} is undefined, so it renders as '' and is false in a condition (set OPTIONS.strict to make it throw)`,
        });
      },
    };
    this.processors = [...(options.contextProcessors ?? [])];
  }

  /**
   * Renders the first of `name` (a name or a list of candidates) that exists.
   *
   * @example
   * const html = await engine.render('blog/post/list.html', { posts }, request);
   */
  async render(name: string | readonly string[], context: Record<string, unknown> = {}, request?: unknown): Promise<string> {
    const template = this.selectTemplate(name);
    const scope = this.buildContext(context, request);
    return renderTemplate(this, template, isThenable(scope) ? await scope : scope);
  }

  /** Renders template source given as a string (it may `extend()` and `include()` file templates). */
  async renderString(source: string, context: Record<string, unknown> = {}, request?: unknown): Promise<string> {
    const template = this.templateFromString(source);
    const scope = this.buildContext(context, request);
    return renderTemplate(this, template, isThenable(scope) ? await scope : scope);
  }

  /**
   * Renders synchronously, without context processors (context values must not be promises): for
   * callers inside a synchronous `toString()`, such as the form renderers of `@manouche/forms`.
   */
  renderSync(name: string | readonly string[], context: Record<string, unknown> = {}): string {
    const template = this.selectTemplate(name);
    try {
      return renderTemplateSync(this, template, context);
    } catch (error) {
      if (!(error instanceof NeedsAsyncRender)) throw error;
      throw new TemplateRenderError(
        { templateName: template.name, templatePath: template.path },
        'renderSync() cannot render it: it, or a template it extends or includes, uses await. Render it with await engine.render()',
      );
    }
  }

  /** Whether a template called `name` exists in the folders (false for names that would leave them). */
  exists(name: string): boolean {
    if (!this.debug && this.byName.has(name)) return true;
    try {
      return this.loader.find(name, []) !== undefined;
    } catch (error) {
      if (error instanceof SuspiciousTemplateName) return false;
      throw error;
    }
  }

  /** The compiled template for the first existing name; throws TemplateDoesNotExist listing every path tried. */
  selectTemplate(names: string | readonly string[]): LoadedTemplate {
    // The common case, a cached template named by a string, without the candidate and tried lists.
    if (typeof names === 'string' && !this.debug) {
      const cached = this.byName.get(names);
      if (cached) return cached.template;
    }
    const candidates = typeof names === 'string' ? [names] : names;
    if (candidates.length === 0) throw new TemplateDoesNotExist([], []);
    const tried: string[] = [];
    for (const name of candidates) {
      const template = this.lookup(name, tried);
      if (template) return template;
    }
    throw new TemplateDoesNotExist(candidates, tried);
  }

  /** The compiled template called `name` (used by `extend()` and `include()`). */
  getTemplate(name: string): LoadedTemplate {
    return this.selectTemplate(name);
  }

  /** Adds a filter to this engine, called as `f.<name>(value, …args)` in its templates. */
  registerFilter(name: string, fn: TemplateFilter): void {
    validateFilter(name, fn);
    this.filters[name] = fn;
  }

  /** Adds a context processor to this engine, run after the configured ones. */
  registerContextProcessor(processor: ContextProcessor): void {
    if (typeof processor !== 'function')
      throw new TemplateConfigurationError(`registerContextProcessor() needs a function (request) => object, got ${typeof processor}.`);
    this.processors.push(processor);
  }

  /** Forgets every compiled template (they are compiled again on next use). */
  clearCache(): void {
    this.byName.clear();
    this.missing.clear();
    this.fromStrings.clear();
  }

  private lookup(name: string, tried: string[]): LoadedTemplate | undefined {
    const cached = this.byName.get(name);
    if (cached && !this.debug) return cached.template;
    if (!this.debug) {
      const missed = this.missing.get(name);
      if (missed) {
        tried.push(...missed);
        return undefined;
      }
    }
    const triedHere: string[] = [];
    const found = this.loader.find(name, triedHere);
    tried.push(...triedHere);
    if (!found) {
      if (!this.debug) {
        // Names may come from requests (`${slug}.html`): keep the cache of misses bounded.
        if (this.missing.size >= missingCacheSize) this.missing.clear();
        this.missing.set(name, triedHere);
      }
      return undefined;
    }
    if (cached && cached.path === found.path && cached.mtimeMs === found.mtimeMs && cached.size === found.size) return cached.template;
    const source = readFileSync(found.path, 'utf8');
    const template = this.compile(source, name, found.path);
    this.byName.set(name, { template, path: found.path, mtimeMs: found.mtimeMs, size: found.size });
    return template;
  }

  private templateFromString(source: string): LoadedTemplate {
    let template = this.fromStrings.get(source);
    if (!template) {
      template = this.compile(source, stringTemplateName, undefined);
      if (this.fromStrings.size >= stringCacheSize) this.fromStrings.delete(this.fromStrings.keys().next().value as string);
      this.fromStrings.set(source, template);
    }
    return template;
  }

  private compile(source: string, name: string, file: string | undefined): LoadedTemplate {
    const origin = { name, path: file };
    const options = { autoescape: this.autoescape, variableNames: this.variableNames, strict: this.strict, debug: this.debug };
    const compiled = compileTemplate(source, origin, options);
    const template: LoadedTemplate = {
      name,
      path: file,
      render: compiled.bind(this.runtime),
      lineOf: compiled.lineOf,
      usesAwait: compiled.usesAwait,
      asyncVersion: () => {
        if (compiled.async) return template;
        if (!asyncBody) {
          const version = compileTemplate(source, origin, { ...options, async: true });
          asyncBody = { render: version.bind(this.runtime), lineOf: version.lineOf };
        }
        return asyncBody;
      },
    };
    let asyncBody: TemplateBody | undefined;
    return template;
  }

  /**
   * The template's scope: the context processors' values, then `context`, with promises among the values
   * awaited. Synchronous when nothing is a promise (the common case: no promise, no tick per render).
   */
  private buildContext(context: Record<string, unknown>, request: unknown): Record<string, unknown> | Promise<Record<string, unknown>> {
    if (request === undefined) return settledScope(context, context);
    const own = this.processors;
    const count = own.length + registeredContextProcessors.length;
    if (count === 0) return settledScope(context, context);
    // One array and one scope object per render: no copy of the processor lists, no spread arguments.
    const results: unknown[] = new Array(count);
    let pending = false;
    for (let i = 0; i < count; i++) {
      const processor = (i < own.length ? own[i] : registeredContextProcessors[i - own.length]) as ContextProcessor;
      const result = processor(request);
      if (isThenable(result)) pending = true;
      results[i] = result;
    }
    if (pending) return Promise.all(results).then((settled) => settledScope(mergedScope(settled, context), context));
    return settledScope(mergedScope(results, context), context);
  }
}

/** The default report of invalid variables: one Node.js warning per template, line and expression. */
function warnOnce(): (warning: InvalidVariable) => void {
  const seen = new Set<string>();
  return (warning) => {
    const key = `${warning.templatePath ?? warning.templateName}:${warning.line}:${warning.expression}`;
    if (seen.has(key)) return;
    if (seen.size >= missingCacheSize) seen.clear();
    seen.add(key);
    process.emitWarning(warning.message, { type: 'TemplateWarning', code: 'MANOUCHE_TEMPLATE_INVALID_VARIABLE' });
  };
}

/**
 * Creates a template engine that searches `dirs`, then `appDirs`.
 *
 * @example
 * const engine = createTemplateEngine({ dirs: ['templates'], debug: true, globals: { static: (p) => `/static/${p}` } });
 * const html = await engine.render('blog/post/list.html', { posts });
 */
export function createTemplateEngine(options: TemplateEngineOptions = {}): ManoucheTemplateEngine {
  return new ManoucheTemplateEngine(options);
}

/** A Date printed as Django prints a datetime: DATETIME_FORMAT (`N j, Y, P`: "Dec. 6, 2026, 10 a.m.") in the engine's time zone. */
function printedDate(value: Date, timeZone: string | undefined): string {
  return formatDate(value, 'N j, Y, P', timeZone);
}

/** The context processors' results, in order, then `context`, in a new object. */
function mergedScope(results: readonly unknown[], context: Record<string, unknown>): Record<string, unknown> {
  const scope: Record<string, unknown> = {};
  for (const result of results) Object.assign(scope, result);
  return Object.assign(scope, context);
}

/** `scope` with its promise values awaited (copied first when it is the caller's own `context`); itself when none is a promise. */
function settledScope(scope: Record<string, unknown>, context: Record<string, unknown>): Record<string, unknown> | Promise<Record<string, unknown>> {
  let pending: string[] | undefined;
  for (const key of Object.keys(scope)) {
    if (isThenable(scope[key])) (pending ??= []).push(key);
  }
  if (!pending) return scope;
  const settled = scope === context ? { ...context } : scope;
  return Promise.all(pending.map((key) => settled[key])).then((values) => {
    pending.forEach((key, i) => {
      settled[key] = values[i];
    });
    return settled;
  });
}

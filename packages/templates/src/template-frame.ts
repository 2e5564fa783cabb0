/**
 * Django-style inheritance at run time. One `RenderTree` per render (and per include): the
 * child template runs first and registers its blocks, then its parent runs with the same
 * context, and so on up to the root layout, whose `block()` calls render the most-derived
 * override, with `block.super()` reaching the next one up the chain.
 *
 * A tree renders synchronously unless a template in it uses `await`: then every template of the
 * tree runs its async version, in order. Whether a tree needs that is known for the template that
 * starts it only once a render reaches the awaiting template (a parent, an include); that first
 * render starts again in async mode and the template is remembered as rendering asynchronously.
 */
import { TemplateDoesNotExist, TemplateRenderError, TemplateSyntaxError, isTemplateError } from './errors.js';
import { SafeString } from './safe-string.js';
import type { TemplateFunction } from './compile-template.js';

/** A compiled version of a template: its function and how to map an error to its line. */
export interface TemplateBody {
  readonly render: TemplateFunction;
  /** The template line an error was thrown from, when its stack shows it. */
  readonly lineOf?: (error: unknown) => number | undefined;
}

/**
 * A loaded, compiled template.
 *
 * @example
 * const template: LoadedTemplate = engine.getTemplate('blog/base.html');
 * template.path; // '/srv/mysite/templates/blog/base.html'
 */
export interface LoadedTemplate extends TemplateBody {
  readonly name: string;
  readonly path?: string;
  /** Whether the template's own code uses `await`: `render` is then an async function. */
  readonly usesAwait: boolean;
  /** The template compiled to an async function (compiled on first use), for a render in which another template awaits. */
  readonly asyncVersion: () => TemplateBody;
}

/**
 * @internal Thrown inside a synchronous render that reached a template which awaits; the render
 * starts again in async mode.
 */
export class NeedsAsyncRender extends Error {
  constructor(readonly templateName: string) {
    super(`template "${templateName}" uses await, so the render must be asynchronous`);
    this.name = 'NeedsAsyncRender';
  }
}

/** Templates that started a render which turned out to need async mode. */
const rendersAsync = new WeakSet<LoadedTemplate>();

function bodyOf(template: LoadedTemplate, async: boolean): TemplateBody {
  return async && !template.usesAwait ? template.asyncVersion() : template;
}

/** Where frames load the templates named by `extend()` and `include()`. */
export interface TemplateLibrary {
  getTemplate(name: string): LoadedTemplate;
}

/** Renders a block body into a string, with the variables around the block() call that renders it. */
type BlockCapture = (fn: () => void, scope: Record<string, unknown> | undefined) => string | Promise<string>;

/** One version of a block: its body, the capture of the template that defines it, and that template's level. */
interface BlockEntry {
  level: number;
  fn: () => void;
  capture: BlockCapture;
  /** The line of the block() call that registered it. */
  line: number;
}

class RenderTree {
  /** The blocks children registered, by name (made by the first registration: a tree without extend() has none). */
  blocks: Map<string, BlockEntry[]> | undefined;
  /** The block chains being rendered, innermost last, as flat (chain, index, scope) triples: no object per block. */
  private readonly superStack: unknown[] = [];
  readonly templateNames: string[] = [];

  constructor(readonly async: boolean) {}

  readonly superBlock = (): SafeString | Promise<SafeString> => {
    const depth = this.superStack.length;
    if (depth === 0) throw new Error('block.super() can only be used inside a block() body');
    const chain = this.superStack[depth - 3] as readonly BlockEntry[];
    const index = this.superStack[depth - 2] as number;
    if (index + 1 >= chain.length) return new SafeString('');
    const html = this.renderChain(chain, index + 1, this.superStack[depth - 1] as Record<string, unknown> | undefined);
    return typeof html === 'string' ? new SafeString(html) : html.then((text) => new SafeString(text));
  };

  renderChain(chain: readonly BlockEntry[], index: number, scope: Record<string, unknown> | undefined): string | Promise<string> {
    const stack = this.superStack;
    stack.push(chain, index, scope);
    let html: string | Promise<string>;
    try {
      const entry = chain[index] as BlockEntry;
      html = entry.capture(entry.fn, scope);
    } catch (error) {
      popSuper(stack);
      throw error;
    }
    if (typeof html === 'string') {
      popSuper(stack);
      return html;
    }
    // Async mode runs one block body at a time (each is awaited), so the stack stays a stack.
    return html.finally(() => popSuper(stack));
  }
}

/** Drops the innermost (chain, index, scope) triple; pop() is a fast path where setting length is not. */
function popSuper(stack: unknown[]): void {
  stack.pop();
  stack.pop();
  stack.pop();
}

function renderTree(
  library: TemplateLibrary,
  template: LoadedTemplate,
  context: Record<string, unknown>,
  scopeNames: readonly string[] | undefined,
  async: boolean,
): string | Promise<string> {
  const tree = new RenderTree(async);
  tree.templateNames.push(template.name);
  const body = bodyOf(template, async);
  return body.render(context, new TemplateFrame(library, template, body, tree, 0, scopeNames));
}

/**
 * Renders `template` with `context` as a new inheritance tree (a top-level render or an include):
 * a string, or a Promise when a template of the tree awaits.
 */
export function renderTemplate(
  library: TemplateLibrary,
  template: LoadedTemplate,
  context: Record<string, unknown>,
  scopeNames?: readonly string[],
): string | Promise<string> {
  if (!template.usesAwait && !rendersAsync.has(template)) {
    try {
      return renderTree(library, template, context, scopeNames, false);
    } catch (error) {
      if (!(error instanceof NeedsAsyncRender)) throw error;
      rendersAsync.add(template);
    }
  }
  return renderTree(library, template, context, scopeNames, true);
}

/** As `renderTemplate`, but throws NeedsAsyncRender instead of rendering asynchronously. */
export function renderTemplateSync(
  library: TemplateLibrary,
  template: LoadedTemplate,
  context: Record<string, unknown>,
  scopeNames?: readonly string[],
): string {
  if (template.usesAwait || rendersAsync.has(template)) throw new NeedsAsyncRender(template.name);
  try {
    return renderTree(library, template, context, scopeNames, false) as string;
  } catch (error) {
    if (error instanceof NeedsAsyncRender) rendersAsync.add(template);
    throw error;
  }
}

/** One template's invocation inside a render tree; the generated code calls these methods. */
export class TemplateFrame {
  /** `block.super` in templates. */
  readonly superBlock: () => SafeString | Promise<SafeString>;
  private parentName: string | undefined;
  private extendLine = 0;
  private bodyDone = false;
  private blockUsed = false;

  constructor(
    private readonly library: TemplateLibrary,
    private readonly template: LoadedTemplate,
    /** The version of the template running in this frame (sync, or async in an async tree). */
    private readonly body: TemplateBody,
    private readonly tree: RenderTree,
    private readonly level: number,
    /** The includer's variables this (included) template received in its context. */
    private readonly scopeNames?: readonly string[],
  ) {
    this.superBlock = tree.superBlock;
  }

  /** `extend('base.html')`: this template's blocks fill in the named parent. */
  extend(name: unknown, line: number): void {
    if (typeof name !== 'string' || name === '') throw this.syntaxError(line, `extend() needs a template name, got ${describe(name)}`);
    if (this.parentName !== undefined) throw this.syntaxError(line, `extend() is called twice (already extends "${this.parentName}")`);
    if (this.blockUsed) throw this.syntaxError(line, `extend("${name}") must come before any block() in the template`);
    this.parentName = name;
    this.extendLine = line;
  }

  /** `block(name, fn?)`: registers an override in a child, renders the most-derived version in the root. */
  block(name: unknown, fn: unknown, capture: BlockCapture, line: number, scope: Record<string, unknown> | undefined): string | Promise<string> {
    if (typeof name !== 'string' || name === '') throw this.syntaxError(line, `block() needs a name, got ${describe(name)}`);
    if (fn !== undefined && typeof fn !== 'function')
      throw this.syntaxError(line, `block("${name}", …) needs a function as its second argument, got ${describe(fn)}`);
    this.blockUsed = true;
    const own: BlockEntry | undefined = fn ? { level: this.level, fn: fn as () => void, capture, line } : undefined;
    if (this.parentName !== undefined && !this.bodyDone) {
      if (!own) return '';
      const blocks = (this.tree.blocks ??= new Map());
      const entries = blocks.get(name);
      // This frame's entries are those of its level (a tree has one frame per level).
      const registeredAt = entries ? this.ownEntry(entries)?.line : undefined;
      // A child's block inside a loop registers once, as Django registers it (a child's code outside blocks does not run there).
      if (registeredAt === line) return '';
      if (registeredAt !== undefined) throw this.syntaxError(line, `block "${name}" is defined more than once (first at line ${registeredAt})`);
      if (entries) entries.push(own);
      else blocks.set(name, [own]);
      return '';
    }
    const entries = this.tree.blocks?.get(name);
    if (!entries) return own ? this.tree.renderChain([own], 0, scope) : '';
    const chain: BlockEntry[] = [];
    for (const entry of entries) if (entry.level < this.level) chain.push(entry);
    if (own) chain.push(own);
    for (const entry of entries) if (entry.level > this.level) chain.push(entry);
    return chain.length > 0 ? this.tree.renderChain(chain, 0, scope) : '';
  }

  /**
   * Whether a child's conditional `block(name, …)` that did not run must still be registered: in
   * Django a child's code outside its blocks never runs, so every block it defines counts.
   */
  needsBlock(name: string): boolean {
    if (this.parentName === undefined || this.bodyDone) return false;
    const entries = this.tree.blocks?.get(name);
    return entries === undefined || this.ownEntry(entries) === undefined;
  }

  /** The entry this frame registered among a block's entries. */
  private ownEntry(entries: readonly BlockEntry[]): BlockEntry | undefined {
    for (const entry of entries) if (entry.level === this.level) return entry;
    return undefined;
  }

  /**
   * `include(name, data?, { only })`: renders another template in place with the current context plus
   * `data` — a Promise when this tree is async and the included template needs it.
   */
  include(
    name: unknown,
    data: unknown,
    options: unknown,
    context: Record<string, unknown>,
    line: number,
    variables: Record<string, unknown> | undefined,
  ): string | Promise<string> {
    const [template, scope, scopeNames] = this.includeArguments(name, data, options, context, line, variables);
    // A synchronous tree cannot wait: an included template that awaits restarts it in async mode.
    return this.tree.async ? renderTemplate(this.library, template, scope, scopeNames) : renderTemplateSync(this.library, template, scope, scopeNames);
  }

  /** `include()` inside a callback of an async template (it cannot be awaited there): renders synchronously or fails saying why. */
  includeNow(
    name: unknown,
    data: unknown,
    options: unknown,
    context: Record<string, unknown>,
    line: number,
    variables: Record<string, unknown> | undefined,
  ): string {
    const [template, scope, scopeNames] = this.includeArguments(name, data, options, context, line, variables);
    try {
      return renderTemplateSync(this.library, template, scope, scopeNames);
    } catch (error) {
      if (!(error instanceof NeedsAsyncRender)) throw error;
      throw new TemplateRenderError(
        { templateName: this.template.name, templatePath: this.template.path, line: line || undefined },
        `include("${template.name}") is inside a callback such as forEach(), which cannot wait, and "${error.templateName}" uses await: ` +
          'render the list with a for…of loop instead',
      );
    }
  }

  private includeArguments(
    name: unknown,
    data: unknown,
    options: unknown,
    context: Record<string, unknown>,
    line: number,
    variables: Record<string, unknown> | undefined,
  ): [LoadedTemplate, Record<string, unknown>, readonly string[] | undefined] {
    if (typeof name !== 'string' || name === '') throw this.syntaxError(line, `include() needs a template name, got ${describe(name)}`);
    if (data != null && typeof data !== 'object') throw this.syntaxError(line, `include("${name}", data) needs an object as data, got ${describe(data)}`);
    const only = (options as { only?: unknown } | undefined)?.only === true;
    const template = this.load(name, line);
    const extra = (data ?? undefined) as Record<string, unknown> | undefined;
    // Like Django's context stack, the included template also sees the variables around the include() (loop variables).
    const scope = only ? { ...extra } : extra || variables ? { ...context, ...variables, ...extra } : context;
    return [template, scope, only || !variables ? undefined : Object.keys(variables)];
  }

  /** Called when the template's own code has run: renders the parent, if any, with the registered blocks. */
  finish(output: string, context: Record<string, unknown>): string | Promise<string> {
    this.bodyDone = true;
    if (this.parentName === undefined) return output;
    const parent = this.load(this.parentName, this.extendLine);
    if (parent.usesAwait && !this.tree.async) throw new NeedsAsyncRender(parent.name);
    const names = this.tree.templateNames;
    if (names.includes(parent.name)) {
      throw this.syntaxError(this.extendLine, `inheritance cycle: ${[...names, parent.name].map((n) => `"${n}"`).join(' extends ')}`);
    }
    names.push(parent.name);
    const body = this.asyncBodyOf(parent, this.extendLine);
    return body.render(context, new TemplateFrame(this.library, parent, body, this.tree, this.level + 1));
  }

  /** Turns anything thrown inside this template into an error naming it and the line (inner errors keep their own). */
  fail(error: unknown, line: number, scope?: Record<string, unknown>): unknown {
    if (error instanceof NeedsAsyncRender) return error;
    if (error instanceof TemplateDoesNotExist) {
      error.setUsedFrom({ templateName: this.template.name, templatePath: this.template.path, line });
      return error;
    }
    if (isTemplateError(error)) return error;
    let detail = error instanceof Error ? `${error.name}: ${error.message}` : `thrown value ${describe(error)}`;
    const missing = error instanceof ReferenceError ? /^(\S+) is not defined$/.exec(error.message)?.[1] : undefined;
    if (missing !== undefined && scope !== undefined && Object.hasOwn(scope, missing)) {
      detail += `. "${missing}" is a variable of the layout around this block (a loop variable): a block override reads it from the context as it.${missing}`;
    } else if (missing !== undefined && this.scopeNames?.includes(missing)) {
      detail += `. "${missing}" is a variable around the include() that rendered this template (a loop variable): an included template reads it from the context as it.${missing}`;
    }
    const exact = this.body.lineOf?.(error) ?? line;
    return new TemplateRenderError({ templateName: this.template.name, templatePath: this.template.path, line: exact || undefined }, detail, {
      cause: error,
    });
  }

  /** The version of `template` this tree runs; compiling the async version may fail (a block() in a callback). */
  private asyncBodyOf(template: LoadedTemplate, line: number): TemplateBody {
    try {
      return bodyOf(template, this.tree.async);
    } catch (error) {
      throw this.fail(error, line);
    }
  }

  private load(name: string, line: number): LoadedTemplate {
    try {
      return this.library.getTemplate(name);
    } catch (error) {
      throw this.fail(error, line);
    }
  }

  private syntaxError(line: number, detail: string): TemplateSyntaxError {
    return new TemplateSyntaxError({ templateName: this.template.name, templatePath: this.template.path, line: line || undefined }, detail);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : String(value);
}

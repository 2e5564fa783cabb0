/**
 * Django-style inheritance at run time. One `RenderTree` per render (and per include): the
 * child template runs first and registers its blocks, then its parent runs with the same
 * context, and so on up to the root layout, whose `block()` calls render the most-derived
 * override, with `block.super()` reaching the next one up the chain.
 */
import { TemplateDoesNotExist, TemplateRenderError, TemplateSyntaxError, isTemplateError } from './errors.js';
import { SafeString } from './safe-string.js';
import type { TemplateFunction } from './compile-template.js';

/** A loaded, compiled template. */
export interface LoadedTemplate {
  readonly name: string;
  readonly path?: string;
  readonly render: TemplateFunction;
  /** The template line an error was thrown from, when its stack shows it. */
  readonly lineOf?: (error: unknown) => number | undefined;
}

/** Where frames load the templates named by `extend()` and `include()`. */
export interface TemplateLibrary {
  getTemplate(name: string): LoadedTemplate;
}

/** Renders one version of a block, with the variables around the block() call that renders it. */
type BlockRender = (scope: Record<string, unknown> | undefined) => string;

interface BlockEntry {
  level: number;
  render: BlockRender;
}

interface SuperPosition {
  chain: BlockRender[];
  index: number;
  scope: Record<string, unknown> | undefined;
}

class RenderTree {
  readonly blocks = new Map<string, BlockEntry[]>();
  readonly superStack: SuperPosition[] = [];
  readonly templateNames: string[] = [];

  readonly superBlock = (): SafeString => {
    const top = this.superStack[this.superStack.length - 1];
    if (!top) throw new Error('block.super() can only be used inside a block() body');
    return new SafeString(top.index + 1 < top.chain.length ? this.renderChain(top.chain, top.index + 1, top.scope) : '');
  };

  renderChain(chain: BlockRender[], index: number, scope: Record<string, unknown> | undefined): string {
    this.superStack.push({ chain, index, scope });
    try {
      return (chain[index] as BlockRender)(scope);
    } finally {
      this.superStack.pop();
    }
  }
}

/** Renders `template` with `context` as a new inheritance tree (a top-level render or an include). */
export function renderTemplate(library: TemplateLibrary, template: LoadedTemplate, context: Record<string, unknown>, scopeNames?: readonly string[]): string {
  const tree = new RenderTree();
  tree.templateNames.push(template.name);
  return template.render(context, new TemplateFrame(library, template, tree, 0, scopeNames));
}

/** One template's invocation inside a render tree; the generated code calls these methods. */
export class TemplateFrame {
  /** `block.super` in templates. */
  readonly superBlock: () => SafeString;
  private parentName: string | undefined;
  private extendLine = 0;
  private bodyDone = false;
  private blockUsed = false;
  /** Blocks this child registered, with the line of the block() call. */
  private registered: Map<string, number> | undefined;

  constructor(
    private readonly library: TemplateLibrary,
    private readonly template: LoadedTemplate,
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
  block(
    name: unknown,
    fn: unknown,
    capture: (fn: () => void, scope: Record<string, unknown> | undefined) => string,
    line: number,
    scope: Record<string, unknown> | undefined,
  ): string {
    if (typeof name !== 'string' || name === '') throw this.syntaxError(line, `block() needs a name, got ${describe(name)}`);
    if (fn !== undefined && typeof fn !== 'function')
      throw this.syntaxError(line, `block("${name}", …) needs a function as its second argument, got ${describe(fn)}`);
    this.blockUsed = true;
    const own: BlockRender | undefined = fn ? (blockScope) => capture(fn as () => void, blockScope) : undefined;
    if (this.parentName !== undefined && !this.bodyDone) {
      if (!own) return '';
      this.registered ??= new Map();
      const registeredAt = this.registered.get(name);
      // A child's block inside a loop registers once, as Django registers it (a child's code outside blocks does not run there).
      if (registeredAt === line) return '';
      if (registeredAt !== undefined) throw this.syntaxError(line, `block "${name}" is defined more than once (first at line ${registeredAt})`);
      this.registered.set(name, line);
      const entries = this.tree.blocks.get(name);
      if (entries) entries.push({ level: this.level, render: own });
      else this.tree.blocks.set(name, [{ level: this.level, render: own }]);
      return '';
    }
    const entries = this.tree.blocks.get(name);
    if (!entries) return own ? this.tree.renderChain([own], 0, scope) : '';
    const chain: BlockRender[] = [];
    for (const entry of entries) if (entry.level < this.level) chain.push(entry.render);
    if (own) chain.push(own);
    for (const entry of entries) if (entry.level > this.level) chain.push(entry.render);
    return chain.length > 0 ? this.tree.renderChain(chain, 0, scope) : '';
  }

  /**
   * Whether a child's conditional `block(name, …)` that did not run must still be registered: in
   * Django a child's code outside its blocks never runs, so every block it defines counts.
   */
  needsBlock(name: string): boolean {
    return this.parentName !== undefined && !this.bodyDone && !this.registered?.has(name);
  }

  /** `include(name, data?, { only })`: renders another template in place with the current context plus `data`. */
  include(
    name: unknown,
    data: unknown,
    options: unknown,
    context: Record<string, unknown>,
    line: number,
    variables: Record<string, unknown> | undefined,
  ): string {
    if (typeof name !== 'string' || name === '') throw this.syntaxError(line, `include() needs a template name, got ${describe(name)}`);
    if (data != null && typeof data !== 'object') throw this.syntaxError(line, `include("${name}", data) needs an object as data, got ${describe(data)}`);
    const only = (options as { only?: unknown } | undefined)?.only === true;
    const template = this.load(name, line);
    const extra = (data ?? undefined) as Record<string, unknown> | undefined;
    // Like Django's context stack, the included template also sees the variables around the include() (loop variables).
    const scope = only ? { ...extra } : extra || variables ? { ...context, ...variables, ...extra } : context;
    return renderTemplate(this.library, template, scope, only || !variables ? undefined : Object.keys(variables));
  }

  /** Called when the template's own code has run: renders the parent, if any, with the registered blocks. */
  finish(output: string, context: Record<string, unknown>): string {
    this.bodyDone = true;
    if (this.parentName === undefined) return output;
    const parent = this.load(this.parentName, this.extendLine);
    const names = this.tree.templateNames;
    if (names.includes(parent.name)) {
      throw this.syntaxError(this.extendLine, `inheritance cycle: ${[...names, parent.name].map((n) => `"${n}"`).join(' extends ')}`);
    }
    names.push(parent.name);
    return parent.render(context, new TemplateFrame(this.library, parent, this.tree, this.level + 1));
  }

  /** Turns anything thrown inside this template into an error naming it and the line (inner errors keep their own). */
  fail(error: unknown, line: number, scope?: Record<string, unknown>): unknown {
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
    const exact = this.template.lineOf?.(error) ?? line;
    return new TemplateRenderError({ templateName: this.template.name, templatePath: this.template.path, line: exact || undefined }, detail, {
      cause: error,
    });
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

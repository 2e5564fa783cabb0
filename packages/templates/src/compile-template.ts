/**
 * Compiles template source to a JavaScript function. eta parses the source (its tags
 * `<% %>`, `<%= %>`, `<%~ %>`, whitespace control and string/comment handling); the code
 * generated here adds what eta lacks: Django-style inheritance through a render frame,
 * includes that write in place, safe-string aware escaping, and the template line of every
 * tag so errors can name it. A template whose code uses `await` compiles to an async function.
 */
import { Eta, EtaParseError } from 'eta';
import vm from 'node:vm';
import { TemplateSyntaxError } from './errors.js';
import { findAwaits, maskAwaits } from './await-keywords.js';
import { parseTemplateCode, rewriteTemplateCode, TemplateCodeError, type UserRange, type WatchedExpression } from './forgiving-code.js';
import { unbalancedBrackets } from './unclosed-brackets.js';
import type { TemplateFrame } from './template-frame.js';

/** What a compiled template needs from its engine at run time. */
export interface TemplateRuntime {
  escape(value: unknown): string;
  raw(value: unknown): string;
  filters: Record<string, unknown>;
  globals: Record<string, unknown>;
  /** Reads `obj[key]` for an output tag, calling it when it is a function; `undefined` when `obj` is missing. */
  get(obj: unknown, key: PropertyKey): unknown;
  /** As `get`, but reading from a missing object throws (strict mode) unless the tag wrote `?.`. */
  getStrict(obj: unknown, key: PropertyKey, optional: number): unknown;
  /** Reports an expression that gave `undefined` (debug mode). */
  invalid(template: TemplateOrigin, watched: WatchedExpression): void;
  /** What a `for … of` iterates, or an error for an un-awaited QuerySet/promise named `expression`. */
  checkIterable(value: unknown, expression: string): unknown;
  /** The error for `expression.length` on an un-awaited QuerySet/promise. */
  notAwaitedLength(value: object, expression: string): Error;
}

/** A compiled template: renders the body of one template invocation (a Promise when compiled async). */
export type TemplateFunction = (it: Record<string, unknown>, frame: TemplateFrame) => string | Promise<string>;

/** A compiled template before it is bound to an engine's runtime. */
export interface CompiledTemplate {
  /** Binds the engine's runtime (filters, globals, escaping) once. */
  bind(runtime: TemplateRuntime): TemplateFunction;
  /** The template line an error was thrown from, read from its stack (exact inside multi-line code tags). */
  lineOf(error: unknown): number | undefined;
  /** Whether the template's own code uses `await`. */
  usesAwait: boolean;
  /** Whether the function is async (it uses await, or the async version was asked for). */
  async: boolean;
}

/** Where the source came from, for error messages. */
export interface TemplateOrigin {
  name: string;
  path?: string;
}

/** Names the generated code defines itself; globals cannot use them. */
const reservedNames = new Set(['it', 'f', 'block', 'include', 'extend']);
const identifier = /^[A-Za-z_$][\w$]*$/;
const jsReserved = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let await'
  ).split(' '),
);

/** Global names that become plain variables in every template (`url`, `static`, …). */
export function templateVariableNames(globals: Record<string, unknown>): string[] {
  return Object.keys(globals).filter((name) => identifier.test(name) && !name.startsWith('__') && !reservedNames.has(name) && !jsReserved.has(name));
}

// One parser for every engine, with line numbers. eta trims the newline after every tag by default; here only
// code tags (`<% %>`) swallow the newline that follows them, so `<%= x %>` at a line's end keeps its line break.
const parser = new Eta({ debug: true, autoTrim: false });

interface AstTag {
  t: string;
  val: string;
  lineNo?: number;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** Compiles `source` for an engine whose globals are `variableNames`. */
export function compileTemplate(
  source: string,
  origin: TemplateOrigin,
  options: {
    autoescape: boolean;
    variableNames: readonly string[];
    strict?: boolean;
    debug?: boolean;
    /** Compile to an async function even without `await` (for a render where another template awaits). */
    async?: boolean;
  },
): CompiledTemplate {
  let ast: Array<string | AstTag>;
  try {
    ast = parser.parse(source) as Array<string | AstTag>;
  } catch (error) {
    if (error instanceof EtaParseError) {
      const line = /at line (\d+)/.exec(error.message)?.[1];
      throw new TemplateSyntaxError({ templateName: origin.name, templatePath: origin.path, line: line ? Number(line) : undefined }, error.message, {
        cause: error,
      });
    }
    throw error;
  }
  const strict = options.strict ?? false;
  const debug = options.debug ?? false;
  const syntaxError = (line: number | undefined, detail: string, cause?: unknown): TemplateSyntaxError =>
    new TemplateSyntaxError(
      { templateName: origin.name, templatePath: origin.path, line: line || undefined },
      detail,
      cause === undefined ? undefined : { cause },
    );

  const lastLine = countNewlines(source) + 1;
  // The block/include/extend helpers are closures made on every render: only a template whose tags name them
  // gets them (direct eval could reach any of them, so a template that mentions eval gets them all).
  const tagsMention = (word: RegExp): boolean => ast.some((item) => typeof item !== 'string' && word.test(item.val ?? ''));
  const anyHelper = tagsMention(/\beval\b/);
  const helpers = {
    block: anyHelper || tagsMention(/\bblock\b/),
    include: anyHelper || tagsMention(/\binclude\b/),
    extend: anyHelper || tagsMention(/\bextend\b/),
  };
  const assemble = (asyncMode: boolean) => {
    const code: string[] = [];
    const lineMap: number[] = [];
    const ranges: UserRange[] = [];
    const watched: WatchedExpression[] = [];
    let length = 0;
    const emit = (text: string, templateLine: number, kind?: UserRange['kind']): void => {
      if (code.length > 0) length += 1;
      if (kind) ranges.push({ start: length, end: length + text.length, line: templateLine, kind });
      code.push(text);
      length += text.length;
      const extra = countNewlines(text);
      for (let i = 0; i <= extra; i++) lineMap.push(templateLine + (templateLine === 0 ? 0 : i));
    };

    emit('(function (__rt, __origin, __watched) {', 0);
    emit('const __e = __rt.escape, __raw = __rt.raw, f = __rt.filters, __g = __rt.globals, __get = __rt.get, __getStrict = __rt.getStrict;', 0);
    emit('function __inv(v, id) { if (v === undefined) __rt.invalid(__origin, __watched[id]); return v; }', 0);
    for (const name of options.variableNames) emit(`const ${name} = __g[${JSON.stringify(name)}];`, 0);
    // A `for … of` and `.length` check their value, so an un-awaited QuerySet says to await it.
    emit(
      "function __iter(v, id) { if (v !== null && typeof v === 'object' && (typeof v.then === 'function' || typeof v[Symbol.iterator] !== 'function')) " +
        '__rt.checkIterable(v, __watched[id].expression); return v; }',
      0,
    );
    emit(
      'function __len(v, optional, id) { if (v == null && optional === 1) return undefined; const n = v.length; ' +
        "if (n === undefined && typeof v.then === 'function') throw __rt.notAwaitedLength(v, __watched[id].expression); return n; }",
      0,
    );
    // Async: every block(), include() and block.super() is awaited (the rewrite adds `await`), so the
    // template runs in order and the output buffer and `it` swapped below are never shared by two bodies.
    const asyncWord = asyncMode ? 'async ' : '';
    const wait = asyncMode ? 'await ' : '';
    emit(`return ${asyncWord}function (it, __f) {`, 0);
    emit("let __o = '', __l = 0, __v;", 0);
    // A block body renders with the variables declared around the block() call that renders it (the layout's loop
    // variables) added to `it`, as Django's context stack has them.
    if (helpers.block) {
      emit(
        `${asyncWord}function __cap(fn, scope) { const __s = __o, __it = it; __o = ''; if (scope !== undefined) it = Object.assign({}, it, scope); ` +
          `try { ${wait}fn(); return __o; } catch (e) { throw __f.fail(e, __l, scope); } finally { __o = __s; it = __it; } }`,
        0,
      );
    }
    if (helpers.extend) emit('function extend(name) { __f.extend(name, __l); }', 0);
    if (helpers.block) {
      emit(`${asyncWord}function __blockIn(scope, name, fn) { const __b = ${wait}__f.block(name, fn, __cap, __l, scope); __o += __b; return ''; }`, 0);
      emit('function block(name, fn) { return __blockIn(undefined, name, fn); }', 0);
      emit('block.super = __f.superBlock;', 0);
    }
    if (helpers.include) {
      emit(
        `${asyncWord}function __includeIn(scope, name, data, options) { const __i = ${wait}__f.include(name, data, options, it, __l, scope); __o += __i; return ''; }`,
        0,
      );
      emit('function include(name, data, options) { return __includeIn(undefined, name, data, options); }', 0);
    }
    if (asyncMode && helpers.include) {
      // include() inside a callback (forEach) cannot be awaited: it renders synchronously or fails saying so.
      emit("function __includeInNow(scope, name, data, options) { __o += __f.includeNow(name, data, options, it, __l, scope); return ''; }", 0);
      emit('function __includeNow(name, data, options) { return __includeInNow(undefined, name, data, options); }', 0);
    }
    emit('try {', 0);
    const output = options.autoescape ? '__e' : '__raw';
    let currentLine = 1;
    let cursor = 0;
    let cursorLine = 1;
    let afterCode = false;
    for (const item of ast) {
      if (typeof item === 'string') {
        // eta has already escaped the text for a '…' literal: a newline is the two characters \n here.
        const text = afterCode && item.startsWith('\\n') ? item.slice(2) : item;
        afterCode = false;
        if (text !== '') emit(`__o += '${text}';`, currentLine);
        continue;
      }
      afterCode = item.t === 'e';
      const content = item.val ?? '';
      // eta drops the whitespace after `<%`, so find where the code itself starts for exact line numbers.
      const at = content === '' ? -1 : source.indexOf(content, cursor);
      let line = item.lineNo ?? currentLine;
      if (at !== -1) {
        cursorLine += countNewlines(source.slice(cursor, at));
        line = cursorLine;
        cursorLine += countNewlines(content);
        cursor = at + content.length;
      }
      currentLine = line;
      if ((item.t === 'i' || item.t === 'r') && content.trim() === '') {
        throw syntaxError(line, `empty output tag: write an expression, as in <%= it.post.title %>`);
      }
      // The tag's code goes on lines of its own, so a `// comment` in it cannot swallow the generated code.
      const lastContentLine = line + countNewlines(content);
      if (item.t === 'i' || item.t === 'r') {
        emit(`{ __l = ${line}; __v = (`, line);
        emit(content, line, 'output');
        let check = '';
        if (debug) {
          watched.push({ line, expression: content.trim().replace(/\s+/g, ' ') });
          check = `__inv(__v, ${watched.length - 1}); `;
        }
        emit(`); ${check}__o += ${item.t === 'i' ? output : '__raw'}(__v); }`, lastContentLine);
      } else if (item.t === 'e') {
        emit(`__l = ${line};`, line);
        emit(content, line, 'code');
      }
      currentLine = lastContentLine;
    }
    const hoistLine = lineMap.length;
    emit('/* hoisted blocks */', lastLine);
    emit('} catch (e) { throw __f.fail(e, __l); }', lastLine);
    emit('return __f.finish(__o, it);', lastLine);
    emit('};', lastLine);
    emit('})', lastLine);
    return { assembled: code.join('\n'), lineMap, ranges, watched, hoistLine, asyncMode };
  };
  // Cheap test first: only a template whose tags mention `await` is tokenized to find real awaits.
  const mentionsAwait = ast.some((item) => typeof item !== 'string' && /\bawait\b/.test(item.val ?? ''));
  let built = assemble(mentionsAwait || options.async === true);
  const awaits = built.asyncMode ? findAwaits(built.assembled, built.ranges) : [];
  if (awaits?.length === 0 && built.asyncMode && options.async !== true) built = assemble(false);
  const { assembled, lineMap, ranges, watched, hoistLine, asyncMode } = built;
  const usesAwait = awaits === undefined || awaits.length > 0;
  const lineOfOffset = (offset: number): number | undefined => {
    const range = ranges.find((r) => offset >= r.start && offset <= r.end);
    if (!range) return undefined;
    return range.line + countNewlines(assembled.slice(range.start, offset));
  };
  let program: ReturnType<typeof parseTemplateCode>;
  try {
    program = parseTemplateCode(awaits && awaits.length > 0 ? maskAwaits(assembled, awaits) : assembled);
  } catch (error) {
    const problem = unbalancedBrackets(assembled, ranges);
    if (problem) throw syntaxError(problem.line, problem.detail, error);
    const pos = (error as { pos?: number }).pos ?? -1;
    const message = String((error as Error).message).replace(/\s*\(\d+:\d+\)$/, '');
    throw syntaxError(lineOfOffset(pos) ?? lastLine, `${message} (in the JavaScript of a tag)`, error);
  }
  let rewritten: ReturnType<typeof rewriteTemplateCode>;
  try {
    rewritten = rewriteTemplateCode(assembled, program, ranges, { strict, debug, watched, asyncMode, awaits: new Set(awaits) });
  } catch (error) {
    if (error instanceof TemplateCodeError) throw syntaxError(lineOfOffset(error.pos) ?? lastLine, error.message);
    throw error;
  }
  const generatedLines = rewritten.code.split('\n');
  const originalLines = assembled.split('\n');
  if (generatedLines.length !== originalLines.length) throw new Error('internal: the template rewrite changed the number of lines');
  const hoistedLines: string[] = [];
  const hoistedMap: number[] = [];
  for (const call of rewritten.hoisted) {
    const firstLine = countNewlines(assembled.slice(0, call.from));
    const lines = `if (__f.needsBlock(${blockNameOf(assembled, call.from)})) { ${call.text}; }`.split('\n');
    lines.forEach((text, i) => {
      hoistedLines.push(text);
      hoistedMap.push(lineMap[firstLine + i] ?? lastLine);
    });
  }
  generatedLines.splice(hoistLine, 1, ...(hoistedLines.length > 0 ? hoistedLines : ['']));
  lineMap.splice(hoistLine, 1, ...(hoistedMap.length > 0 ? hoistedMap : [lastLine]));

  const filename = origin.path ?? `template:${origin.name}`;
  try {
    const script = new vm.Script(generatedLines.join('\n'), { filename });
    const outer = script.runInThisContext() as (runtime: TemplateRuntime, origin: TemplateOrigin, watched: WatchedExpression[]) => TemplateFunction;
    const frame = new RegExp(`${filename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):\\d+`, 'g');
    // The first frame in the template's own code (frames in its generated helpers map to no line).
    const lineOf = (error: unknown): number | undefined => {
      for (const match of String((error as Error | null)?.stack ?? '').matchAll(frame)) {
        const line = lineMap[Number(match[1]) - 1];
        if (line) return line;
      }
      return undefined;
    };
    return { bind: (runtime) => outer(runtime, origin, watched), lineOf, usesAwait, async: asyncMode };
  } catch (error) {
    if (error instanceof SyntaxError) {
      const generatedLine = Number(/:(\d+)\s*$/.exec(String(error.stack).split('\n')[0] ?? '')?.[1] ?? 0);
      throw syntaxError(lineMap[generatedLine - 1] || lastLine, `${error.message} (in the JavaScript of a tag)`, error);
    }
    throw error;
  }
}

/** The string literal naming the block whose call starts at `from` (`block('name'`, as written). */
function blockNameOf(code: string, from: number): string {
  const match = /^\w+\s*\(\s*(?:\{[^}]*\},\s*)?('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/.exec(code.slice(from));
  return match?.[1] ?? "''";
}

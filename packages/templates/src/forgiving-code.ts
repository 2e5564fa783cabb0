/**
 * Rewrites the JavaScript of a compiled template so that it forgives what Django's template
 * language forgives (the template's own code is parsed with acorn; edits are spliced into it):
 *
 * - a member chain on a missing value (`it.user.profile.name`) is `undefined`, not a TypeError,
 *   so it prints '' and is false in a condition (skipped in strict mode);
 * - the value of an output tag that is a function is called, with its object as `this`;
 * - `block()` and `include()` calls inside loops receive the variables declared around them
 *   (loop variables, callback parameters, constants), so a child's block override and an
 *   included template read them from the context as `it.<name>`, like Django's context stack;
 * - a child's `block()` that sits inside an `if` or a loop that did not run is still registered;
 * - a `for … of` loop and `.length` check their value, so an un-awaited QuerySet or promise is an
 *   error that names the expression and says to await it;
 * - in a template compiled to an async function (one that uses `await`, or one rendered in a chain
 *   where another does), block bodies become async functions and `block()`, `include()` and
 *   `block.super()` are awaited, so the template runs in order as Django's does.
 */
import { Parser, type Node } from 'acorn';

/** A piece of the generated code that came from a template tag. */
export interface UserRange {
  start: number;
  end: number;
  /** The template line the range starts on. */
  line: number;
  /** 'output' for `<%= %>`/`<%~ %>` (the range is the expression), 'code' for `<% %>`. */
  kind: 'output' | 'code';
}

/** An expression the debug warnings name, by index in the generated code. */
export interface WatchedExpression {
  line: number;
  expression: string;
}

/** A problem the rewrite found in the template's code, at an offset of the assembled code. */
export class TemplateCodeError extends Error {
  constructor(
    readonly pos: number,
    message: string,
  ) {
    super(message);
  }
}

export interface RewriteResult {
  code: string;
  /** Copies of a child's block() calls inside an if or a loop, to register them after the body when they did not run. */
  hoisted: Array<{ text: string; from: number }>;
  watched: WatchedExpression[];
}

interface Edit {
  pos: number;
  end: number;
  text: string;
  /** 0 closes (inner first), 1 replaces/infix, 2 opens (outer first). */
  kind: 0 | 1 | 2;
  span: number;
  /** The block()/include() call whose context variables this edit passes. */
  scopeOf?: AnyNode;
}

type AnyNode = Node & Record<string, any>;

const loopOrBranch = new Set([
  'IfStatement',
  'ConditionalExpression',
  'LogicalExpression',
  'ForStatement',
  'ForOfStatement',
  'ForInStatement',
  'WhileStatement',
  'DoWhileStatement',
  'SwitchStatement',
  'SwitchCase',
  'TryStatement',
  'CatchClause',
]);
const functionTypes = new Set(['FunctionExpression', 'ArrowFunctionExpression', 'FunctionDeclaration']);

/** Parses the assembled template code (throws acorn's SyntaxError with `pos`). */
export function parseTemplateCode(code: string): AnyNode {
  return Parser.parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true }) as AnyNode;
}

function children(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  for (const key of Object.keys(node)) {
    if (key === 'type' || key === 'start' || key === 'end' || key === 'loc' || key === 'range') continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item.type === 'string') out.push(item);
    } else if (value && typeof value === 'object' && typeof value.type === 'string') out.push(value);
  }
  return out;
}

/** The identifiers a declaration pattern binds (`post`, `[key, value]`, `{ title, slug: s = '' }`, `...rest`). */
function patternNames(pattern: AnyNode | null | undefined, names: string[]): void {
  if (!pattern) return;
  switch (pattern.type) {
    case 'Identifier':
      names.push(pattern.name);
      break;
    case 'ArrayPattern':
      for (const element of pattern.elements) patternNames(element, names);
      break;
    case 'ObjectPattern':
      for (const property of pattern.properties) patternNames(property.type === 'RestElement' ? property : property.value, names);
      break;
    case 'AssignmentPattern':
      patternNames(pattern.left, names);
      break;
    case 'RestElement':
      patternNames(pattern.argument, names);
      break;
  }
}

function declarationNames(declaration: AnyNode, names: string[]): void {
  if (declaration?.type === 'VariableDeclaration') for (const d of declaration.declarations) patternNames(d.id, names);
}

/** Whether a member expression's chain already has an optional link written by the template author. */
function hasOptionalLink(node: AnyNode): boolean {
  for (let n: AnyNode | undefined = node; n; ) {
    if (n.optional) return true;
    if (n.type === 'MemberExpression') n = n.object;
    else if (n.type === 'CallExpression') n = n.callee;
    else return false;
  }
  return false;
}

/**
 * Rewrites `code`. Only nodes inside `ranges` (the template's own code) are touched; the
 * scaffolding around them is left as it is.
 */
export function rewriteTemplateCode(
  code: string,
  program: AnyNode,
  ranges: readonly UserRange[],
  options: {
    strict: boolean;
    debug: boolean;
    watched: WatchedExpression[];
    /** Compile to an async function: await block(), include() and block.super(), make block bodies async. */
    asyncMode?: boolean;
    /** Where `await` was masked by `maskAwaits()`. */
    awaits?: ReadonlySet<number>;
  },
): RewriteResult {
  const edits: Edit[] = [];
  const watched = options.watched;
  const hoistedCalls: AnyNode[] = [];
  const noOptional = new Set<AnyNode>();
  const inUser = (pos: number): UserRange | undefined => {
    for (const range of ranges) if (pos >= range.start && pos < range.end) return range;
    return undefined;
  };
  const lineAt = (pos: number): number => {
    const range = inUser(pos);
    if (!range) return 0;
    let line = range.line;
    for (let i = code.indexOf('\n', range.start); i !== -1 && i < pos; i = code.indexOf('\n', i + 1)) line++;
    return line;
  };
  const insert = (pos: number, text: string, kind: 0 | 1 | 2, span: number): void => {
    edits.push({ pos, end: pos, text, kind, span });
  };
  const replace = (pos: number, end: number, text: string): void => {
    edits.push({ pos, end, text, kind: 1, span: end - pos });
  };
  const watch = (node: AnyNode): number => {
    watched.push({ line: lineAt(node.start), expression: code.slice(node.start, node.end).replace(/\s+/g, ' ') });
    return watched.length - 1;
  };
  const asyncMode = options.asyncMode === true;
  const awaits = options.awaits ?? new Set<number>();
  const isAwait = (node: AnyNode | undefined): boolean => node?.type === 'UnaryExpression' && node.operator === 'void' && awaits.has(node.start);
  const isForAwait = (node: AnyNode): boolean => /^for\s+await\b/.test(code.slice(node.start, node.left.start));
  const isBlockSuper = (node: AnyNode): boolean =>
    node.type === 'MemberExpression' && !node.computed && node.object.type === 'Identifier' && node.object.name === 'block' && node.property.name === 'super';
  /**
   * The user function around `ancestors`' end that cannot await (a callback such as forEach's), or
   * undefined when code there can: the template's own body, a block() body, an async function.
   */
  const callbackAround = (ancestors: readonly AnyNode[]): AnyNode | undefined => {
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const fn = ancestors[i] as AnyNode;
      if (!functionTypes.has(fn.type)) continue;
      if (!inUser(fn.start) || fn.async) return undefined;
      const parent = ancestors[i - 1];
      const blockBody =
        parent?.type === 'CallExpression' && parent.callee.type === 'Identifier' && parent.callee.name === 'block' && parent.arguments[1] === fn;
      return blockBody ? undefined : fn;
    }
    return undefined;
  };
  const awaitCall = (node: AnyNode, parent: AnyNode | undefined): void => {
    if (isAwait(parent)) return;
    // A statement gets no parentheses: a line starting with `(` would continue the line before it (no ASI).
    if (parent?.type === 'ExpressionStatement') {
      insert(node.start, 'await ', 2, node.end - node.start);
      return;
    }
    insert(node.start, '(await ', 2, node.end - node.start);
    insert(node.end, ')', 0, node.end - node.start);
  };
  const callbackLine = (fn: AnyNode): string => `the function at line ${lineAt(fn.start)}`;
  /** Marks the whole object chain below a target (`a.b.c = 1`, `new a.b()`, a tagged template) as not optional. */
  const keepPlain = (node: AnyNode | undefined): void => {
    for (let n = node; n && (n.type === 'MemberExpression' || n.type === 'ChainExpression'); n = n.type === 'ChainExpression' ? n.expression : n.object)
      noOptional.add(n);
  };
  // Where the member's "." or "[" is (after the object and any closing parentheses around it).
  const accessorAt = (node: AnyNode): number => {
    if (node.computed) return code.indexOf('[', node.object.end);
    return code.lastIndexOf('.', node.property.start);
  };

  const visit = (node: AnyNode, ancestors: AnyNode[]): void => {
    const parent = ancestors[ancestors.length - 1];
    const user = inUser(node.start) !== undefined;
    switch (node.type) {
      case 'AssignmentExpression':
        keepPlain(node.left);
        break;
      case 'UpdateExpression':
        keepPlain(node.argument);
        break;
      case 'ForOfStatement':
      case 'ForInStatement':
        keepPlain(node.left);
        break;
      case 'NewExpression':
        keepPlain(node.callee);
        break;
      case 'TaggedTemplateExpression':
        keepPlain(node.tag);
        break;
      case 'ArrayPattern':
        for (const e of node.elements) keepPlain(e);
        break;
      case 'AssignmentPattern':
        keepPlain(node.left);
        break;
      case 'RestElement':
        keepPlain(node.argument);
        break;
      case 'Property':
        if (parent?.type === 'ObjectPattern') keepPlain(node.value);
        break;
      case 'UnaryExpression':
        if (node.operator === 'delete') keepPlain(node.argument);
        break;
    }
    if (user && asyncMode && (isAwait(node) || (node.type === 'ForOfStatement' && isForAwait(node)))) {
      const callback = callbackAround(ancestors);
      if (callback) {
        throw new TemplateCodeError(
          node.start,
          `\`await\` inside ${callbackLine(callback)}, which is not async: only the template itself and block() bodies can await. ` +
            'Use a for…of loop instead of forEach() or map(), or await the value before the callback',
        );
      }
    }
    if (user && node.type === 'ForOfStatement' && !options.strict && (node.right.type === 'MemberExpression' || node.right.type === 'ChainExpression')) {
      // Django's {% for %} over a missing value renders no iteration.
      insert(node.right.start, '(', 2, node.right.end - node.right.start + 1);
      insert(node.right.end, ') ?? []', 0, node.right.end - node.right.start + 1);
    }
    if (user && node.type === 'ForOfStatement' && !isForAwait(node) && !isAwait(node.right) && node.right.type !== 'ArrayExpression') {
      // An un-awaited QuerySet or promise here is an error naming the expression, not "is not iterable".
      const span = node.right.end - node.right.start + 2;
      insert(node.right.start, '__iter(', 2, span);
      insert(node.right.end, `, ${watch(node.right)})`, 0, span);
    }
    if (user && asyncMode && node.type === 'CallExpression' && isBlockSuper(node.callee)) {
      const callback = callbackAround(ancestors);
      if (callback) throw new TemplateCodeError(node.start, `block.super() inside ${callbackLine(callback)} cannot be awaited: ${asyncAdvice}`);
      awaitCall(node, parent);
      ancestors.push(node);
      for (const child of node.arguments) visit(child, ancestors);
      ancestors.pop();
      return;
    }
    if (user && asyncMode && isBlockSuper(node) && inUser(node.start)?.kind === 'output' && isWholeRange(node)) {
      // <%= block.super %>: the parent's block renders asynchronously here.
      const callback = callbackAround(ancestors);
      if (callback) throw new TemplateCodeError(node.start, `block.super inside ${callbackLine(callback)} cannot be awaited: ${asyncAdvice}`);
      replace(node.start, node.end, '(await block.super())');
      return;
    }
    if (user && node.type === 'MemberExpression') rewriteMember(node, parent);
    if (user && node.type === 'CallExpression' && node.callee.type === 'Identifier' && (node.callee.name === 'block' || node.callee.name === 'include')) {
      let now = false;
      if (asyncMode) {
        const callback = callbackAround(ancestors);
        if (callback && node.callee.name === 'block') {
          throw new TemplateCodeError(node.start, `block() inside ${callbackLine(callback)} cannot be awaited: ${asyncAdvice}`);
        }
        // include() in a callback renders synchronously (it fails if the included template awaits).
        now = callback !== undefined;
        if (!now) awaitCall(node, parent);
        const body = node.arguments[1];
        if (node.callee.name === 'block' && (body?.type === 'ArrowFunctionExpression' || body?.type === 'FunctionExpression') && !body.async) {
          insert(body.start, 'async ', 2, body.end - body.start);
        }
      }
      rewriteScopedCall(node, ancestors, now);
    }
    ancestors.push(node);
    for (const child of children(node)) visit(child, ancestors);
    ancestors.pop();
  };

  const rewriteMember = (node: AnyNode, parent: AnyNode | undefined): void => {
    if (node.object.type === 'Super' || node.property.type === 'PrivateIdentifier') return;
    if (!node.computed && node.property.name === 'length' && !noOptional.has(node) && !(parent?.type === 'CallExpression' && parent.callee === node)) {
      // `x.length` checks x, so `it.posts.length` on an un-awaited QuerySet says to await it instead of being undefined.
      const optional = !options.strict || hasOptionalLink(node) ? 1 : 0;
      const accessor = accessorAt(node);
      insert(node.start, '__len(', 2, node.end - node.start - 0.5);
      replace(accessor - (node.optional ? 1 : 0), node.end, `, ${optional}, ${watch(node.object)})`);
      const outputTop = parent?.type !== 'MemberExpression' && parent?.type !== 'CallExpression' && inUser(node.start)?.kind === 'output' && isWholeRange(node);
      if (options.debug && !options.strict && !outputTop && !hasOptionalLink(node)) watchOutermost(node, parent);
      return;
    }
    const isOutputTop = parent?.type !== 'MemberExpression' && parent?.type !== 'CallExpression' && inUser(node.start)?.kind === 'output' && isWholeRange(node);
    const optionalChain = hasOptionalLink(node);
    if (isOutputTop) {
      // <%= obj.prop %>: read the property and call it with `obj` as this when it is a function (Django calls callables).
      const lenient = !options.strict || optionalChain;
      const accessor = accessorAt(node);
      const getter = lenient ? '__get' : '__getStrict';
      insert(node.start, `${getter}(`, 2, node.end - node.start + 1);
      if (node.computed) {
        replace(accessor, accessor + 1, ', (');
        const close = code.lastIndexOf(']', node.end);
        replace(close, close + 1, `), ${node.optional ? 1 : 0})`);
      } else {
        replace(accessor - (node.optional ? 1 : 0), node.end, `, ${JSON.stringify(node.property.name)}, ${node.optional ? 1 : 0})`);
      }
      return;
    }
    if (options.strict || noOptional.has(node) || node.optional) return;
    const accessor = accessorAt(node);
    if (accessor === -1) return;
    insert(accessor, node.computed ? '?.' : '?', 1, 0);
    if (options.debug && !optionalChain) watchOutermost(node, parent);
  };

  /** In debug mode, reports the outermost member of a chain when it gives undefined. */
  const watchOutermost = (node: AnyNode, parent: AnyNode | undefined): void => {
    const outermost =
      !(parent?.type === 'MemberExpression' && parent.object === node) &&
      !(parent?.type === 'CallExpression' && parent.callee === node) &&
      !(parent?.type === 'UnaryExpression' && parent.operator === 'typeof') &&
      parent?.type !== 'ChainExpression';
    if (outermost) {
      const id = watch(node);
      insert(node.start, '__inv(', 2, node.end - node.start);
      insert(node.end, `, ${id})`, 0, node.end - node.start);
    }
  };

  const isWholeRange = (node: AnyNode): boolean => {
    const range = inUser(node.start);
    if (!range) return false;
    return code.slice(range.start, node.start).trim() === '' && /^[\s;]*$/.test(code.slice(node.end, range.end).replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, ''));
  };

  const rewriteScopedCall = (node: AnyNode, ancestors: AnyNode[], now: boolean): void => {
    const names: string[] = [];
    let conditional = false;
    let insideFunction = false;
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const ancestor = ancestors[i] as AnyNode;
      const child = (ancestors[i + 1] ?? node) as AnyNode;
      const userNode = inUser(ancestor.start) !== undefined;
      if (!userNode && ancestor.type !== 'BlockStatement') continue;
      if (functionTypes.has(ancestor.type)) {
        if (!userNode) break;
        insideFunction = true;
        for (const param of ancestor.params) patternNames(param, names);
      } else if (ancestor.type === 'ForStatement' || ancestor.type === 'ForOfStatement' || ancestor.type === 'ForInStatement') {
        conditional = true;
        if (child === ancestor.body) declarationNames(ancestor.type === 'ForStatement' ? ancestor.init : ancestor.left, names);
      } else if (ancestor.type === 'BlockStatement' || ancestor.type === 'SwitchCase') {
        const statements = ancestor.type === 'BlockStatement' ? ancestor.body : ancestor.consequent;
        for (const statement of statements) {
          if (statement.end > node.start) break;
          if (inUser(statement.start)) declarationNames(statement, names);
        }
        if (!userNode) break;
      } else if (ancestor.type === 'CatchClause') {
        conditional = true;
        patternNames(ancestor.param, names);
      } else if (loopOrBranch.has(ancestor.type)) {
        conditional = true;
      }
    }
    const unique = [...new Set(names)].filter((name) => name !== 'it' && !name.startsWith('__'));
    const scoped = unique.length > 0;
    let callee = scoped ? (node.callee.name === 'block' ? '__blockIn' : '__includeIn') : node.callee.name;
    if (now) callee = scoped ? '__includeInNow' : '__includeNow';
    if (callee !== node.callee.name) edits.push({ pos: node.callee.start, end: node.callee.end, text: callee, kind: 1, span: 0, scopeOf: node });
    if (scoped) {
      const at = node.arguments.length > 0 ? node.arguments[0].start : node.end - 1;
      edits.push({ pos: at, end: at, text: `{ ${unique.join(', ')} }, `, kind: 2, span: node.end - node.start, scopeOf: node });
    }
    const name = node.arguments[0];
    if (node.callee.name === 'block' && conditional && !insideFunction && name?.type === 'Literal' && typeof name.value === 'string') hoistedCalls.push(node);
  };

  visit(program, []);
  const result = applyEdits(code, edits, 0, code.length);
  const hoisted = hoistedCalls.map((call) => ({
    text: applyEdits(
      code,
      edits.filter((e) => e.scopeOf !== call && (e.kind === 1 || e.span <= call.end - call.start)),
      call.start,
      call.end,
    ),
    from: call.start,
  }));
  return { code: result, hoisted, watched };
}

const order = [0, 2, 1] as const;
const asyncAdvice =
  'a template in this render uses await, so its templates render asynchronously and callbacks such as forEach() cannot wait for them. Use a for…of loop';

function applyEdits(code: string, edits: readonly Edit[], from: number, to: number): string {
  const inside = edits
    .filter((e) => e.pos >= from && e.end <= to && (e.kind !== 0 || e.pos > from) && (e.kind !== 2 || e.pos < to))
    // At one offset: what closes the code before it, then what opens around the code after it, then a replacement there.
    .sort((a, b) => a.pos - b.pos || order[a.kind] - order[b.kind] || (a.kind === 0 ? a.span - b.span : b.span - a.span));
  let out = '';
  let cursor = from;
  for (const edit of inside) {
    if (edit.pos < cursor) continue;
    out += code.slice(cursor, edit.pos) + edit.text;
    cursor = edit.end;
  }
  return out + code.slice(cursor, to);
}

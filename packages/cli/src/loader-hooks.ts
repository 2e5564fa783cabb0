/**
 * Node module-loader hooks (registered with `module.register`) that let a project's TypeScript
 * files run unchanged on Node 20: `.ts` files are compiled by esbuild with an inline source map,
 * and the `.js` specifiers TypeScript users write (`./models.js`) fall back to the `.ts` file.
 * This file runs on the loader thread; it is a separate build entry of the package.
 */
import { transform, type Message } from 'esbuild';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface ResolveContext {
  parentURL?: string;
  conditions: string[];
  importAttributes?: Record<string, string>;
}
interface ResolveResult {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}
type NextResolve = (specifier: string, context?: ResolveContext) => Promise<ResolveResult>;
interface LoadContext {
  format?: string | null;
  conditions: string[];
  importAttributes?: Record<string, string>;
}
interface LoadResult {
  format: string;
  source?: string | ArrayBuffer | Uint8Array | null;
  shortCircuit?: boolean;
}
type NextLoad = (url: string, context?: LoadContext) => Promise<LoadResult>;

const TS_FILE = /\.(?:ts|mts|tsx)$/;

function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}

/** The `.ts` file a relative or file-URL specifier means, when the specifier itself names no existing file. */
function typeScriptCandidate(specifier: string, parentURL: string | undefined): string | null {
  let base: string;
  if (specifier.startsWith('file:')) base = fileURLToPath(specifier);
  else if ((specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/')) && parentURL?.startsWith('file:')) {
    base = path.resolve(path.dirname(fileURLToPath(parentURL)), specifier);
  } else return null;
  if (isFile(base)) return null;
  const stems = /\.(?:m?js|jsx)$/.test(base) ? [base.replace(/\.(m?)jsx?$/, (_m, m: string) => `.${m}ts`), base.replace(/\.jsx$/, '.tsx')] : [];
  stems.push(`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'));
  return stems.find(isFile) ?? null;
}

/**
 * Resolves `.js` and extension-less specifiers to the TypeScript file beside them.
 *
 * @example
 * register('@manouche/cli/loader-hooks', import.meta.url); // from node:module: `import './views.js'` finds views.ts
 */
export async function resolve(specifier: string, context: ResolveContext, nextResolve: NextResolve): Promise<ResolveResult> {
  const candidate = typeScriptCandidate(specifier, context.parentURL);
  if (candidate) return { url: pathToFileURL(realpathSync(candidate)).href, format: 'module', shortCircuit: true };
  return nextResolve(specifier, context);
}

function describeSyntaxError(file: string, errors: Message[]): string {
  return errors
    .map((e) => {
      const where = e.location ? `${file}:${e.location.line}:${e.location.column + 1}` : file;
      const excerpt = e.location ? `\n    ${e.location.lineText}\n    ${' '.repeat(e.location.column)}^` : '';
      return `${where}: ${e.text}${excerpt}`;
    })
    .join('\n');
}

/**
 * Compiles TypeScript files with esbuild; everything else loads as Node would.
 *
 * @example
 * register('@manouche/cli/loader-hooks', import.meta.url); // from node:module: .ts files compile with esbuild
 */
export async function load(url: string, context: LoadContext, nextLoad: NextLoad): Promise<LoadResult> {
  if (!url.startsWith('file:') || !TS_FILE.test(new URL(url).pathname)) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const code = await readFile(file, 'utf8');
  try {
    const result = await transform(code, {
      loader: file.endsWith('.tsx') ? 'tsx' : 'ts',
      format: 'esm',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: path.basename(file),
      sourcesContent: false,
    });
    return { format: 'module', source: result.code, shortCircuit: true };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    if (!errors?.length) throw error;
    const syntaxError = new SyntaxError(`[MANOUCHE_CLI_SYNTAX_ERROR] ${describeSyntaxError(file, errors)}`);
    throw syntaxError;
  }
}

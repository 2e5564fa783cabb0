import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { InvalidProjectFileError, MissingDriverError, ProjectModuleNotFoundError, UserSyntaxError } from './errors.js';

/** The folder of a project and what its package.json says. */
export interface ProjectRoot {
  /** Absolute folder holding package.json. */
  baseDir: string;
  packageJsonPath: string;
  packageJson: { name?: string; manouche?: { settings?: string }; [key: string]: unknown };
}

/**
 * The nearest folder at or above `cwd` that holds a package.json, or null.
 *
 * @example
 * const root = findProjectRoot(process.cwd()); // { baseDir: '/home/me/mysite', ... }
 */
export function findProjectRoot(cwd: string): ProjectRoot | null {
  let dir = path.resolve(cwd);
  for (;;) {
    const packageJsonPath = path.join(dir, 'package.json');
    if (existsSync(packageJsonPath)) {
      return { baseDir: dir, packageJsonPath, packageJson: readPackageJson(packageJsonPath) };
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Reads a package.json; malformed JSON or a wrong shape is a one-line error naming the file and line:column. */
function readPackageJson(file: string): ProjectRoot['packageJson'] {
  const text = readFileSync(file, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = (error as Error).message;
    const offset = jsonErrorOffset(text, reason);
    const { line, column } = lineAndColumn(text, offset);
    const what = reason.startsWith('Unexpected token')
      ? `Unexpected ${JSON.stringify(text.charAt(offset))}`
      : reason.replace(/,? ?(in JSON )?at position \d+.*$/, '').replace(/ of JSON input$/, ' of file');
    throw new InvalidProjectFileError(`Invalid JSON in ${file}:${line}:${column}: ${what}.`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new InvalidProjectFileError(
      `${file} must hold a JSON object (found ${Array.isArray(data) ? 'an array' : String(data === null ? 'null' : typeof data)}).`,
    );
  const manouche = (data as { manouche?: unknown }).manouche;
  if (
    manouche !== undefined &&
    (typeof manouche !== 'object' || manouche === null || ('settings' in manouche && typeof (manouche as { settings: unknown }).settings !== 'string'))
  ) {
    throw new InvalidProjectFileError(`"manouche" in ${file} must be an object like { "settings": "mysite.settings" }.`);
  }
  return data as ProjectRoot['packageJson'];
}

/**
 * Where JSON.parse stopped: V8 names the position for most errors; for "Unexpected token" it does
 * not, so the longest prefix that still parses (or only lacks its end) is searched for.
 */
function jsonErrorOffset(text: string, reason: string): number {
  const stated = /at position (\d+)/.exec(reason);
  if (stated) return Number(stated[1]);
  if (/Unexpected end of JSON input/.test(reason)) return text.length;
  const fine = (length: number): boolean => {
    try {
      JSON.parse(text.slice(0, length));
      return true;
    } catch (error) {
      const message = (error as Error).message;
      const at = /at position (\d+)/.exec(message);
      return /Unexpected end of JSON input/.test(message) || (at !== null && Number(at[1]) >= length);
    }
  };
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fine(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** 1-based line and column of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split(/\r\n|\n|\r/);
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

let loaderRegistered = false;

/**
 * Registers the TypeScript loader hooks for this process (once) and turns on source maps, so
 * a project's `.ts` files can be imported and their stack traces point at `.ts` lines.
 *
 * @example
 * registerTypeScriptLoader();
 * const settings = await import(pathToFileURL('/home/me/mysite/mysite/settings.ts').href);
 */
export function registerTypeScriptLoader(): void {
  if (loaderRegistered) return;
  loaderRegistered = true;
  process.setSourceMapsEnabled(true);
  const self = import.meta.url;
  const hooks = new URL(self.endsWith('.ts') ? './loader-hooks.ts' : './loader-hooks.js', self);
  register(hooks.href);
}

const EXTENSIONS = ['.ts', '.mts', '.tsx', '.js', '.mjs'];

function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}

function looksLikePath(specifier: string): boolean {
  return specifier.includes('/') || specifier.includes('\\') || EXTENSIONS.some((ext) => specifier.endsWith(ext));
}

/**
 * The files a module specifier may name inside `baseDir`, in the order they are tried:
 * a dotted name (`mysite.settings.production` → `mysite/settings/production.ts`, …/index.ts)
 * or a path relative to `baseDir`.
 *
 * @example
 * moduleCandidates('/p', 'blog.models'); // ['/p/blog/models.ts', '/p/blog/models.mts', …, '/p/blog/models/index.ts', …]
 */
export function moduleCandidates(baseDir: string, specifier: string): string[] {
  const stem = looksLikePath(specifier) ? path.resolve(baseDir, specifier) : path.join(baseDir, ...specifier.split('.'));
  const candidates = looksLikePath(specifier) ? [stem] : [];
  if (!EXTENSIONS.some((ext) => stem.endsWith(ext))) {
    candidates.push(...EXTENSIONS.map((ext) => stem + ext), ...EXTENSIONS.map((ext) => path.join(stem, `index${ext}`)));
  } else if (/\.m?js$/.test(stem)) {
    candidates.push(stem.replace(/\.(m?)js$/, (_m, m: string) => `.${m}ts`));
  }
  return candidates;
}

/**
 * The file a module specifier names inside `baseDir`; throws a ProjectModuleNotFoundError
 * listing every path tried.
 *
 * @example
 * resolveProjectModule('/srv/mysite', 'mysite.settings'); // '/srv/mysite/mysite/settings.ts'
 */
export function resolveProjectModule(baseDir: string, specifier: string, what = 'module', origin?: string): string {
  const candidates = moduleCandidates(baseDir, specifier);
  const found = candidates.find(isFile);
  if (!found) throw new ProjectModuleNotFoundError(specifier, candidates, what, origin);
  return realpathSync(found);
}

const DRIVERS = ['better-sqlite3', 'pg', 'mysql2'];

/**
 * Turns low-level loading failures into the CLI's own errors: a syntax error in a user file
 * (with file:line:column) and a missing database driver (naming the package). Other errors
 * are returned unchanged.
 *
 * @example
 * try { await project.importModule('blog.views'); }
 * catch (error) { throw explainLoadError(error); } // UserSyntaxError with file:line:column, or MissingDriverError
 */
export function explainLoadError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const marker = '[MANOUCHE_CLI_SYNTAX_ERROR] ';
  if (error.message.includes(marker)) return new UserSyntaxError(`Syntax error in ${error.message.slice(error.message.indexOf(marker) + marker.length)}`);
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
    const driver = DRIVERS.find((d) => error.message.includes(`'${d}'`) || error.message.includes(`"${d}"`));
    if (driver) return new MissingDriverError(driver);
  }
  return error;
}

/**
 * A function importing project modules by dotted name or path, TypeScript included. A module
 * is loaded once: the same file imported here and by a relative import is one instance.
 *
 * @example
 * const importModule = createModuleImporter('/home/me/mysite');
 * const { Post } = await importModule('blog.models');
 */
export function createModuleImporter(baseDir: string): (specifier: string) => Promise<Record<string, unknown>> {
  return async (specifier) => {
    registerTypeScriptLoader();
    const file = resolveProjectModule(baseDir, specifier);
    try {
      return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    } catch (error) {
      throw explainLoadError(error);
    }
  };
}

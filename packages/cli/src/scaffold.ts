import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DestinationExistsError, InvalidNameError } from './errors.js';

/** This package's folder: the nearest folder above this module with a package.json (src/ and dist/ alike). */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** The folder holding the scaffolding templates (`scaffold/project`, `scaffold/app`), shipped with the package. */
export const SCAFFOLD_DIR = path.join(packageRoot(), 'scaffold');

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'implements import in instanceof interface let new null package private protected public return static super switch this ' +
    'throw true try typeof var void while with yield await async of undefined NaN Infinity arguments eval'
  ).split(' '),
);

/** Names that would shadow a module the project needs. */
const TAKEN = new Set(['manouche', 'node_modules', 'dist', 'test', 'tests', 'migrations', 'templates', 'static']);

/**
 * Checks a project or app name: identifier-like, not a keyword, not shadowing a Node built-in
 * or a module the project uses. Throws an InvalidNameError explaining what to change.
 *
 * @example
 * validateName('blog', 'app'); // ok
 * validateName('class', 'app'); // throws: 'class' is a JavaScript keyword
 */
export function validateName(name: string, kind: 'project' | 'app'): void {
  if (!name) throw new InvalidNameError(`You must provide a${kind === 'app' ? 'n app' : ' project'} name.`);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new InvalidNameError(
      `'${name}' is not a valid ${kind} name. Use letters, digits and underscores, starting with a letter or underscore (for example 'my_${kind}').`,
    );
  }
  if (RESERVED.has(name)) throw new InvalidNameError(`'${name}' is not a valid ${kind} name: it is a JavaScript keyword. Choose another name.`);
  if (builtinModules.includes(name) || TAKEN.has(name)) {
    throw new InvalidNameError(
      `'${name}' conflicts with the name of an existing module ('${builtinModules.includes(name) ? `node:${name}` : name}') and cannot be used as a ${kind} name. Choose another name.`,
    );
  }
}

/**
 * A fresh random SECRET_KEY: 50 characters from Django's alphabet, from node:crypto.
 *
 * @example
 * generateSecretKey().length; // 50
 */
export function generateSecretKey(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)';
  return Array.from({ length: 50 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/** `{{ name }}` placeholders replaced by their values; an unknown placeholder is a bug in the template, so it throws. */
export function renderScaffold(text: string, vars: Record<string, string>, source: string): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, key: string) => {
    if (!(key in vars)) throw new Error(`Scaffold template ${source} uses {{ ${key} }}, which is not provided (known: ${Object.keys(vars).join(', ')}).`);
    return vars[key];
  });
}

/**
 * Copies a scaffold folder into `destination`: `.tpl` files are rendered and lose the suffix,
 * `project_name`/`app_name` in paths are replaced, and `gitignore`/`gitkeep` become dot files
 * (npm would drop real dot files from the package). Returns the files written, relative to `destination`.
 */
export function writeScaffold(template: 'project' | 'app', destination: string, vars: Record<string, string>): string[] {
  const written: string[] = [];
  const walk = (from: string, to: string) => {
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from).sort()) {
      const source = path.join(from, entry);
      let name = entry
        .replace(/\.tpl$/, '')
        .replace('project_name', vars.project_name ?? 'project_name')
        .replace('app_name', vars.app_name ?? 'app_name');
      if (name === 'gitignore' || name === 'gitkeep') name = `.${name}`;
      const target = path.join(to, name);
      if (statSync(source).isDirectory()) {
        walk(source, target);
        continue;
      }
      if (existsSync(target)) throw new DestinationExistsError(target);
      const content = readFileSync(source, 'utf8');
      writeFileSync(target, entry.endsWith('.tpl') ? renderScaffold(content, vars, source) : content);
      written.push(path.relative(destination, target));
    }
  };
  walk(path.join(SCAFFOLD_DIR, template), destination);
  return written;
}

/** This package's version; scaffolded projects depend on the same version of `manouche`. */
export function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

/**
 * Which test files a `manouche test` command line means: every installed app's `tests.ts` and
 * `tests/` folder, one app by label, a dotted module (`polls.tests`, with an optional test name
 * after it), or a file or folder path.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '@manouche/contracts';
import { TestToolsError } from '../errors.js';

/**
 * The files to run, and the test-name filter a dotted label may add.
 *
 * @example
 * const { files, namePatterns }: TestSelection = selectTests(['polls.tests.QuestionModelTests'], { baseDir, cwd: baseDir, apps });
 * // files: ['/srv/mysite/polls/tests.ts'], namePatterns: ['QuestionModelTests']
 */
export interface TestSelection {
  files: string[];
  /** Names of describe blocks or tests after the module in a dotted label (`polls.tests.QuestionModelTests`). */
  namePatterns: string[];
}

const TEST_FILE = /^(test.*|.*\.test|.*\.tests|tests)\.(ts|mts|js|mjs)$/;

function walk(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...walk(full));
    else if (TEST_FILE.test(entry.name)) files.push(full);
  }
  return files;
}

/**
 * The test files of one app: `<app>/tests.ts` and the test files under `<app>/tests/`.
 *
 * @example
 * appTestFiles({ path: '/srv/mysite/polls' }); // ['/srv/mysite/polls/tests.ts']
 */
export function appTestFiles(app: Pick<AppConfig, 'path'>): string[] {
  const files: string[] = [];
  for (const name of ['tests.ts', 'tests.mts', 'tests.js']) if (existsSync(path.join(app.path, name))) files.push(path.join(app.path, name));
  const folder = path.join(app.path, 'tests');
  if (existsSync(folder) && statSync(folder).isDirectory()) files.push(...walk(folder));
  return files;
}

function fileForModule(baseDir: string, dotted: string): string | undefined {
  const base = path.join(baseDir, ...dotted.split('.'));
  for (const candidate of [`${base}.ts`, `${base}.mts`, `${base}.js`, path.join(base, 'index.ts')])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  if (existsSync(base) && statSync(base).isDirectory()) return base;
  return undefined;
}

/**
 * Resolves the labels of a `manouche test` command line; an unknown label is an error naming
 * the installed apps.
 *
 * @example
 * selectTests(['polls'], { baseDir, apps }); // { files: ['/srv/mysite/polls/tests.ts'], namePatterns: [] }
 */
export function selectTests(
  labels: readonly string[],
  options: { baseDir: string; cwd: string; apps: readonly Pick<AppConfig, 'label' | 'name' | 'path'>[] },
): TestSelection {
  const projectApps = options.apps.filter((app) => !path.relative(options.baseDir, app.path).startsWith('..'));
  if (labels.length === 0) return { files: projectApps.flatMap(appTestFiles), namePatterns: [] };
  const files: string[] = [];
  const namePatterns: string[] = [];
  for (const label of labels) {
    const app = options.apps.find((candidate) => candidate.label === label || candidate.name === label);
    if (app) {
      files.push(...appTestFiles(app));
      continue;
    }
    const asPath = path.resolve(options.cwd, label);
    if (/[\\/]/.test(label) || /\.[mc]?[tj]s$/.test(label) ? existsSync(asPath) : false) {
      files.push(...(statSync(asPath).isDirectory() ? walk(asPath) : [asPath]));
      continue;
    }
    // A dotted module, possibly followed by test names: try the longest module prefix first.
    const parts = label.split('.');
    let matched = false;
    for (let end = parts.length; end > 0 && !matched; end--) {
      const found = fileForModule(options.baseDir, parts.slice(0, end).join('.'));
      if (!found) continue;
      files.push(...(statSync(found).isDirectory() ? walk(found) : [found]));
      if (end < parts.length) namePatterns.push(parts.slice(end).join(' '));
      matched = true;
    }
    if (!matched) {
      throw new TestToolsError(
        `Test label '${label}' is not an installed app, a module of the project (such as ${projectApps[0]?.label ?? 'polls'}.tests) or a path. Installed apps: ${options.apps.map((a) => a.label).join(', ')}.`,
        'MANOUCHE_TEST_UNKNOWN_LABEL',
      );
    }
  }
  return { files: [...new Set(files)], namePatterns };
}

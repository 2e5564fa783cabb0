import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, makeProject, type CliRun } from './support/cli-process.js';

let cli: Awaited<ReturnType<typeof buildCli>>;
beforeAll(async () => {
  cli = await buildCli();
});
afterAll(() => cli.dispose());

const PACKAGE_JSON = JSON.stringify({ name: 'mysite', type: 'module', manouche: { settings: 'mysite.settings' } });

function blogProject(extra: Record<string, string> = {}): string {
  return makeProject({
    'package.json': PACKAGE_JSON,
    'mysite/settings.ts': `import type { X } from './types.js';\nconst debug: boolean = true;\nexport default { DEBUG: debug, INSTALLED_APPS: ['blog'] as string[] } satisfies X;\n`,
    'mysite/types.ts': 'export interface X { DEBUG: boolean; INSTALLED_APPS: string[] }\n',
    'mysite/settings/production.ts': `import base from '../settings.js';\nexport default { ...base, DEBUG: false };\n`,
    'blog/models.ts': `export let loads = 0;\nloads++;\nexport class Post { static label: string = 'blog.Post'; }\n`,
    'blog/views.ts': `import { Post, loads } from './models.js';\nimport * as again from './models';\nexport function identity(): string { return JSON.stringify({ same: again.Post === Post, loads }); }\n`,
    'blog/crashing.ts': `interface Shape { n: number }\n\nexport function crash(): void {\n  const shape: Shape = { n: 1 };\n  throw new Error('crashed with ' + shape.n);\n}\n`,
    ...extra,
  });
}

function json(run: CliRun): Record<string, any> {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Record<string, any>;
}

describe('loading TypeScript project modules', () => {
  it('imports the settings module named in package.json, compiling TypeScript with esbuild', async () => {
    const dir = blogProject();
    const report = json(await cli.run(['inspect'], { cwd: path.join(dir, 'blog') }));
    expect(report.settings).toEqual({ DEBUG: true, INSTALLED_APPS: ['blog'] });
    expect(report.settingsSource).toBe('package.json');
    expect(report.baseDir).toBe(dir);
    expect(report.models).toEqual({ blog: ['Post', 'loads'] });
  });

  it('resolves a dotted per-environment module given with --settings', async () => {
    const dir = blogProject();
    const report = json(await cli.run(['inspect', '--settings=mysite.settings.production'], { cwd: dir }));
    expect(report.settingsSource).toBe('--settings');
    expect(report.settingsFile).toBe(path.join(dir, 'mysite/settings/production.ts'));
    expect(report.settings.DEBUG).toBe(false);
  });

  it('accepts a file path for --settings and prefers --settings over MANOUCHE_SETTINGS_MODULE', async () => {
    const dir = blogProject();
    const fromEnv = json(await cli.run(['inspect'], { cwd: dir, env: { MANOUCHE_SETTINGS_MODULE: 'mysite.settings.production' } }));
    expect(fromEnv.settingsSource).toBe('MANOUCHE_SETTINGS_MODULE');
    const fromFlag = json(
      await cli.run(['inspect', '--settings', 'mysite/settings.ts'], { cwd: dir, env: { MANOUCHE_SETTINGS_MODULE: 'mysite.settings.production' } }),
    );
    expect(fromFlag.settingsSource).toBe('--settings');
    expect(fromFlag.settings.DEBUG).toBe(true);
  });

  it('keeps one instance of a module imported by dotted name and by relative .js and extension-less imports', async () => {
    const dir = blogProject({
      'mysite/settings.ts': `import { identity } from '../blog/views.js';\nimport '../blog/models.js';\nexport default { DEBUG: true, INSTALLED_APPS: ['blog'], identity: identity() };\n`,
    });
    const report = json(await cli.run(['inspect'], { cwd: dir }));
    expect(JSON.parse(report.settings.identity)).toEqual({ same: true, loads: 1 });
  });

  it("points stack traces at the user's .ts lines through source maps", async () => {
    const dir = blogProject();
    const run = await cli.run(['crash', 'blog.crashing'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Error: crashed with 1');
    expect(run.stderr).toContain(`${path.join(dir, 'blog/crashing.ts')}:5:9`);
  });
});

describe('errors while loading a project', () => {
  it('reports a syntax error in a user file with file:line:column and no loader internals', async () => {
    const dir = blogProject({ 'blog/models.ts': `export class Post {\n  title: string = ;\n}\n` });
    const run = await cli.run(['inspect'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`UserSyntaxError: Syntax error in ${path.join(dir, 'blog/models.ts')}:2:19: Unexpected ";"`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('lists every path tried when the settings module does not exist, and where the name came from', async () => {
    const dir = blogProject();
    const run = await cli.run(['inspect', '--settings=mysite.settngs'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Cannot find settings module 'mysite.settngs' (from --settings). Tried:");
    expect(run.stderr).toContain(path.join(dir, 'mysite/settngs.ts'));
    expect(run.stderr).toContain(path.join(dir, 'mysite/settngs/index.ts'));
  });

  it('explains how to choose a settings module when none is configured', async () => {
    const dir = makeProject({ 'package.json': '{"name":"bare"}' });
    const run = await cli.run(['inspect'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No settings module is configured. Pass --settings=mysite.settings, set MANOUCHE_SETTINGS_MODULE, or add "manouche"');
  });

  it('names the database driver package to install when it is missing', async () => {
    const dir = blogProject({ 'blog/models.ts': `import mysql from 'mysql2/promise';\nexport const driver = mysql;\n` });
    const run = await cli.run(['inspect'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("MissingDriverError: The database driver 'mysql2' is not installed. Install it in the project: npm install mysql2");
  });

  it('prints the stack of an unexpected error, and of any error with --traceback', async () => {
    const dir = blogProject();
    const failed = await cli.run(['fail'], { cwd: dir });
    expect(failed).toMatchObject({ code: 3, stderr: 'CommandError: the thing went wrong\n' });
    const traced = await cli.run(['fail', '--traceback'], { cwd: dir });
    expect(traced.code).toBe(3);
    expect(traced.stderr).toMatch(/CommandError: the thing went wrong\n\s+at /);
  });
});

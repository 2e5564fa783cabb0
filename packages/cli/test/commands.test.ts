import type { CommandIO, Project, SystemCheck } from '@manouche/contracts';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliCommands, formatCheckReport, runCli } from '../src/index.js';
import { buildCli, makeProject } from './support/cli-process.js';

let cli: Awaited<ReturnType<typeof buildCli>>;
beforeAll(async () => {
  cli = await buildCli();
});
afterAll(() => cli.dispose());

const checks: SystemCheck[] = [
  {
    tags: ['models'],
    run: () => [{ id: 'models.E001', level: 'error', message: 'Post.title has no maxLength.', obj: 'blog.Post.title', hint: 'Add maxLength.' }],
  },
  { tags: ['security', 'deploy'], run: ({ deploy }) => [{ id: 'security.W018', level: 'warning', message: `DEBUG is on (deploy=${deploy}).` }] },
  { tags: ['urls'], run: () => [] },
];

async function check(argv: string[], selected: SystemCheck[] = checks) {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    interactive: false,
    prompt: async () => '',
  };
  const dir = makeProject({ 'package.json': '{"name":"x","manouche":{"settings":"x.settings"}}', 'x/settings.ts': 'export default {}' });
  const project = { close: async () => {} } as unknown as Project;
  const code = await runCli(['check', ...argv], {
    commands: cliCommands({ collectChecks: () => selected }),
    loadProject: async () => project,
    io,
    cwd: dir,
    env: {},
  });
  return { code, stdout, stderr };
}

describe('check', () => {
  it('prints messages grouped by level with ids, objects and hints, and fails on errors', async () => {
    const { code, stderr } = await check([]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'System check identified some issues:\n\nERRORS:\nblog.Post.title: (models.E001) Post.title has no maxLength.\n\tHINT: Add maxLength.\n\nSystem check identified 1 issue (0 silenced).\n',
    );
  });

  it('runs deploy checks only with --deploy', async () => {
    const { stderr } = await check(['--deploy']);
    expect(stderr).toContain('WARNINGS:\n?: (security.W018) DEBUG is on (deploy=true).');
    expect(stderr).toContain('System check identified 2 issues');
  });

  it('selects checks by --tag and reports no issues with exit code 0', async () => {
    const { code, stdout } = await check(['--tag', 'urls']);
    expect(code).toBe(0);
    expect(stdout).toBe('System check identified no issues (0 silenced).\n');
  });

  it('fails on warnings with --fail-level warning and rejects an unknown level', async () => {
    expect((await check(['--deploy', '--fail-level=warning'], [checks[1]])).code).toBe(1);
    expect((await check(['--deploy'], [checks[1]])).code).toBe(0);
    const bad = await check(['--fail-level=loud']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--fail-level must be one of debug, info, warning, error, critical, got 'loud'.");
  });

  it('formats an empty report as Django does', () => {
    expect(formatCheckReport([])).toBe('System check identified no issues (0 silenced).\n');
  });
});

describe('shell', () => {
  it("runs code with the settings and every installed app's model classes in scope", async () => {
    const dir = makeProject({
      'package.json': '{"name":"mysite","manouche":{"settings":"mysite.settings"}}',
      'mysite/settings.ts': "export default { DEBUG: true, INSTALLED_APPS: ['blog'] };\n",
      'blog/models.ts': 'export class Post { static count(): number { return 3; } }\nexport const notAModel = 1;\n',
    });
    const run = await cli.run(['shell', '-c', 'return { debug: settings.DEBUG, posts: Post.count(), hasConst: typeof notAModel !== "undefined" }'], {
      cwd: dir,
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ debug: true, posts: 3, hasConst: false });
  });

  it('warns and still runs the code when the URLconf cannot be loaded', async () => {
    const dir = makeProject({
      'package.json': '{"name":"mysite","manouche":{"settings":"mysite.settings"}}',
      'mysite/settings.ts': "export default { INSTALLED_APPS: ['blog'], URLCONF_ERROR: 'No module mysite.urls' };\n",
      'blog/models.ts': 'export class Post { static count(): number { return 3; } }\n',
    });
    const run = await cli.run(['shell', '-c', 'return Post.count()'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('3\n');
    expect(run.stderr).toBe('Warning: the URLconf could not be loaded, so reverse() is unavailable in this shell: No module mysite.urls\n');
  });

  it('starts a REPL that evaluates input with the models in scope', async () => {
    const dir = makeProject({
      'package.json': '{"name":"mysite","manouche":{"settings":"mysite.settings"}}',
      'mysite/settings.ts': "export default { INSTALLED_APPS: ['blog'] };\n",
      'blog/models.ts': "export class Post { static label = 'blog.Post'; }\n",
    });
    const run = await cli.run(['shell'], { cwd: dir, input: 'Post.label + "!"\n.exit\n' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('In scope: project, settings, Post');
    expect(run.stdout).toContain("'blog.Post!'");
  });
});

describe('build', () => {
  it('bundles every project module into dist/server.mjs, which serves them without compiling TypeScript', async () => {
    const dir = makeProject({
      'package.json': '{"name":"mysite","type":"module","manouche":{"settings":"mysite.settings"}}',
      'mysite/settings.ts': "import { label } from '../blog/models.js';\nexport default { INSTALLED_APPS: ['blog'], label };\n",
      'blog/models.ts': "export const label: string = 'blog.Post';\n",
      'blog/tests.ts': "throw new Error('tests are not bundled');\n",
      'blog/index.ts': "export const app = 'blog';\n",
      'node_modules/manouche/package.json': '{"name":"manouche","type":"module","exports":{"./serve":"./serve.js"}}',
      'node_modules/manouche/serve.js':
        'export async function serveBuiltProject({ modules, settingsModule, baseDir, argv }) {\n' +
        '  const settings = (await modules[settingsModule]()).default;\n' +
        '  console.log(JSON.stringify({ keys: Object.keys(modules).sort(), settings, baseDir: baseDir.pathname, argv }));\n}\n',
    });
    const run = await cli.run(['build'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Built dist/server.mjs (4 project modules');
    expect(readFileSync(path.join(dir, 'dist/server.mjs'), 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
    expect(existsSync(path.join(dir, 'dist/server.mjs.map'))).toBe(true);
    const served = spawnSync(process.execPath, [path.join(dir, 'dist/server.mjs'), '127.0.0.1:9000'], { cwd: dir, encoding: 'utf8' });
    expect(served.stderr).toBe('');
    expect(JSON.parse(served.stdout)).toEqual({
      keys: ['blog', 'blog.index', 'blog.models', 'mysite.settings'],
      settings: { INSTALLED_APPS: ['blog'], label: 'blog.Post' },
      baseDir: `${dir}/`,
      argv: ['127.0.0.1:9000'],
    });
  });

  it('reports a compile error in a project file with file:line:column', async () => {
    const dir = makeProject({
      'package.json': '{"name":"mysite","type":"module","manouche":{"settings":"mysite.settings"}}',
      'mysite/settings.ts': 'export default {};\n',
      'blog/views.ts': 'export const x = ;\n',
    });
    const run = await cli.run(['build'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`BuildError: The build failed:\n${path.join(dir, 'blog/views.ts')}:1:18: Unexpected ";"`);
  });
});

describe('a process that does not open a shell', () => {
  it('never loads node:repl or node:domain, which would slow every EventEmitter of a server', async () => {
    const run = await cli.run(['builtins', 'repl,domain,readline'], { cwd: makeProject({ 'package.json': '{"name":"x"}' }) });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([]);
  });
});

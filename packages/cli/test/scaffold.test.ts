import { transform } from 'esbuild';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSecretKey, validateName } from '../src/index.js';
import { buildCli, makeProject } from './support/cli-process.js';

let cli: Awaited<ReturnType<typeof buildCli>>;
beforeAll(async () => {
  cli = await buildCli();
});
afterAll(() => cli.dispose());

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('startproject', () => {
  it('creates a project folder with package.json, settings, urls, asgi, README, tsconfig and .gitignore', async () => {
    const cwd = makeProject({});
    const run = await cli.run(['startproject', 'mysite'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Created project 'mysite' in mysite/");
    const dir = path.join(cwd, 'mysite');
    expect(files(dir)).toEqual(['.gitignore', 'README.md', 'mysite/asgi.ts', 'mysite/settings.ts', 'mysite/urls.ts', 'package.json', 'tsconfig.json']);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({
      name: 'mysite',
      type: 'module',
      manouche: { settings: 'mysite.settings' },
      scripts: { manage: 'manouche', test: 'manouche test', typecheck: 'tsc --noEmit' },
    });
    // The full-framework package brings the embedded SQLite driver; TypeScript is for `typecheck`.
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['manouche']);
    expect(Object.keys(manifest.devDependencies).sort()).toEqual(['@types/node', 'typescript']);
    const settings = readFileSync(path.join(dir, 'mysite/settings.ts'), 'utf8');
    expect(settings).toContain("ROOT_URLCONF: 'mysite.urls'");
    expect(settings).toContain("default: { ENGINE: 'sqlite', NAME: 'db.sqlite3' }");
    expect(settings).toContain("STATIC_ROOT: 'staticfiles'");
    expect(settings).not.toContain('{{');
  });

  it('tells the user to run npm install, unless manouche is already installed above the new project (a sandbox)', async () => {
    const fresh = makeProject({});
    const plain = await cli.run(['startproject', 'mysite'], { cwd: fresh });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('Next steps:\n  cd mysite\n  npm install\n  npx manouche migrate\n  npx manouche runserver\n');

    // `pnpm sandbox` installs the packages in the folder the user then runs startproject in.
    const sandbox = makeProject({ 'package.json': '{"name":"manouche-sandbox","private":true}', 'node_modules/manouche/package.json': '{"name":"manouche"}' });
    const run = await cli.run(['startproject', 'mysite'], { cwd: sandbox });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Next steps:\n  cd mysite\n  npx manouche migrate\n  npx manouche runserver\n');
    expect(run.stdout).toContain(`(manouche is already installed in ${path.join(sandbox, 'node_modules')}: no npm install needed.)`);
    expect(run.stdout).not.toContain('npm install\n');
  });

  it('writes a fresh 50-character SECRET_KEY each time', async () => {
    const cwd = makeProject({});
    await cli.run(['startproject', 'one'], { cwd });
    await cli.run(['startproject', 'two'], { cwd });
    const key = (name: string) => /SECRET_KEY: '([^']*)'/.exec(readFileSync(path.join(cwd, name, name, 'settings.ts'), 'utf8'))?.[1];
    expect(key('one')).toHaveLength(50);
    expect(key('two')).toHaveLength(50);
    expect(key('one')).not.toBe(key('two'));
    expect(generateSecretKey()).toMatch(/^[a-z0-9!@#$%^&*(\-_=+)]{50}$/);
  });

  it('creates the project in DIR when given, and refuses a DIR that already holds a project', async () => {
    const cwd = makeProject({});
    expect((await cli.run(['startproject', 'mysite', '.'], { cwd })).code).toBe(0);
    expect(existsSync(path.join(cwd, 'package.json'))).toBe(true);
    expect(existsSync(path.join(cwd, 'mysite/settings.ts'))).toBe(true);
    const again = await cli.run(['startproject', 'mysite', '.'], { cwd });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`DestinationExistsError: '${path.join(cwd, 'package.json')}' already exists.`);
  });

  it('rejects names that are not identifiers, are keywords, or shadow a Node module', async () => {
    const cwd = makeProject({});
    const cases: Array<[string, string]> = [
      ['my-site', "'my-site' is not a valid project name. Use letters, digits and underscores"],
      ['1site', "'1site' is not a valid project name."],
      ['class', "'class' is not a valid project name: it is a JavaScript keyword."],
      ['http', "'http' conflicts with the name of an existing module ('node:http')"],
      ['manouche', "'manouche' conflicts with the name of an existing module ('manouche')"],
    ];
    for (const [name, message] of cases) {
      const run = await cli.run(['startproject', name], { cwd });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`InvalidNameError: ${message}`);
    }
    expect(readdirSync(cwd)).toEqual([]);
    expect(() => validateName('blog_2', 'app')).not.toThrow();
  });
});

describe('startapp', () => {
  it("creates the seed's app layout with templates/NAME/ and an empty migrations/ folder", async () => {
    const cwd = makeProject({ 'package.json': '{"name":"mysite"}' });
    const run = await cli.run(['startapp', 'blog'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain("Add 'blog' to INSTALLED_APPS");
    expect(files(path.join(cwd, 'blog'))).toEqual([
      'admin.ts',
      'apps.ts',
      'index.ts',
      'migrations/.gitkeep',
      'models.ts',
      'templates/blog/.gitkeep',
      'tests.ts',
      'urls.ts',
      'views.ts',
    ]);
    expect(readFileSync(path.join(cwd, 'blog/apps.ts'), 'utf8')).toContain("verboseName: 'Blog'");
    expect(readFileSync(path.join(cwd, 'blog/urls.ts'), 'utf8')).toContain("export const appName = 'blog';");
  });

  it('writes model, view and admin examples in its comments that are valid TypeScript for the new app', async () => {
    const cwd = makeProject({ 'package.json': '{"name":"mysite"}' });
    expect((await cli.run(['startapp', 'news'], { cwd })).code).toBe(0);
    for (const file of ['models.ts', 'views.ts', 'admin.ts']) {
      const text = readFileSync(path.join(cwd, 'news', file), 'utf8');
      // The example is the comment's indented block: ` *   code`.
      const example = text
        .split('\n')
        .filter((line) => line.startsWith(' *   '))
        .map((line) => line.slice(5))
        .join('\n');
      expect(example, file).toContain("from 'manouche/");
      await expect(transform(example, { loader: 'ts', sourcefile: `news/${file}` }), file).resolves.toBeDefined();
    }
    expect(readFileSync(path.join(cwd, 'news/views.ts'), 'utf8')).toContain("'news/post/list.html'");
  });

  it('refuses an existing folder, the project package name and an installed package name', async () => {
    const cwd = makeProject({ 'package.json': '{"name":"mysite"}', 'blog/models.ts': '', 'node_modules/lodash/package.json': '{}' });
    expect((await cli.run(['startapp', 'blog'], { cwd })).stderr).toContain(`'${path.join(cwd, 'blog')}' already exists.`);
    expect((await cli.run(['startapp', 'mysite'], { cwd })).stderr).toContain("'mysite' conflicts with the name of the project package");
    expect((await cli.run(['startapp', 'lodash'], { cwd })).stderr).toContain("'lodash' conflicts with the name of an installed package (node_modules/lodash)");
    expect((await cli.run(['startapp', 'import'], { cwd })).stderr).toContain("'import' is not a valid app name: it is a JavaScript keyword.");
  });
});

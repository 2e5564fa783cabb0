import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../examples/quickstart.js';
import { loadSettings } from '../src/index.js';

const packageDir = path.join(import.meta.dirname, '..');

describe('the README example', () => {
  it('is examples/quickstart.ts, verbatim', () => {
    const readme = readFileSync(path.join(packageDir, 'README.md'), 'utf8');
    expect(readme).toContain(readFileSync(path.join(packageDir, 'examples/quickstart.ts'), 'utf8'));
  });

  it('runs: module values, a registered setting, DATABASES in URL form, diff and deploy check', () => {
    const result = main({});
    expect(result.debug).toBe(true);
    expect(result.database).toEqual({ ENGINE: 'sqlite', NAME: '/srv/mysite/db.sqlite3' });
    expect(result.pageSize).toBe(10);
    expect(result.diff).toBe(
      "BLOG_PAGE_SIZE = 10  ###\nDATABASES = { default: { ENGINE: 'sqlite', NAME: '/srv/mysite/db.sqlite3' } }\nDEBUG = true\nINSTALLED_APPS = ['blog']",
    );
    expect(result.warnings).toEqual(['security.W001', 'security.W002', 'security.W003', 'security.W009', 'security.W018', 'security.W020']);
  });

  it('lets the environment have the last word', () => {
    const result = main({ MANOUCHE_DEBUG: 'false', MANOUCHE_SECRET_KEY: 'k'.repeat(10) + 'abcdefghij'.repeat(5), MANOUCHE_BLOG_PAGE_SIZE: '25' });
    expect([result.debug, result.pageSize]).toEqual([false, 25]);
    expect(result.diff).toContain("SECRET_KEY = '********************'");
  });
});

describe('the README per-environment example', () => {
  const files = ['base', 'local', 'production'].map((name) => path.join(packageDir, 'examples/mysite/settings', `${name}.ts`));

  it('is examples/mysite/settings/{base,local,production}.ts, verbatim', () => {
    const readme = readFileSync(path.join(packageDir, 'README.md'), 'utf8');
    expect(readme).toContain(files.map((file) => readFileSync(file, 'utf8')).join('\n'));
  });

  it('loads each environment over the shared base, the environment supplying production secrets', async () => {
    const modules: Record<string, () => Promise<{ default: unknown }>> = {
      local: () => import('../examples/mysite/settings/local.js'),
      production: () => import('../examples/mysite/settings/production.js'),
    };
    const load = async (name: string, env: Record<string, string> = {}) =>
      loadSettings({ values: (await modules[name]!()).default, source: `mysite/settings/${name}.ts`, baseDir: '/srv/mysite', env });
    const local = await load('local');
    expect([local.DEBUG, local.INSTALLED_APPS, local.DATABASES.default]).toEqual([
      true,
      ['blog', 'debug_toolbar'],
      { ENGINE: 'sqlite', NAME: '/srv/mysite/db.sqlite3' },
    ]);
    const production = await load('production', { MANOUCHE_SECRET_KEY: 's'.repeat(60), DATABASE_URL: 'postgres://blog@db.internal:5432/blog' });
    expect([production.DEBUG, production.ALLOWED_HOSTS, production.SECURE_SSL_REDIRECT, production.INSTALLED_APPS]).toEqual([
      false,
      ['example.com'],
      true,
      ['blog'],
    ]);
    expect(production.DATABASES.default).toMatchObject({ ENGINE: 'postgresql', NAME: 'blog', HOST: 'db.internal', PORT: 5432, USER: 'blog' });
  });
});

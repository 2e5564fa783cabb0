import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkDeploy, isDefinedSettings, loadSettings, MissingSettingError, resolveSettingsModule } from '../src/index.js';

const project = path.join(import.meta.dirname, 'fixtures/mysite');
const SECRET = 'x7#Kp2!vQ9zR4mW8nT6yB1cF5hJ3lD0sA-qE_uI+oP=gX*rZ&wV^bN%kM$tY@jH';

// The CLI loads the TypeScript file with esbuild; here vitest imports it, which is the same module.
async function loadProject(cliFlag: string | undefined, env: Record<string, string>) {
  const resolved = resolveSettingsModule({ cliFlag, env, baseDir: project });
  const module = (await import(pathToFileURL(resolved.file).href)) as { default: unknown };
  return {
    resolved,
    values: module.default,
    settings: () => loadSettings({ values: module.default, source: path.relative(project, resolved.file), env, baseDir: project }),
  };
}

describe('per-environment settings modules extending a base', () => {
  it('selects local.ts from package.json, which adds to the base', async () => {
    const { resolved, values, settings } = await loadProject(undefined, {});
    expect(resolved.from).toBe('package.json');
    expect(isDefinedSettings(values)).toBe(true);
    expect(settings()).toMatchObject({
      DEBUG: true,
      INSTALLED_APPS: ['manouche.contrib.sessions', 'blog', 'debug_toolbar'],
      ROOT_URLCONF: 'mysite.urls',
      TIME_ZONE: 'UTC',
      TEMPLATES: [{ BACKEND: 'manouche.templates', DIRS: [], APP_DIRS: true, OPTIONS: {} }],
      DATABASES: { default: { ENGINE: 'sqlite', NAME: path.join(project, 'db.sqlite3') } },
    });
  });

  it('selects production.ts with --settings and takes its secrets from the environment', async () => {
    const env = { MANOUCHE_SECRET_KEY: SECRET, DATABASE_URL: 'postgres://blog:pw@db/blog' };
    const { settings } = await loadProject('mysite.settings.production', env);
    const loaded = settings();
    expect(loaded).toMatchObject({ DEBUG: false, SECRET_KEY: SECRET, ALLOWED_HOSTS: ['example.com'], INSTALLED_APPS: ['manouche.contrib.sessions', 'blog'] });
    expect(loaded.DATABASES.default).toEqual({ ENGINE: 'postgresql', NAME: 'blog', USER: 'blog', PASSWORD: 'pw', HOST: 'db' });
    expect(checkDeploy(loaded)).toEqual([]);
  });

  it('names the production file when its SECRET_KEY is missing', async () => {
    const { settings } = await loadProject('mysite.settings.production', {});
    expect(settings).toThrow(MissingSettingError);
    expect(settings).toThrow(
      `The SECRET_KEY setting is required when DEBUG is false, but it is not set in ${path.join('mysite', 'settings', 'production.ts')}.`,
    );
  });

  it('leaves the base module unchanged: settings modules are frozen', async () => {
    const { default: base } = (await import('./fixtures/mysite/mysite/settings/base.js')) as { default: { INSTALLED_APPS: string[] } };
    expect(base.INSTALLED_APPS).toEqual(['manouche.contrib.sessions', 'blog']);
    expect(() => base.INSTALLED_APPS.push('debug_toolbar')).toThrow(TypeError);
  });
});

/** setup() wires the cache framework: CACHES configured, cache middleware by dotted name, createcachetable registered. */
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveProjectModule } from '@manouche/cli';
import { loadSettings } from '@manouche/settings';
import { setup } from '../src/index.js';
import { caches, FileBasedCache, LocMemCache } from '../src/cache.js';
import { collectChecks, managementCommands } from '../src/management.js';
import { packageDir, tempDir } from './support/bundle.js';

const dir = tempDir();
cpSync(path.join(packageDir, 'examples/full-framework'), dir, { recursive: true });
mkdirSync(path.join(dir, 'node_modules'));
symlinkSync(packageDir, path.join(dir, 'node_modules/manouche'), 'dir');
const importModule = async (s: string) => (await import(resolveProjectModule(dir, s))) as Record<string, unknown>;

async function settingsWith(overrides: Record<string, unknown>) {
  const values = (await importModule('site.settings')).default as Record<string, unknown>;
  return loadSettings({
    values: { ...values, ...overrides },
    source: 'site/settings.ts',
    baseDir: dir,
    env: { DATABASE_URL: `sqlite:///${path.join(tempDir(), 'db.sqlite3')}` },
  });
}

describe('the cache framework in a project', () => {
  it('configures CACHES at setup, loads the cache middleware by dotted name, and closes the caches with the project', async () => {
    const settings = await settingsWith({
      CACHES: {
        default: { BACKEND: 'manouche.cache.backends.filebased.FileBasedCache', LOCATION: 'var/cache' },
        local: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache' },
      },
      MIDDLEWARE: [
        'manouche.cache.middleware.UpdateCacheMiddleware',
        'manouche.cache.middleware.ConditionalGetMiddleware',
        'manouche.cache.middleware.FetchFromCacheMiddleware',
      ],
    });
    const project = await setup({ settings, baseDir: dir, settingsModule: 'site.settings', importModule });
    try {
      expect(caches.get('default')).toBeInstanceOf(FileBasedCache);
      expect((caches.get('default') as FileBasedCache).dir).toBe(path.join(dir, 'var/cache'));
      expect(caches['local']).toBeInstanceOf(LocMemCache);
      await expect(project.application()).resolves.toBeTypeOf('function');
      const checks = await collectChecks(project);
      const messagesOf = async (tag: string) =>
        (await Promise.all(checks.filter((check) => check.tags.includes(tag)).map((check) => check.run({ deploy: false })))).flat();
      expect((await messagesOf('caches')).map((message) => message.id)).toEqual(['caches.W003']);
      expect(await messagesOf('middleware')).toEqual([]);
    } finally {
      await project.close();
    }
  });

  it('registers createcachetable with the management commands', () => {
    expect(managementCommands().map((command) => command.name)).toContain('createcachetable');
  });
});

import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppRegistryError, createAppRegistry } from '../src/index.js';

let base: string;
const calls: string[] = [];

const modules: Record<string, Record<string, unknown>> = {
  blog: { appConfig: { verboseName: 'The Blog', ready: () => void calls.push('blog ready') } },
  'manouche.contrib.auth': {
    appConfig: {
      label: 'auth',
      defaultAutoField: 'auto',
      commands: [{ name: 'createsuperuser', help: 'x', run: async () => 0 }],
      ready: () => void calls.push('auth ready'),
    },
  },
  shop_items: {},
  'other.blog': {},
  'weird.my-app': {},
  broken: {
    appConfig: {
      ready: () => {
        throw new Error('signal wiring failed');
      },
    },
  },
};

const options = {
  importModule: async (name: string) => {
    calls.push(`import ${name}`);
    const module = modules[name];
    if (!module) throw new Error(`Cannot find module '${name}' (tried ${join(base, name, 'index.ts')})`);
    return module;
  },
  resolveAppPath: (name: string) => join(base, ...name.split('.')),
};

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'manouche-core-apps-'));
  await mkdir(join(base, 'blog', 'templates'), { recursive: true });
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('createAppRegistry', () => {
  it('builds one AppConfig per entry with labels, paths, folders and overrides', async () => {
    calls.length = 0;
    const apps = await createAppRegistry(['blog', 'manouche.contrib.auth', 'shop_items'], options);
    expect(apps.getAppConfigs().map((app) => app.label)).toEqual(['blog', 'auth', 'shop_items']);
    const blog = apps.getAppConfig('blog');
    expect(blog).toMatchObject({
      name: 'blog',
      path: join(base, 'blog'),
      verboseName: 'The Blog',
      templatesDir: join(base, 'blog', 'templates'),
      migrationsDir: join(base, 'blog', 'migrations'),
    });
    const auth = apps.getAppConfig('auth');
    expect(auth).toMatchObject({ name: 'manouche.contrib.auth', verboseName: 'Auth', defaultAutoField: 'auto', templatesDir: undefined });
    expect(auth.commands?.map((c) => c.name)).toEqual(['createsuperuser']);
    expect(apps.getAppConfig('shop_items').verboseName).toBe('Shop Items');
    expect(apps.isInstalled('manouche.contrib.auth')).toBe(true);
    expect(apps.isInstalled('auth')).toBe(true);
    expect(apps.isInstalled('polls')).toBe(false);
  });

  it('runs ready() hooks in INSTALLED_APPS order after every app is loaded', async () => {
    calls.length = 0;
    await createAppRegistry(['manouche.contrib.auth', 'blog'], options);
    expect(calls).toEqual(['import manouche.contrib.auth', 'import blog', 'auth ready', 'blog ready']);
  });

  it('rejects duplicate labels naming both entries', async () => {
    await expect(createAppRegistry(['blog', 'other.blog'], options)).rejects.toThrow(
      "Application labels aren't unique, duplicates: blog (INSTALLED_APPS entries 'blog' and 'other.blog'; set a different appConfig.label in one of them)",
    );
    await expect(createAppRegistry(['blog', 'blog'], options)).rejects.toThrow("Application names aren't unique, duplicates: blog");
  });

  it('names an app that cannot be found and what was tried', async () => {
    const error = await createAppRegistry(['blog', 'polls'], options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppRegistryError);
    expect((error as Error).message).toBe(
      `INSTALLED_APPS entry 'polls' cannot be found: importing module 'polls' (folder ${join(base, 'polls')}) failed: Cannot find module 'polls' (tried ${join(base, 'polls', 'index.ts')})`,
    );
    await expect(
      createAppRegistry(['blog'], {
        ...options,
        resolveAppPath: () => {
          throw new Error('no package named blog');
        },
      }),
    ).rejects.toThrow("INSTALLED_APPS entry 'blog' cannot be found: looking up its folder failed: no package named blog");
  });

  it('rejects labels that are not identifiers, failing ready hooks, and unknown labels', async () => {
    await expect(createAppRegistry(['weird.my-app'], options)).rejects.toThrow("the app label 'my-app' is not a valid identifier");
    await expect(createAppRegistry(['broken'], options)).rejects.toThrow(
      "ready() of app 'broken' (INSTALLED_APPS entry 'broken') failed: signal wiring failed",
    );
    const apps = await createAppRegistry(['blog'], options);
    expect(() => apps.getAppConfig('polls')).toThrow("No installed app with label 'polls'. Installed labels: blog");
  });
});

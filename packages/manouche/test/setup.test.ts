/** setup(), getAsgiApplication() and bundledImporter() in process, on the example project. */
import { callHttp, runLifespan } from '@manouche/asgi/testing';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { Form, FormRenderer, forms, type MediaDefinition, setDefaultRenderer, setMediaStatic } from '@manouche/forms';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledImporter, getAsgiApplication, ModuleNotBundledError, setup } from '../src/index.js';
import { resolveProjectModule } from '@manouche/cli';
import { loadSettings } from '@manouche/settings';
import { packageDir, tempDir } from './support/bundle.js';

/** One copy of the example project (model classes register once per process) where `manouche` is this package's source. */
const dir = tempDir();
cpSync(path.join(packageDir, 'examples/full-framework'), dir, { recursive: true });
mkdirSync(path.join(dir, 'node_modules'));
symlinkSync(packageDir, path.join(dir, 'node_modules/manouche'), 'dir');

/** The example project with a fresh SQLite database. */
function exampleProject(): { dir: string; importModule: (s: string) => Promise<Record<string, unknown>>; databaseUrl: string } {
  return {
    dir,
    importModule: async (s) => (await import(resolveProjectModule(dir, s))) as Record<string, unknown>,
    databaseUrl: `sqlite:///${path.join(tempDir(), 'db.sqlite3')}`,
  };
}

async function settingsOf(project: ReturnType<typeof exampleProject>, overrides: Record<string, unknown> = {}) {
  const values = (await project.importModule('site.settings')).default as Record<string, unknown>;
  return loadSettings({ values: { ...values, ...overrides }, source: 'site/settings.ts', baseDir: project.dir, env: { DATABASE_URL: project.databaseUrl } });
}

describe('setup', () => {
  it('wires settings, apps, models, databases, URLs and templates into a Project', async () => {
    const example = exampleProject();
    const project = await setup({
      settings: await settingsOf(example),
      baseDir: example.dir,
      settingsModule: 'site.settings',
      importModule: example.importModule,
    });
    try {
      expect(project.apps.getAppConfigs().map((a) => a.label)).toEqual(['notes']);
      expect(project.apps.getAppConfig('notes').commands?.map((c) => c.name)).toEqual(['addnote']);
      expect(project.modelStates().map((m) => `${m.app}.${m.name} ${m.table}`)).toEqual(['notes.Note notes_note']);
      expect(project.databases.aliases()).toEqual(['default']);
      expect((await project.urls()).reverse('notes:list')).toBe('/');
      expect(await (await project.templates()).renderString("<%= url('notes:list') %> <%= static('/a.css') %>")).toBe('/ /static/a.css');
    } finally {
      await project.close();
    }
  });

  it('renders forms with FORM_RENDERER over the TEMPLATES folders, and form media with static()', async () => {
    const example = exampleProject();
    const templates = tempDir();
    mkdirSync(path.join(templates, 'django/forms'), { recursive: true });
    writeFileSync(path.join(templates, 'django/forms/div.html'), '<% for (const [field] of it.fields) { %><p class="mine"><%= field %></p><% } %>');
    const settings = await settingsOf(example, { TEMPLATES: [{ BACKEND: 'manouche.templates', DIRS: [templates], APP_DIRS: true }], STATIC_URL: '/assets/' });
    const project = await setup({ settings, baseDir: example.dir, importModule: example.importModule });
    class Search extends Form.define({ q: forms.char() }) {
      static override media: MediaDefinition = { js: ['search.js'] };
    }
    try {
      await project.templates();
      expect(new Search().toHtml()).toBe('<p class="mine"><input type="text" name="q" required id="id_q"></p>');
      expect(new Search().media.toHtml()).toBe('<script src="/assets/search.js"></script>');
    } finally {
      await project.close();
      setDefaultRenderer(new FormRenderer());
      setMediaStatic((file) => `/static/${file}`);
    }
  });

  it('names the INSTALLED_APPS entry that has no folder', async () => {
    const example = exampleProject();
    const settings = await settingsOf(example, { INSTALLED_APPS: ['notes', 'shop'] });
    await expect(setup({ settings, baseDir: example.dir, importModule: example.importModule })).rejects.toThrow(
      `INSTALLED_APPS entry 'shop' has no folder: expected ${path.join(example.dir, 'shop')}`,
    );
  });

  it('fails on a models module whose own import is missing, rather than taking the app for one without models', async () => {
    const example = exampleProject();
    const missingImport = Object.assign(
      new Error(`Cannot find module '${path.join(example.dir, 'notes/models-helpers.js')}' imported from ${path.join(example.dir, 'notes/models.ts')}`),
      {
        code: 'ERR_MODULE_NOT_FOUND',
      },
    );
    const importModule = async (specifier: string) => {
      if (specifier === 'notes.models') throw missingImport;
      return example.importModule(specifier);
    };
    await expect(setup({ settings: await settingsOf(example), baseDir: example.dir, importModule })).rejects.toThrow('notes/models-helpers.js');
  });

  it('takes an app whose models module does not exist for an app without models', async () => {
    const example = exampleProject();
    const importModule = async (specifier: string) => {
      if (specifier === 'notes.models')
        throw Object.assign(new Error(`Cannot find module '${specifier}'`), { code: 'MANOUCHE_CLI_MODULE_NOT_FOUND', specifier });
      return example.importModule(specifier);
    };
    const project = await setup({ settings: await settingsOf(example), baseDir: example.dir, settingsModule: 'site.settings', importModule });
    await project.close();
  });

  it('explains that rendering needs a TEMPLATES entry', async () => {
    const example = exampleProject();
    const project = await setup({
      settings: await settingsOf(example, { TEMPLATES: [] }),
      baseDir: example.dir,
      settingsModule: 'site.settings',
      importModule: example.importModule,
    });
    await expect(project.templates()).rejects.toThrow('TEMPLATES is empty in site.settings');
    await project.close();
  });
});

describe('getAsgiApplication', () => {
  it('loads the project on lifespan startup, serves requests, and closes the databases on shutdown', async () => {
    const example = exampleProject();
    const app = getAsgiApplication({
      baseDir: example.dir,
      settingsModule: 'site.settings',
      importModule: example.importModule,
      env: { DATABASE_URL: example.databaseUrl },
    });
    const lifespan = runLifespan(app);
    await lifespan.startup();
    const response = await callHttp(app, { path: '/nowhere/', headers: { host: '127.0.0.1' } });
    expect(response.status).toBe(404);
    expect(new TextDecoder().decode(response.body)).toContain('Page not found');
    await lifespan.shutdown();
  });
});

describe('bundledImporter', () => {
  it('finds bundled modules by dotted name or path, and names the bundled ones when one is missing', async () => {
    const importModule = bundledImporter('/srv/site', { 'site.settings': async () => ({ default: 1 }), 'notes.models': async () => ({ Note: 2 }) });
    expect(await importModule('site.settings')).toEqual({ default: 1 });
    expect(await importModule('/srv/site/notes/models.ts')).toEqual({ Note: 2 });
    await expect(importModule('notes.views')).rejects.toThrow(ModuleNotBundledError);
    await expect(importModule('notes.views')).rejects.toThrow(
      "The module 'notes.views' is not part of this build. Bundled project modules: site.settings, notes.models.",
    );
  });
});

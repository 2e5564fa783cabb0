import path from 'node:path';
import type { AppConfig, TemplateBackendSettings } from '@manouche/contracts';
import { describe, expect, it } from 'vitest';
import { TemplateConfigurationError, createTemplateEngine, registerContextProcessor, templateEngineFromSettings } from '../src/index.js';
import { templateFolder } from './template-folder.js';

describe('context processors', () => {
  it('adds each processor’s variables when a request is given, the view’s context winning', async () => {
    const engine = createTemplateEngine({
      contextProcessors: [(request) => ({ path: (request as { path: string }).path, who: 'processor' }), async () => ({ later: 'async' })],
    });
    const source = '<%= it.path %> <%= it.who %> <%= it.later %>';
    expect(await engine.renderString(source, { who: 'view' }, { path: '/blog/' })).toBe('/blog/ view async');
    expect(await engine.renderString(source, { who: 'view' })).toBe(' view ');
  });

  it('runs processors registered on the engine and process-wide after the configured ones', async () => {
    const engine = createTemplateEngine({ contextProcessors: [() => ({ order: 'configured' })] });
    engine.registerContextProcessor(() => ({ order: 'engine', engineOnly: 1 }));
    registerContextProcessor(() => ({ siteName: 'Manouche' }));
    expect(await engine.renderString('<%= it.order %> <%= it.engineOnly %> <%= it.siteName %>', {}, {})).toBe('engine 1 Manouche');
    expect(() => engine.registerContextProcessor('nope' as never)).toThrow(TemplateConfigurationError);
  });
});

describe('context values', () => {
  it('awaits promises and other thenables (such as querysets) at the top level of the context', async () => {
    const queryset = { then: (resolve: (rows: string[]) => void) => resolve(['a', 'b']) };
    const engine = createTemplateEngine();
    expect(await engine.renderString('<%= it.posts.join() %> <%= it.count %>', { posts: queryset, count: Promise.resolve(2) })).toBe('a,b 2');
  });

  it('makes url(), static() and other globals callable in every template', async () => {
    const engine = createTemplateEngine({
      globals: {
        url: (name, args) => `/${name.replace(':', '/')}/${Array.isArray(args) ? args.join('/') : Object.values(args ?? {}).join('/')}`,
        static: (file) => `/static/${file}`,
        siteName: 'Blog',
        'not an identifier': 1,
      },
    });
    expect(await engine.renderString(`<%= url('blog:post', { slug: 'x' }) %> <%= url('blog:year', [2026]) %> <%= static('site.css') %> <%= siteName %>`)).toBe(
      '/blog/post/x /blog/year/2026 /static/site.css Blog',
    );
  });
});

describe('templateEngineFromSettings()', () => {
  const base = templateFolder({ 'templates/base.html': 'project: <%= it.debug %> <%= it.request?.path %> <%= it.extra %>' });
  const blog = templateFolder({ 'blog/post/list.html': 'blog list' });
  const apps = [
    { name: 'blog', label: 'blog', path: path.dirname(blog), verboseName: 'Blog', templatesDir: blog, migrationsDir: '' },
    { name: 'nodir', label: 'nodir', path: '/x', verboseName: 'No dir', migrationsDir: '' },
  ] as AppConfig[];
  const entry = (overrides: Partial<TemplateBackendSettings> = {}): TemplateBackendSettings => ({
    BACKEND: 'manouche.templates',
    DIRS: ['templates'],
    APP_DIRS: true,
    OPTIONS: { contextProcessors: ['manouche.templates.context_processors.debug', 'django.template.context_processors.request'] },
    ...overrides,
  });

  it('resolves DIRS against BASE_DIR, adds app folders for APP_DIRS and runs the built-in processors', async () => {
    const engine = templateEngineFromSettings(entry(), { baseDir: base, appConfigs: apps, debug: true });
    expect(engine.dirs).toEqual([path.join(base, 'templates'), blog]);
    expect(await engine.render('base.html', {}, { path: '/p/' })).toBe('project: true /p/ ');
    expect(await engine.render('blog/post/list.html')).toBe('blog list');
    const quiet = templateEngineFromSettings(entry({ APP_DIRS: false }), { baseDir: base, appConfigs: apps, debug: false });
    expect(quiet.exists('blog/post/list.html')).toBe(false);
    expect(await quiet.render('base.html', {}, { path: '/p/' })).toBe('project:  /p/ ');
  });

  it('loads other processors by dotted name through importModule, once', async () => {
    const imported: string[] = [];
    const engine = templateEngineFromSettings(entry({ OPTIONS: { context_processors: ['blog.context_processors.extra'] } }), {
      baseDir: base,
      importModule: async (name) => {
        imported.push(name);
        return { extra: () => ({ extra: 'from blog' }) };
      },
    });
    expect(await engine.render('base.html', {}, {})).toBe('project:   from blog');
    expect(await engine.render('base.html', {}, {})).toBe('project:   from blog');
    expect(imported).toEqual(['blog.context_processors']);
  });

  it('names the setting when a processor cannot be loaded', async () => {
    const missingExport = templateEngineFromSettings(entry({ OPTIONS: { contextProcessors: ['blog.cp.nothing'] } }), {
      baseDir: base,
      importModule: () => ({}),
    });
    await expect(missingExport.render('base.html', {}, {})).rejects.toThrow(
      'TEMPLATES OPTIONS.contextProcessors[0]: context processor "blog.cp.nothing" not found: module "blog.cp" exports no function named "nothing"',
    );
    const failing = templateEngineFromSettings(entry({ OPTIONS: { contextProcessors: ['blog.cp.x'] } }), {
      baseDir: base,
      importModule: () => Promise.reject(new Error('Cannot find module')),
    });
    await expect(failing.render('base.html', {}, {})).rejects.toThrow('module "blog.cp" failed to import (Cannot find module)');
  });

  it('rejects wrong entries with messages naming the setting', () => {
    const context = { baseDir: base };
    expect(() => templateEngineFromSettings(entry({ BACKEND: 'django.template.backends.django.DjangoTemplates' }), context)).toThrow(
      'TEMPLATES: BACKEND "django.template.backends.django.DjangoTemplates" is not this engine: expected one of "manouche.templates", "@manouche/templates".',
    );
    expect(() => templateEngineFromSettings(entry({ OPTIONS: { loaders: [] } }), context)).toThrow('unknown OPTIONS key "loaders"');
    expect(() => templateEngineFromSettings(entry({ OPTIONS: { autoescape: 'yes' } }), context)).toThrow('OPTIONS.autoescape must be true or false');
    expect(() => templateEngineFromSettings(entry({ OPTIONS: { contextProcessors: 'x' as never } }), context)).toThrow('must be a list of dotted names');
    expect(() => templateEngineFromSettings(entry({ OPTIONS: { contextProcessors: ['nodots'] } }), context)).toThrow(
      'TEMPLATES OPTIONS.contextProcessors[0]: "nodots" is not a dotted name',
    );
    expect(() => templateEngineFromSettings(entry({ OPTIONS: { contextProcessors: ['blog.cp.x'] } }), context)).toThrow('was given no importModule');
  });

  it('honours OPTIONS.autoescape', async () => {
    const engine = templateEngineFromSettings(entry({ OPTIONS: { autoescape: false } }), { baseDir: base });
    expect(await engine.renderString('<%= it.v %>', { v: '<b>' })).toBe('<b>');
  });
});

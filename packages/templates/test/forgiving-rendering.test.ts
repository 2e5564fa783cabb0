import { describe, expect, it } from 'vitest';
import { TemplateRenderError, TemplateSyntaxError, createTemplateEngine, templateEngineFromSettings, type InvalidVariable } from '../src/index.js';
import { templateFolder } from './template-folder.js';

const engine = createTemplateEngine();
const render = (source: string, context: Record<string, unknown> = {}) => engine.renderString(source, context);

describe('member chains on missing values', () => {
  it('print nothing in an output tag, as Django prints an invalid variable', async () => {
    const html = await render('[<%= it.missing.attr %>|<%= it.user.profile.name %>|<%= it.items[3].title %>|<%~ it.user.profile.bio %>]', {
      user: { profile: null },
      items: [],
    });
    expect(html).toBe('[|||]');
  });

  it('are false in a condition and give no iteration in a loop', async () => {
    const source = `<% if (it.user.profile.name) { %>named<% } else { %>anonymous<% } %>|<% for (const tag of it.post.tags) { %><%= tag %><% } %>|<%= it.user.profile.name ? 'y' : 'n' %>`;
    expect(await render(source, { user: {} })).toBe('anonymous||n');
  });

  it('still lets templates assign to members, construct objects and use tagged templates', async () => {
    const source = `<% const counter = { n: 1 }; counter.n += 1; counter.n++; const d = new Date(Date.UTC(2026, 0, 2)); const tag = (s) => s.raw[0]; %><%= counter.n %> <%= d.getUTCDate() %> <%= tag\`a\\\\b\` %>`;
    expect(await render(source)).toBe('3 2 a\\\\b');
  });

  it('still throws for a call of a function that does not exist (a misspelt filter)', async () => {
    const error = (await render('<%= f.truncatewordz(it.x, 2) %>').catch((e: unknown) => e)) as TemplateRenderError;
    expect(error).toBeInstanceOf(TemplateRenderError);
    expect(error.message).toContain('truncatewordz is not a function');
  });

  it('throw a TypeError naming the line in strict mode, the old behaviour', async () => {
    const strict = createTemplateEngine({ strict: true });
    const error = (await strict.renderString('a\n<%= it.user.profile.name %>', { user: {} }).catch((e: unknown) => e)) as TemplateRenderError;
    expect(error).toBeInstanceOf(TemplateRenderError);
    expect(error.line).toBe(2);
    expect(error.message).toContain("TypeError: Cannot read properties of undefined (reading 'name')");
    expect(await strict.renderString('<%= it.user?.profile %>', {})).toBe('');
  });

  it('take strict mode from TEMPLATES OPTIONS.strict and reject a value that is not a boolean', async () => {
    const entry = { BACKEND: 'manouche.templates', DIRS: [], APP_DIRS: false, OPTIONS: { strict: true } as Record<string, unknown> };
    const fromSettings = templateEngineFromSettings(entry, { baseDir: '/' });
    await expect(fromSettings.renderString('<%= it.a.b %>')).rejects.toThrow("Cannot read properties of undefined (reading 'b')");
    expect(() => templateEngineFromSettings({ ...entry, OPTIONS: { strict: 'yes' } }, { baseDir: '/' })).toThrow(
      'OPTIONS.strict must be true or false, got "yes"',
    );
  });
});

describe('debug warnings for invalid variables', () => {
  it('name the template, line and expression of each value that is undefined', async () => {
    const warnings: InvalidVariable[] = [];
    const dir = templateFolder({ 'page.html': `<p>\n<%= it.user.profile.name %>\n<% if (it.post.title) { %>t<% } %>\n<%= it.ok %></p>` });
    const debug = createTemplateEngine({ dirs: [dir], debug: true, onInvalidVariable: (w) => warnings.push(w) });
    expect(await debug.render('page.html', { post: {}, ok: 'fine' })).toBe('<p>\n\nfine</p>');
    expect(warnings.map((w) => [w.templateName, w.line, w.expression])).toEqual([
      ['page.html', 2, 'it.user.profile.name'],
      ['page.html', 3, 'it.post.title'],
    ]);
    expect(warnings[0]?.message).toContain(`Invalid variable in template "page.html" at ${dir}/page.html:2: it.user.profile.name is undefined`);
  });

  it('are Node.js warnings by default, once per line and expression, and absent when debug is off', async () => {
    const seen: Error[] = [];
    const listener = (warning: Error) => seen.push(warning);
    process.on('warning', listener);
    try {
      const debug = createTemplateEngine({ debug: true });
      await debug.renderString('<%= it.nope.x %>');
      await debug.renderString('<%= it.nope.x %>');
      await engine.renderString('<%= it.quiet.x %>');
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', listener);
    }
    const ours = seen.filter((w) => (w as { code?: string }).code === 'MANOUCHE_TEMPLATE_INVALID_VARIABLE');
    expect(ours.map((w) => w.message)).toEqual([
      `Invalid variable in template "<string>" at <string>:1: it.nope.x is undefined, so it renders as '' and is false in a condition (set OPTIONS.strict to make it throw)`,
    ]);
    expect(ours[0]?.name).toBe('TemplateWarning');
  });
});

describe('callables in output tags', () => {
  const user = {
    first: 'Django',
    last: 'Reinhardt',
    fullName() {
      return `${this.first} ${this.last}`;
    },
  };

  it('calls a function with no arguments, with its object as this, instead of printing its source', async () => {
    expect(await render('<%= it.user.fullName %>|<%= it.greet %>|<%= it.user["fullName"] %>|<%~ it.user.fullName %>', { user, greet: () => '<hi>' })).toBe(
      'Django Reinhardt|&lt;hi&gt;|Django Reinhardt|Django Reinhardt',
    );
  });

  it('does not call functions marked altersData (Django’s alters_data)', async () => {
    let deleted = false;
    const remove = Object.assign(
      () => {
        deleted = true;
      },
      { altersData: true },
    );
    expect(await render('[<%= it.post.delete %>]', { post: { delete: remove } })).toBe('[]');
    expect(deleted).toBe(false);
  });

  it('explains a function that returns a Promise, and that awaiting its call in the tag works', async () => {
    const post = { load: async () => 1 };
    const error = (await render('<%= it.post.load %>', { post }).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('"load" an output tag called returned a Promise: write the call with await in the tag, as in `<%= await ….load() %>`');
    expect(await render('<%= await it.post.load() %>', { post })).toBe('1');
  });

  it('lets a block write block.super without parentheses, as Django’s {{ block.super }}', async () => {
    const dir = templateFolder({
      'base.html': `<% block('title', () => { %>Site<% }) %>`,
      'child.html': `<% extend('base.html') %><% block('title', () => { %>Page | <%= block.super %><% }) %>`,
    });
    expect(await createTemplateEngine({ dirs: [dir] }).render('child.html')).toBe('Page | Site');
  });
});

describe('the context stack around blocks and includes', () => {
  const dir = templateFolder({
    'list-base.html': `<ul><% for (const [i, post] of it.posts.entries()) { %><% block('item', () => { %><li><%= post.title %></li><% }) %><% } %></ul>`,
    'list.html': `<% extend('list-base.html') %><% block('item', () => { %><li><%= it.i + 1 %>. <%= it.post.title %> (<%= block.super() %>)</li><% }) %>`,
    'bare.html': `<% extend('list-base.html') %>
<% block('item', () => { %><%= post.title %><% }) %>`,
    'includer.html': `<% const site = 'blog' %><% it.posts.forEach((post) => { %><% include('card.html') %><% }) %>`,
    'card.html': `[<%= it.site %>:<%= it.post.title %>]`,
    'bare-card.html': `<%= post.title %>`,
    'bare-includer.html': `<% for (const post of it.posts) { %><% include('bare-card.html') %><% } %>`,
    'base.html': `<title><% block('title', () => { %>Site<% }) %></title><main><% block('content') %></main>`,
    'conditional.html': `<% extend('base.html') %>
<% if (it.never) { %>
<% block('title', () => { %>Conditional<% }) %>
<% } %>
<% for (const x of []) { %><% block('content', () => { %>looped<% }) %><% } %>`,
    'looped.html': `<% extend('base.html') %><% for (const x of [1, 2, 3]) { %><% block('content', () => { %>once<% }) %><% } %>`,
  });
  const folder = createTemplateEngine({ dirs: [dir] });
  const posts = [{ title: 'A' }, { title: 'B' }];

  it('lets a block override read the loop variables of the layout’s loop around the block as it.<name>', async () => {
    expect(await folder.render('list.html', { posts })).toBe('<ul><li>1. A (<li>A</li>)</li><li>2. B (<li>B</li>)</li></ul>');
  });

  it('says to write it.<name> when a block override reads a layout’s loop variable by its bare name', async () => {
    const error = (await folder.render('bare.html', { posts }).catch((e: unknown) => e)) as TemplateRenderError;
    expect(error).toBeInstanceOf(TemplateRenderError);
    expect(error.templateName).toBe('bare.html');
    expect(error.line).toBe(2);
    expect(error.message).toContain(
      '"post" is a variable of the layout around this block (a loop variable): a block override reads it from the context as it.post',
    );
  });

  it('gives an include inside a loop the loop variable and the constants around it', async () => {
    expect(await folder.render('includer.html', { posts })).toBe('[blog:A][blog:B]');
  });

  it('says to write it.<name> when an included template reads the includer’s loop variable by its bare name', async () => {
    const error = (await folder.render('bare-includer.html', { posts }).catch((e: unknown) => e)) as TemplateRenderError;
    expect(error.templateName).toBe('bare-card.html');
    expect(error.message).toContain('an included template reads it from the context as it.post');
  });

  it('registers a child’s block inside a false if or a loop that never runs, as Django does', async () => {
    expect(await folder.render('conditional.html', { never: false })).toBe('<title>Conditional</title><main>looped</main>');
  });

  it('registers a child’s block inside a loop once', async () => {
    expect(await folder.render('looped.html')).toBe('<title>Site</title><main>once</main>');
  });
});

describe('unclosed brackets', () => {
  it('are reported at the line of the tag that opens them', async () => {
    const source = 'a\n<% for (const x of it.xs) { %>\n<% if (x) { %>\nb\n<% } %>\nc\nd';
    const error = (await render(source).catch((e: unknown) => e)) as TemplateSyntaxError;
    expect(error).toBeInstanceOf(TemplateSyntaxError);
    expect(error.line).toBe(2);
    expect(error.message).toContain('the "{" opened here is never closed');
    const paren = (await render('x\n<% block("a", () => { %>\ny\n<% } %>').catch((e: unknown) => e)) as TemplateSyntaxError;
    expect(paren.line).toBe(2);
    expect(paren.message).toContain('the "(" opened here is never closed');
  });
});

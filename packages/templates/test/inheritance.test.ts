import { describe, expect, it } from 'vitest';
import { TemplateDoesNotExist, TemplateSyntaxError, createTemplateEngine } from '../src/index.js';
import { templateFolder } from './template-folder.js';

const squash = (html: string) => html.replace(/\s+/g, ' ').trim();

const base = `<title><% block('title', () => { %>Site<% }) %></title>
<main><% block('content') %></main>
<aside><% block('sidebar', () => { %>base sidebar<% }) %></aside>`;

describe('extend() and block()', () => {
  const dir = templateFolder({
    'base.html': base,
    'child.html': `<% extend('base.html') %>
text outside blocks is ignored
<% block('title', () => { %><%= it.title %><% }) %>
<% block('content', () => { %>child content<% }) %>`,
    'super.html': `<% extend('base.html') %>
<% block('title', () => { %><%= it.title %> | <%= block.super() %><% }) %>
<% block('sidebar', () => { %>extra, <%~ block.super() %><% }) %>`,
    'section.html': `<% extend('base.html') %>
<% block('title', () => { %>Section | <%= block.super() %><% }) %>
<% block('content', () => { %><section><% block('section_body', () => { %>section default<% }) %></section><% }) %>
<% block('sidebar', () => { %>section sidebar<% }) %>`,
    'page.html': `<% extend('section.html') %>
<% block('title', () => { %>Page | <%= block.super() %><% }) %>
<% block('section_body', () => { %>page body, was: <%= block.super() %><% }) %>`,
    'deep.html': `<% extend('page.html') %>
<% block('sidebar', () => { %>deep, then <%= block.super() %><% }) %>`,
    'dynamic.html': `<% extend(it.layout) %><% block('content', () => { %>dynamic<% }) %>`,
  });
  const engine = createTemplateEngine({ dirs: [dir] });

  it('fills the parent’s blocks with the child’s and keeps the defaults of the others', async () => {
    const html = await engine.render('child.html', { title: 'Hello' });
    expect(squash(html)).toBe('<title>Hello</title> <main>child content</main> <aside>base sidebar</aside>');
  });

  it('ignores what a child writes outside its blocks, as Django does', async () => {
    expect(await engine.render('child.html', { title: 'x' })).not.toContain('outside');
  });

  it('renders the parent’s block content where block.super() is called', async () => {
    const html = await engine.render('super.html', { title: 'Post' });
    expect(squash(html)).toBe('<title>Post | Site</title> <main></main> <aside>extra, base sidebar</aside>');
  });

  it('works several levels deep, each level reaching the one above with block.super()', async () => {
    const html = await engine.render('page.html', {});
    expect(squash(html)).toBe(
      '<title>Page | Section | Site</title> <main><section>page body, was: section default</section></main> <aside>section sidebar</aside>',
    );
    const deeper = await engine.render('deep.html', {});
    expect(squash(deeper)).toContain('<aside>deep, then section sidebar</aside>');
    expect(squash(deeper)).toContain('<title>Page | Section | Site</title>');
  });

  it('takes the parent’s name from the context', async () => {
    expect(squash(await engine.render('dynamic.html', { layout: 'base.html' }))).toContain('<main>dynamic</main>');
  });

  it('renders a template given as a string that extends a file template', async () => {
    const html = await engine.renderString(`<% extend('base.html') %><% block('content', () => { %>from a string<% }) %>`);
    expect(squash(html)).toContain('<main>from a string</main>');
  });

  it('renders blocks of a template that extends nothing in place', async () => {
    expect(squash(await engine.render('base.html'))).toBe('<title>Site</title> <main></main> <aside>base sidebar</aside>');
  });
});

describe('include()', () => {
  const dir = templateFolder({
    'list.html': `<ul><% for (const post of it.posts) { %><% include('partials/item.html', { post }) %><% } %></ul>`,
    'partials/item.html': `<li><%= it.post.title %> (<%= it.site %>)</li>`,
    'only.html': `<% include('partials/item.html', { post: it.posts[0] }, { only: true }) %>`,
    'raw-tag.html': `<%~ include('partials/item.html', { post: it.posts[0] }) %>|<%= include('partials/item.html', { post: it.posts[0] }) %>`,
    'layout.html': `[<% block('body') %>]`,
    'inc-extends.html': `<% extend('layout.html') %><% block('body', () => { %>included <%= it.post.title %><% }) %>`,
    'uses-extending.html': `<% extend('layout.html') %><% block('body', () => { %>outer, <% include('inc-extends.html', { post: { title: 'P' } }) %><% }) %>`,
    'missing-include.html': `line 1
<% include('partials/nope.html') %>`,
  });
  const engine = createTemplateEngine({ dirs: [dir] });
  const posts = [{ title: 'One' }, { title: 'Two' }];

  it('renders another template in place with the current context plus its own data', async () => {
    expect(await engine.render('list.html', { posts, site: 'blog' })).toBe('<ul><li>One (blog)</li><li>Two (blog)</li></ul>');
  });

  it('passes only the given data with { only: true }', async () => {
    expect(await engine.render('only.html', { posts, site: 'blog' })).toBe('<li>One ()</li>');
  });

  it('outputs the same thing from <% %>, <%~ %> and <%= %> tags', async () => {
    expect(await engine.render('raw-tag.html', { posts, site: 's' })).toBe('<li>One (s)</li>|<li>One (s)</li>');
  });

  it('lets an included template extend its own layout without mixing its blocks with the includer’s', async () => {
    expect(await engine.render('uses-extending.html')).toBe('[outer, [included P]]');
  });

  it('names the including template and line when the included one is missing', async () => {
    const error = await engine.render('missing-include.html').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemplateDoesNotExist);
    expect((error as TemplateDoesNotExist).code).toBe('MANOUCHE_TEMPLATE_DOES_NOT_EXIST');
    expect((error as Error).message).toContain('Template "partials/nope.html" does not exist');
    expect((error as Error).message).toContain(`requested from ${dir}/missing-include.html:2`);
    expect((error as TemplateDoesNotExist).line).toBe(2);
  });
});

describe('inheritance mistakes', () => {
  const dir = templateFolder({
    'base.html': base,
    'twice.html': `<% extend('base.html') %>\n<% extend('base.html') %>`,
    'late.html': `<% block('title', () => { %>x<% }) %>\n<% extend('base.html') %>`,
    'dup.html': `<% extend('base.html') %>\n<% block('title', () => { %>a<% }) %>\n<% block('title', () => { %>b<% }) %>`,
    'a.html': `<% extend('b.html') %>`,
    'b.html': `<% extend('a.html') %>`,
    'orphan.html': `\n\n<% extend('missing-base.html') %>`,
    'bad-block.html': `<% block(42) %>`,
    'super-outside.html': `<%= block.super() %>`,
  });
  const engine = createTemplateEngine({ dirs: [dir] });
  const failure = (name: string) =>
    engine.render(name).then(
      () => expect.unreachable(`${name} rendered`),
      (e: unknown) => e as Error & { line?: number; code?: string },
    );

  it('rejects a second extend()', async () => {
    const error = await failure('twice.html');
    expect(error).toBeInstanceOf(TemplateSyntaxError);
    expect(error.message).toContain('extend() is called twice');
    expect(error.line).toBe(2);
  });

  it('rejects extend() after a block()', async () => {
    const error = await failure('late.html');
    expect(error.message).toContain('extend("base.html") must come before any block()');
    expect(error.line).toBe(2);
  });

  it('rejects a block defined twice in one child', async () => {
    const error = await failure('dup.html');
    expect(error.message).toContain('block "title" is defined more than once');
    expect(error.line).toBe(3);
  });

  it('detects an inheritance cycle', async () => {
    expect((await failure('a.html')).message).toContain('inheritance cycle: "a.html" extends "b.html" extends "a.html"');
  });

  it('lists the paths tried for a missing parent and names the child’s extend() line', async () => {
    const error = await failure('orphan.html');
    expect(error).toBeInstanceOf(TemplateDoesNotExist);
    expect(error.message).toContain(`${dir}/missing-base.html (not found)`);
    expect(error.message).toContain(`requested from ${dir}/orphan.html:3`);
  });

  it('rejects a block without a name', async () => {
    expect((await failure('bad-block.html')).message).toContain('block() needs a name, got 42');
  });

  it('rejects block.super() outside a block', async () => {
    expect((await failure('super-outside.html')).message).toContain('block.super() can only be used inside a block() body');
  });
});

describe('the block(), include() and extend() helpers a template gets', () => {
  const dir = templateFolder({
    'part.html': `part for <%= it.who %>`,
    'plain.html': `<p><%= it.who %></p>`,
    'by-eval.html': `<% eval('incl' + "ude('part.html')") %>`,
    'layout-without-blocks.html': `<header>no blocks here</header>`,
    'child-of-plain.html': `<% extend('layout-without-blocks.html') %><% block('content', () => { %>unused<% }) %>`,
  });
  const engine = createTemplateEngine({ dirs: [dir] });

  it('renders a template that names none of them', async () => {
    expect(await engine.render('plain.html', { who: 'Django' })).toBe('<p>Django</p>');
  });

  it('still gives include() to a template that reaches it only through eval', async () => {
    expect(await engine.render('by-eval.html', { who: 'Django' })).toBe('part for Django');
  });

  it('fills a layout that calls no block() with nothing from the child', async () => {
    expect(await engine.render('child-of-plain.html', {})).toBe('<header>no blocks here</header>');
  });
});

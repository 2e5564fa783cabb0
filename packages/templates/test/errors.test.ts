import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemplateRenderError, TemplateSyntaxError, createTemplateEngine } from '../src/index.js';
import { templateFolder } from './template-folder.js';

describe('errors name the template file and line', () => {
  const dir = templateFolder({
    'base.html': `<!DOCTYPE html>
<title><% block('title') %></title>
<body>
<% block('content') %>
<footer><%= it.site.name.toUpperCase() %></footer>
</body>`,
    'child.html': `<% extend('base.html') %>
<% block('title', () => { %>Posts<% }) %>
<% block('content', () => { %>
  <ul>
  <% for (const post of it.posts) { %>
    <li><%= post.author.name %></li>
  <% } %>
  </ul>
<% }) %>`,
    'unclosed-tag.html': `line 1
line 2 <%= it.x
line 3`,
    'bad-js.html': `line 1
<% if (it.x { %>
  yes
<% } %>`,
    'filter-error.html': `a
b
<%= f.wordwrap(it.text, 'lots') %>`,
    'includer.html': `first
<% include('broken-partial.html') %>`,
    'broken-partial.html': `ok
ok
<%= it.nothing.here %>`,
    'throws.html': `<% throw 'plain string' %>`,
    'multi-line-code.html': `<h1>x</h1>
<%
  const first = it.a;
  const second = it.a.b.c;
%>`,
  });
  // Strict mode: a member chain on a missing value throws, as plain JavaScript does (the default forgives it like Django).
  const engine = createTemplateEngine({ dirs: [dir], strict: true });
  const failure = (name: string, context: Record<string, unknown> = {}) =>
    engine.render(name, context).then(
      () => expect.unreachable(`${name} rendered`),
      (e: unknown) => e as TemplateRenderError,
    );

  it('points at the child template’s line for an error inside its block', async () => {
    const error = await failure('child.html', { posts: [{ author: null }], site: { name: 'x' } });
    expect(error).toBeInstanceOf(TemplateRenderError);
    expect(error.code).toBe('MANOUCHE_TEMPLATE_RENDER_ERROR');
    expect(error.templateName).toBe('child.html');
    expect(error.templatePath).toBe(path.join(dir, 'child.html'));
    expect(error.line).toBe(6);
    expect(error.message).toContain(`${path.join(dir, 'child.html')}:6`);
    expect(error.message).toContain("TypeError: Cannot read properties of null (reading 'name')");
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('points at the base template’s line for an error in the layout', async () => {
    const error = await failure('child.html', { posts: [] });
    expect(error.templateName).toBe('base.html');
    expect(error.line).toBe(5);
    expect(error.message).toContain(`Error rendering template "base.html" at ${path.join(dir, 'base.html')}:5`);
  });

  it('points at the included template’s line for an error in an include', async () => {
    const error = await failure('includer.html');
    expect(error.templateName).toBe('broken-partial.html');
    expect(error.line).toBe(3);
  });

  it('points at the line of a filter that rejects its arguments', async () => {
    const error = await failure('filter-error.html', { text: 'a b' });
    expect(error.line).toBe(3);
    expect(error.message).toContain('wordwrap() needs a number as its width, got "lots"');
  });

  it('reports an unclosed tag as a syntax error with its line', async () => {
    const error = (await failure('unclosed-tag.html')) as unknown as TemplateSyntaxError;
    expect(error).toBeInstanceOf(TemplateSyntaxError);
    expect(error.code).toBe('MANOUCHE_TEMPLATE_SYNTAX_ERROR');
    expect(error.line).toBe(2);
    expect(error.message).toContain(`Syntax error in template "unclosed-tag.html" at ${path.join(dir, 'unclosed-tag.html')}:2`);
    expect(error.message).toContain('unclosed tag');
  });

  it('reports invalid JavaScript in a tag as a syntax error with its line', async () => {
    const error = (await failure('bad-js.html')) as unknown as TemplateSyntaxError;
    expect(error).toBeInstanceOf(TemplateSyntaxError);
    expect(error.line).toBe(2);
    expect(error.message).toContain('bad-js.html:2');
  });

  it('explains an unclosed brace, a stray closing brace and an empty output tag', async () => {
    const message = async (source: string) => (await engine.renderString(source).catch((e: unknown) => e)) as TemplateSyntaxError;
    const unclosed = await message('a\n<% if (it.x) { %>\nb\nc');
    expect(unclosed.message).toContain('the "{" opened here is never closed: close it with <% } %>');
    expect(unclosed.line).toBe(2);
    const stray = await message('a\n<% } %>\nb');
    expect(stray.message).toContain('a "}" in a tag closes a bracket that no earlier tag opened');
    expect(stray.line).toBe(2);
    const empty = await message('a\n\n<%= %>');
    expect(empty.message).toContain('empty output tag');
    expect(empty.line).toBe(3);
  });

  it('reports the line of a syntax error in a template given as a string', async () => {
    const error = (await engine.renderString('one\ntwo\n<% } %>').catch((e: unknown) => e)) as TemplateSyntaxError;
    expect(error).toBeInstanceOf(TemplateSyntaxError);
    expect(error.templateName).toBe('<string>');
    expect(error.line).toBe(3);
  });

  it('points at the exact line inside a code tag that spans several lines', async () => {
    const error = await failure('multi-line-code.html', { a: {} });
    expect(error.line).toBe(4);
    expect(error.message).toContain('multi-line-code.html:4');
  });

  it('describes values thrown that are not errors', async () => {
    expect((await failure('throws.html')).message).toContain('thrown value "plain string"');
  });

  it('says how to inject url() when it was not given to the engine', async () => {
    const error = (await engine.renderString(`<%= url('blog:post_list') %>`).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('url("blog:post_list") is not available: the template engine was created without a "url" global');
  });
});

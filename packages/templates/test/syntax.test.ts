import { describe, expect, it } from 'vitest';
import { createTemplateEngine } from '../src/index.js';

const engine = createTemplateEngine();

describe('template syntax', () => {
  it('swallows the newline after a code tag but keeps the one after an output tag', async () => {
    const source = '<ul>\n<% for (const x of it.xs) { %>\n  <li><%= x %></li>\n<% } %>\n</ul>\n<%= it.a %>\n<%~ it.b %>\nend';
    expect(await engine.renderString(source, { xs: [1, 2], a: 'A', b: 'B' })).toBe('<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>\nA\nB\nend');
  });

  it('supports eta’s explicit whitespace control', async () => {
    expect(await engine.renderString('a   <%_ if (true) { _%>   b   <%_ } _%>   c')).toBe('abc');
    expect(await engine.renderString('x\n<%- = it.v -%>\ny', { v: 1 })).toBe('x1y');
  });

  it('keeps text with quotes, backslashes and template-literal characters as written', async () => {
    const text = `It's "quoted" \\ back\\nslash \${not} \`tick\``;
    expect(await engine.renderString(text)).toBe(text);
  });

  it('runs any JavaScript in code tags, including callbacks and locals', async () => {
    const source = `<% const total = it.items.reduce((sum, i) => sum + i.price, 0) %><%= it.items.map((i) => i.name).join(', ') %>: <%= total %>`;
    expect(
      await engine.renderString(source, {
        items: [
          { name: 'a', price: 1 },
          { name: 'b', price: 2 },
        ],
      }),
    ).toBe('a, b: 3');
  });

  it('allows // comments at the end of a tag’s code', async () => {
    expect(await engine.renderString(`<% const x = 2 // two %><%= x * 2 // four %>`)).toBe('4');
  });

  it('treats a code tag that opens a brace as the start of a block of the template', async () => {
    expect(await engine.renderString(`<% if (it.n > 1) { %>many<% } else { %>one<% } %>`, { n: 2 })).toBe('many');
    expect(await engine.renderString(`<% if (it.n > 1) { %>many<% } else { %>one<% } %>`, { n: 1 })).toBe('one');
  });

  it('runs the README’s translations of Django tags', async () => {
    const cheat = createTemplateEngine({
      timeZone: 'UTC',
      globals: { url: (name: string, args?: unknown) => `${name}/${JSON.stringify(args)}`, static: (p: string) => `/s/${p}` },
    });
    const source = [
      `<% /* a comment */ %>`,
      `<% it.posts.forEach((post, i) => { %><%= i + 1 %>. <%= post.title %> <%= url('blog:post_detail', [post.slug]) %>;<% }) %>`,
      `<% for (const post of []) { %>x<% } %><% if ([].length === 0) { %>empty<% } %>`,
      `<% if (it.posts.length > 0) { %>some<% } else { %>none<% } %>`,
      `<%= f.linebreaks(f.truncatewords(it.posts[0].body, 2)) %> <%= f.date(it.posts[0].publish, 'N j, Y') %> <%= static('css/blog.css') %> <%~ it.html %>`,
    ].join('\n');
    const posts = [
      { title: 'A', slug: 'a', body: 'one two three', publish: new Date('2026-02-03T00:00:00Z') },
      { title: 'B', slug: 'b', body: '', publish: null },
    ];
    expect(await cheat.renderString(source, { posts, html: '<b>' })).toBe(
      '1. A blog:post_detail/[&quot;a&quot;];2. B blog:post_detail/[&quot;b&quot;];emptysome<p>one two …</p> Feb. 3, 2026 /s/css/blog.css <b>',
    );
  });
});

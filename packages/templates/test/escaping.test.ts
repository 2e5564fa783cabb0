import { describe, expect, it } from 'vitest';
import { SafeString, createTemplateEngine, escapeHtml, isSafe, markSafe } from '../src/index.js';
import { templateFolder } from './template-folder.js';

const hostile = `<script>alert("x")</script>'&`;
const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#x27;&amp;';

describe('autoescape', () => {
  const dir = templateFolder({
    'base.html': `<title><% block('title', () => { %><%= it.evil %><% }) %></title><% block('content') %>`,
    'page.html': `<% extend('base.html') %>
<% block('title', () => { %><%= it.evil %> | <%= block.super() %><% }) %>
<% block('content', () => { %>
<p><%= it.evil %></p>
<a href="/x?q=<%= it.evil %>" title='<%= it.evil %>'>link</a>
<%= it.items[0] %>
<% include('part.html', { value: it.evil }) %>
<%= url('detail', { slug: it.evil }) %>
<%= static(it.evil) %>
<%= shout(it.evil) %>
<%= f.truncatewords(it.evil, 5) %>|<%= f.truncatechars(it.evil, 50) %>|<%= f.title(it.evil) %>|<%= f.upper(it.evil) %>|<%= f.lower(it.evil) %>
<%= f.default('', it.evil) %>|<%= f.capfirst(it.evil) %>|<%= f.yesno(true, it.evil + ',no') %>|<%= f.striptags(it.evil) %>
<% }) %>`,
    'part.html': `<i><%= it.value %></i>`,
  });
  const engine = createTemplateEngine({
    dirs: [dir],
    globals: {
      url: (_name: string, kwargs?: unknown) => `/posts/${(kwargs as { slug: string }).slug}/`,
      static: (p: string) => `/static/${p}`,
      shout: (s: string) => `${s}!`,
    },
  });

  it('escapes hostile strings in every output position: text, attributes, blocks, block.super(), includes, globals and filters', async () => {
    const html = await engine.render('page.html', { evil: hostile, items: [hostile] });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain(`"x"`);
    expect(html).toContain(`<title>${escaped} | ${escaped}</title>`);
    expect(html).toContain(`<p>${escaped}</p>`);
    expect(html).toContain(`<a href="/x?q=${escaped}" title='${escaped}'>link</a>`);
    expect(html).toContain(`<i>${escaped}</i>`);
    expect(html).toContain(`/posts/${escaped}/`);
    expect(html).toContain(`/static/${escaped}`);
    expect(html).toContain(`${escaped}!`);
    expect(html.split(escaped).length - 1).toBeGreaterThanOrEqual(10);
  });

  it('escapes through the HTML-producing filters and keeps their own markup', async () => {
    const render = (source: string) => engine.renderString(source, { evil: hostile });
    expect(await render(`<%= f.linebreaks(it.evil + '\\n\\nnext') %>`)).toBe(`<p>${escaped}</p>\n\n<p>next</p>`);
    expect(await render(`<%= f.linebreaksbr(it.evil + '\\nnext') %>`)).toBe(`${escaped}<br>next`);
    expect(await render(`<%= f.join([it.evil, 'b'], ' <&> ') %>`)).toBe(`${escaped} &lt;&amp;&gt; b`);
    expect(await render(`<%= f.urlize(it.evil + " https://e.com/?q=a&b=c's javascript:alert(1)") %>`)).toBe(
      `${escaped} <a href="https://e.com/?q=a&amp;b=c" rel="nofollow">https://e.com/?q=a&amp;b=c</a>&#x27;s javascript:alert(1)`,
    );
    expect(await render(`<%= f.json_script({ text: it.evil }, 'data"id') %>`)).toBe(
      `<script id="data&quot;id" type="application/json">{"text":"\\u003Cscript\\u003Ealert(\\"x\\")\\u003C/script\\u003E'\\u0026"}</script>`,
    );
  });

  it('never lets a hostile string through the HTML-aware filters Django added (XSS corpus)', async () => {
    const payloads = [
      hostile,
      `"><img src=x onerror=alert(1)>`,
      `<svg/onload=alert(1)>`,
      `javascript:alert(1)`,
      `http://e.com/"onmouseover="alert(1)`,
      `http://e.com/?q=<script>alert(1)</script>`,
      `www.e.com/'><script>alert(1)</script>`,
      `a@b.com"><script>alert(1)</script>`,
      `&lt;script&gt;alert(1)&lt;/script&gt;`,
      `<a href="javascript:alert(1)">x</a>`,
    ];
    const sources = [
      `<%= f.truncatechars_html(it.evil, 30) %>`,
      `<%= f.truncatewords_html(it.evil, 3) %>`,
      `<%= f.truncatechars_html(it.evil, 1000) %>`,
      `<%= f.unordered_list([it.evil, [it.evil, [it.evil]]]) %>`,
      `<%= f.urlize(it.evil) %>`,
      `<%= f.urlizetrunc(it.evil, 8) %>`,
      `<%= f.linenumbers(it.evil + '\\n' + it.evil) %>`,
      `<%= f.join(f.escapeseq([it.evil, it.evil]), '') %>`,
      `<%= f.striptags(it.evil) %>`,
      `<%= f.force_escape(it.evil) %>`,
      `<%= f.escape(it.evil) %>`,
      `<%= f.addslashes(it.evil) %>|<%= f.iriencode(it.evil) %>|<%= f.center(it.evil, 80) %>|<%= f.cut(it.evil, 'x') %>|<%= f.wordwrap(it.evil, 5) %>`,
      `<%= f.stringformat(it.evil, 's') %>|<%= f.pprint(it.evil) %>|<%= f.slice(it.evil, ':50') %>|<%= f.make_list(it.evil) %>`,
    ];
    for (const evil of payloads) {
      for (const source of sources) {
        const html = await engine.renderString(source, { evil });
        const where = `${source} with ${evil}`;
        expect(html, where).not.toMatch(/<(script|img|svg)/i);
        expect(html, where).not.toMatch(/<a [^>]*href="javascript:/i);
        expect(html, where).not.toMatch(/<[a-z][^>]*\son\w+\s*=/i);
      }
    }
    for (const evil of payloads) expect(await engine.renderString(`<%= f.escapejs(it.evil) %>`, { evil })).not.toMatch(/[<>"'&\n]/);
    // A safe input stays HTML, and what its entities decode to is escaped again.
    const safeInput = markSafe('<p>&lt;script&gt;alert(1)&lt;/script&gt; <b>bold</b></p>');
    expect(await engine.renderString(`<%= f.truncatewords_html(it.v, 1) %>`, { v: safeInput })).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; <b> …</b></p>');
    expect(await engine.renderString(`<%= f.truncatechars_html(it.v, 100) %>`, { v: safeInput })).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; <b>bold</b></p>',
    );
    expect(await engine.renderString(`<%= f.urlize(it.v) %>`, { v: markSafe('http://e.com/&quot;&gt;&lt;script&gt;') })).toBe(
      '<a href="http://e.com/%22%3E%3Cscript%3E" rel="nofollow">http://e.com/&quot;&gt;&lt;script&gt;</a>',
    );
  });

  it('outputs strings marked safe unchanged, with markSafe() in code or f.safe() in a template', async () => {
    expect(await engine.renderString('<%= it.html %>', { html: markSafe('<b>bold</b>') })).toBe('<b>bold</b>');
    expect(await engine.renderString('<%= f.safe(it.html) %>', { html: '<b>bold</b>' })).toBe('<b>bold</b>');
    expect(await engine.renderString('<%= f.force_escape(it.html) %>', { html: markSafe('<b>') })).toBe('&lt;b&gt;');
  });

  it('does not escape <%~ %> output', async () => {
    expect(await engine.renderString('<%~ it.html %>', { html: '<b>raw</b>' })).toBe('<b>raw</b>');
  });

  it('outputs null and undefined as nothing instead of "undefined"', async () => {
    expect(await engine.renderString('[<%= it.missing %>|<%= it.nothing %>|<%~ it.missing %>|<%= 0 %>]', { nothing: null })).toBe('[|||0]');
  });

  it('keeps safeness through filters that only change letters', async () => {
    expect(await engine.renderString('<%= f.upper(f.safe("<b>x</b>")) %>|<%= f.lower(f.safe("<B>X</B>")) %>')).toBe('&lt;B&gt;X&lt;/B&gt;|<b>x</b>');
  });

  it('can be turned off for an engine', async () => {
    const raw = createTemplateEngine({ autoescape: false });
    expect(await raw.renderString('<%= it.html %>|<%= f.linebreaksbr(it.html) %>', { html: '<b>' })).toBe('<b>|<b>');
  });
});

describe('safe strings', () => {
  it('marks, detects and escapes', () => {
    const safe = markSafe('<i>');
    expect(safe).toBeInstanceOf(SafeString);
    expect(isSafe(safe)).toBe(true);
    expect(isSafe('<i>')).toBe(false);
    expect(markSafe(safe)).toBe(safe);
    expect(String(safe)).toBe('<i>');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTemplateEngine, defaultFilters } from '../src/index.js';
import { templateFolder } from './template-folder.js';

// Django 4.2/5's built-in filters (length_is was removed in Django 5.1).
const djangoFilters = `add addslashes capfirst center cut date default default_if_none dictsort dictsortreversed divisibleby escape
escapejs escapeseq filesizeformat first floatformat force_escape get_digit iriencode join json_script last length length_is
linebreaks linebreaksbr linenumbers ljust lower make_list phone2numeric pluralize pprint random rjust safe safeseq slice
slugify stringformat striptags time timesince timeuntil title truncatechars truncatechars_html truncatewords
truncatewords_html unordered_list upper urlencode urlize urlizetrunc wordcount wordwrap yesno`.split(/\s+/);

describe('the README’s table of Django filters', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const rows = new Map<string, string>();
  for (const match of readme.matchAll(/^\| `(\w+)` \| ([^|]*) \|/gm)) rows.set(match[1] as string, match[2] as string);

  it('has a row for every one of Django’s built-in filters', () => {
    for (const name of djangoFilters) expect(rows.has(name), name).toBe(true);
  });

  it('marks as available exactly the filters the engine has', () => {
    for (const name of djangoFilters) {
      const marked = (rows.get(name) ?? '').startsWith('✓');
      expect(marked, name).toBe(typeof defaultFilters[name] === 'function');
    }
    expect(djangoFilters.filter((name) => typeof defaultFilters[name] !== 'function')).toEqual(['length_is']);
  });
});

describe('the README’s context-stack example', () => {
  it('renders a child’s block override that reads the layout’s loop variable as it.post', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const block = /```html\n\s*<!-- list-base\.html -->\n([\s\S]*?)\n\s*<!-- list\.html -->\n([\s\S]*?)\n\s*```/.exec(readme);
    expect(block).not.toBeNull();
    const dir = templateFolder({ 'list-base.html': (block?.[1] ?? '').trim(), 'list.html': (block?.[2] ?? '').trim() });
    const html = await createTemplateEngine({ dirs: [dir] }).render('list.html', { posts: [{ title: 'A' }, { title: '<B>' }] });
    expect(html.replace(/\s+/g, ' ').trim()).toBe('<li class="post">A</li><li class="post">&lt;B&gt;</li>');
  });
});

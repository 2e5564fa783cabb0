import { describe, expect, it } from 'vitest';
import { SafeString, TemplateConfigurationError, createTemplateEngine, formatDate, markSafe, registerFilter } from '../src/index.js';

const engine = createTemplateEngine({ timeZone: 'UTC' });
const f = (source: string, context: Record<string, unknown> = {}) => engine.renderString(source, context);

describe('date and time filters', () => {
  const when = new Date('2026-03-05T14:30:09Z');

  it('formats with Django’s format characters', () => {
    const cases: Array<[string, string]> = [
      ['N j, Y', 'March 5, 2026'],
      ['Y-m-d H:i', '2026-03-05 14:30'],
      ['D, d M Y', 'Thu, 05 Mar 2026'],
      ['l jS F y', 'Thursday 5th March 26'],
      ['g:i A', '2:30 PM'],
      ['h:i:s a', '02:30:09 p.m.'],
      ['P', '2:30 p.m.'],
      ['G H n m b E t L w W z', '14 14 3 03 mar March 31 False 4 10 64'],
      ['c', '2026-03-05T14:30:09+00:00'],
      ['r', 'Thu, 05 Mar 2026 14:30:09 +0000'],
      ['U', String(Math.floor(when.getTime() / 1000))],
      ['O Z e', '+0000 0 UTC'],
      ['\\Y\\e\\a\\r: Y', 'Year: 2026'],
    ];
    for (const [format, expected] of cases) expect(formatDate(when, format, 'UTC'), format).toBe(expected);
  });

  it('uses AP-style month abbreviations for N and suffixes for S', () => {
    expect(formatDate('2026-09-01', 'N', 'UTC')).toBe('Sept.');
    expect(formatDate('2026-06-11', 'N jS', 'UTC')).toBe('June 11th');
    expect(formatDate('2026-06-22', 'jS', 'UTC')).toBe('22nd');
    expect(formatDate('2026-06-23', 'jS', 'UTC')).toBe('23rd');
  });

  it('says noon and midnight in P', () => {
    expect(formatDate(new Date('2026-01-01T12:00:00Z'), 'P', 'UTC')).toBe('noon');
    expect(formatDate(new Date('2026-01-01T00:00:00Z'), 'P', 'UTC')).toBe('midnight');
  });

  it('converts to the engine’s time zone, daylight saving time included', () => {
    expect(formatDate(when, 'H:i O I', 'Europe/Paris')).toBe('15:30 +0100 0');
    expect(formatDate(new Date('2026-07-01T12:00:00Z'), 'Y-m-d H:i O Z I e', 'Europe/Paris')).toBe('2026-07-01 14:00 +0200 7200 1 Europe/Paris');
    expect(formatDate(new Date('2026-01-01T02:00:00Z'), 'Y-m-d H:i O', 'America/New_York')).toBe('2025-12-31 21:00 -0500');
  });

  it('keeps a YYYY-MM-DD date as that day in any time zone, and gives "" for invalid values', () => {
    expect(formatDate('2026-01-02', 'N j, Y', 'America/Los_Angeles')).toBe('Jan. 2, 2026');
    expect(formatDate('not a date', 'Y', 'UTC')).toBe('');
    expect(formatDate(null, 'Y', 'UTC')).toBe('');
  });

  it('is f.date() with "N j, Y" by default and f.time() with "P"', async () => {
    expect(await f('<%= f.date(it.when) %> at <%= f.time(it.when) %>; <%= f.date(it.when, "Y-m-d") %>', { when })).toBe(
      'March 5, 2026 at 2:30 p.m.; 2026-03-05',
    );
  });

  it('rejects an unknown time zone when the engine is created', () => {
    expect(() => createTemplateEngine({ timeZone: 'Mars/Olympus' })).toThrow(TemplateConfigurationError);
    expect(() => createTemplateEngine({ timeZone: 'Mars/Olympus' })).toThrow('Unknown time zone "Mars/Olympus"');
  });
});

describe('text filters', () => {
  it('truncatewords keeps N words and adds " …"', async () => {
    expect(await f(`<%= f.truncatewords('Joel is  a slug', 2) %>|<%= f.truncatewords('a b', 2) %>|<%= f.truncatewords('a b', 0) %>`)).toBe('Joel is …|a b|');
  });

  it('truncatechars counts the ellipsis in the length', async () => {
    expect(await f(`<%= f.truncatechars('Joel is a slug', 7) %>|<%= f.truncatechars('short', 7) %>`)).toBe('Joel i…|short');
  });

  it('pluralize picks suffixes from numbers, numeric strings and lists', async () => {
    const out = await f(
      `<%= f.pluralize(1) %>|<%= f.pluralize(2) %>|<%= f.pluralize(0) %>|<%= f.pluralize('1') %>|<%= f.pluralize([1]) %>|<%= f.pluralize([1, 2], 'es') %>|cherr<%= f.pluralize(1, 'y,ies') %> cherr<%= f.pluralize(3, 'y,ies') %>|<%= f.pluralize(2, 'a,b,c') %>`,
    );
    expect(out).toBe('|s|s|||es|cherry cherries|');
  });

  it('default and default_if_none follow Python truthiness', async () => {
    const out = await f(
      `<%= f.default('', 'x') %>|<%= f.default(0, 'x') %>|<%= f.default([], 'x') %>|<%= f.default({}, 'x') %>|<%= f.default('v', 'x') %>|<%= f.default_if_none('', 'x') %>|<%= f.default_if_none(null, 'x') %>`,
    );
    expect(out).toBe('x|x|x|x|v||x');
  });

  it('length counts strings, arrays, maps and sets', async () => {
    expect(await f(`<%= f.length('abc') %>|<%= f.length([1, 2]) %>|<%= f.length(new Set([1])) %>|<%= f.length(null) %>|<%= f.length(5) %>`)).toBe('3|2|1|0|0');
  });

  it('slugify, title, upper, lower and capfirst', async () => {
    expect(await f(`<%= f.slugify(' Joel is a slug! Élan_ --x ') %>`)).toBe('joel-is-a-slug-elan_-x');
    expect(await f(`<%= f.title("my FIRST post: they're 1st") %>`)).toBe('My First Post: They&#x27;re 1st');
    expect(await f(`<%= f.upper('abc') %>|<%= f.lower('ABC') %>|<%= f.capfirst('abc') %>`)).toBe('ABC|abc|Abc');
  });

  it('yesno maps true, false and null', async () => {
    expect(await f(`<%= f.yesno(true) %>|<%= f.yesno(false) %>|<%= f.yesno(null) %>|<%= f.yesno(null, 'yeah,no') %>|<%= f.yesno([], 'yeah,no,maybe') %>`)).toBe(
      'yes|no|maybe|no|no',
    );
  });

  it('striptags, wordcount, first, last and urlencode', async () => {
    expect(await f(`<%= f.striptags('<b>bold</b> <scr<script>ipt>x') %>`)).toBe('bold ipt&gt;x');
    expect(await f(`<%= f.wordcount(' a b  c ') %>|<%= f.first([3, 4]) %>|<%= f.last([3, 4]) %>|<%= f.first([]) %>`)).toBe('3|3|4|');
    expect(await f(`<%= f.urlencode('/a b?c=d&e') %>|<%= f.urlencode('/a', '') %>`)).toBe('/a%20b%3Fc%3Dd%26e|%2Fa');
  });
});

describe('number filters', () => {
  it('floatformat rounds as Django does', async () => {
    const cases: Array<[unknown, unknown, string]> = [
      [34.23234, undefined, '34.2'],
      [34.0, undefined, '34'],
      [34.26, undefined, '34.3'],
      [34.23234, 3, '34.232'],
      [34.0, 3, '34.000'],
      [34.26, 0, '34'],
      [34.23234, -3, '34.232'],
      [34.0, -3, '34'],
      [1.005, 2, '1.01'],
      [-2.5, 0, '-3'],
      [-0.04, 1, '0.0'],
      ['12.345', 1, '12.3'],
      [1234567.891, '2g', '1,234,567.89'],
      ['abc', 2, ''],
    ];
    for (const [value, arg, expected] of cases) {
      const source = arg === undefined ? '<%= f.floatformat(it.v) %>' : '<%= f.floatformat(it.v, it.a) %>';
      expect(await f(source, { v: value, a: arg }), `${String(value)} ${String(arg)}`).toBe(expected);
    }
  });

  it('filesizeformat uses bytes, KB, MB… with a non-breaking space', async () => {
    const out = await f(
      `<%= f.filesizeformat(1) %>|<%= f.filesizeformat(102) %>|<%= f.filesizeformat(1024) %>|<%= f.filesizeformat(123456789) %>|<%= f.filesizeformat(-2048) %>|<%= f.filesizeformat('x') %>`,
    );
    expect(out).toBe('1\u00a0byte|102\u00a0bytes|1.0\u00a0KB|117.7\u00a0MB|-2.0\u00a0KB|0\u00a0bytes');
  });
});

describe('HTML filters', () => {
  it('linebreaks makes paragraphs and <br>', async () => {
    expect(await f(`<%= f.linebreaks('one\\ntwo\\r\\n\\r\\nthree') %>`)).toBe('<p>one<br>two</p>\n\n<p>three</p>');
  });

  it('linebreaksbr turns each newline into <br> and keeps safe input unescaped', async () => {
    expect(await f(`<%= f.linebreaksbr(it.v) %>`, { v: markSafe('<b>a</b>\nb') })).toBe('<b>a</b><br>b');
  });

  it('join joins with a separator', async () => {
    expect(await f(`<%= f.join(['a', 'b', 'c'], ', ') %>|<%= f.join('abc', '-') %>`)).toBe('a, b, c|a-b-c');
  });

  it('urlize links URLs, www. and bare domains and e-mail addresses, leaving punctuation out', async () => {
    expect(
      await f(`<%= f.urlize('See www.example.com, (https://en.wikipedia.org/wiki/Django_(disambiguation)) or mail joe@example.org. djangoproject.com!') %>`),
    ).toBe(
      'See <a href="http://www.example.com" rel="nofollow">www.example.com</a>, ' +
        '(<a href="https://en.wikipedia.org/wiki/Django_(disambiguation)" rel="nofollow">https://en.wikipedia.org/wiki/Django_(disambiguation)</a>) ' +
        'or mail <a href="mailto:joe@example.org">joe@example.org</a>. <a href="http://djangoproject.com" rel="nofollow">djangoproject.com</a>!',
    );
  });

  it('json_script writes a JSON script element, with or without an id', async () => {
    expect(await f(`<%= f.json_script({ a: [1, '</script>'] }) %>`)).toBe('<script type="application/json">{"a":[1,"\\u003C/script\\u003E"]}</script>');
    expect(await f(`<%= f.json_script('x', 'hello-data') %>`)).toBe('<script id="hello-data" type="application/json">"x"</script>');
    expect(await f(`<%= f.json_script(it.v) %>`, { v: { id: 12n, big: 2n ** 70n, at: new Date('2026-01-02T03:04:05Z') } })).toBe(
      '<script type="application/json">{"id":12,"big":"1180591620717411303424","at":"2026-01-02T03:04:05.000Z"}</script>',
    );
  });

  it('returns safe strings, so <%= %> does not escape their markup', async () => {
    const cases: Record<string, string> = {
      linebreaks: '<p>x</p>',
      linebreaksbr: 'x<br>y',
      urlize: '<a href="http://www.x.org" rel="nofollow">www.x.org</a>',
      json_script: '<script type="application/json">"x\\ny"</script>',
      join: '<i>',
      safe: '<i>',
    };
    const input: Record<string, unknown> = {
      linebreaks: 'x',
      linebreaksbr: 'x\ny',
      urlize: 'www.x.org',
      json_script: 'x\ny',
      join: [markSafe('<i>')],
      safe: '<i>',
    };
    for (const [name, expected] of Object.entries(cases)) {
      expect(await engine.renderString(`<%= f.${name}(it.v) %>`, { v: input[name] }), name).toBe(expected);
    }
    expect(new SafeString('x').length).toBe(1);
  });
});

describe('custom filters', () => {
  it('registers process-wide filters with registerFilter()', async () => {
    registerFilter('shout', (value: unknown) => `${String(value).toUpperCase()}!`);
    expect(await createTemplateEngine().renderString('<%= f.shout(it.v) %>', { v: '<hey>' })).toBe('&lt;HEY&gt;!');
  });

  it('takes an engine’s own filters, which win over built-in ones', async () => {
    const engine = createTemplateEngine({ filters: { upper: () => 'mine', money: (n: number) => `€${n.toFixed(2)}` } });
    engine.registerFilter('stars', (n: number) => '*'.repeat(n));
    expect(await engine.renderString('<%= f.upper("x") %> <%= f.money(3) %> <%= f.stars(3) %>')).toBe('mine €3.00 ***');
  });

  it('rejects names that cannot be written as f.<name>() and values that are not functions', () => {
    expect(() => registerFilter('my-filter', () => '')).toThrow('Filter name "my-filter" is not valid');
    expect(() => createTemplateEngine({ filters: { ok: 'nope' as unknown as () => string } })).toThrow('Filter "ok" must be a function');
  });
});

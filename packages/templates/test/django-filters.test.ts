import { describe, expect, it } from 'vitest';
import { createTemplateEngine, formatDate, markSafe } from '../src/index.js';

const engine = createTemplateEngine({ timeZone: 'UTC' });
const f = (source: string, context: Record<string, unknown> = {}) => engine.renderString(source, context);

describe('Django’s arithmetic and number filters', () => {
  it('add sums integers (as Python’s int() reads them), concatenates strings and lists, else gives ""', async () => {
    expect(
      await f(
        `<%= f.add(4, 2) %>|<%= f.add('4', '2') %>|<%= f.add(1.9, 1) %>|<%= f.add('a', 'b') %>|<%= f.add([1], [2, 3]).join(' ') %>|<%= f.add('a', 1) %>|<%= f.add(null, 1) %>`,
      ),
    ).toBe('6|6|2|ab|1 2 3||');
  });

  it('divisibleby, and get_digit counting from the right', async () => {
    expect(
      await f(
        `<%= f.divisibleby(21, 3) %>|<%= f.divisibleby('20', 3) %>|<%= f.get_digit(123456789, 2) %>|<%= f.get_digit(123, 4) %>|<%= f.get_digit('x', 1) %>|<%= f.get_digit(123, 0) %>`,
      ),
    ).toBe('true|false|8|0|x|123');
    await expect(f(`<%= f.divisibleby('x', 3) %>`)).rejects.toThrow('divisibleby() needs an integer as its value, got "x"');
  });

  it('floatformat prints numbers JavaScript writes in exponent form as Django does, never NaN', async () => {
    const cases: Array<[unknown, unknown, string]> = [
      [1e20, undefined, '100000000000000000000'],
      [1e-7, undefined, '0.0'],
      [1e-7, 8, '0.00000010'],
      [1e21, 2, '1000000000000000000000.00'],
      [-1.5e-10, 2, '0.00'],
      [2.5e-3, 3, '0.003'],
      ['1e20', 0, '100000000000000000000'],
      [123456.785, '2g', '123,456.79'],
      [9.995, 2, '10.00'],
      [0.5, 0, '1'],
    ];
    for (const [value, arg, expected] of cases) {
      const source = arg === undefined ? '<%= f.floatformat(it.v) %>' : '<%= f.floatformat(it.v, it.a) %>';
      expect(await f(source, { v: value, a: arg }), `${String(value)} ${String(arg)}`).toBe(expected);
    }
  });

  it('stringformat applies Python’s % formatting, "" when the value does not fit', async () => {
    const out = await f(
      `<%= f.stringformat(3.14159, '.2f') %>|<%= f.stringformat(255, '#x') %>|<%= f.stringformat(255, 'X') %>|<%= f.stringformat('a', '5s') %>|<%= f.stringformat('a', '-3s') %>|<%= f.stringformat(42, '05d') %>|<%= f.stringformat(-42, '+d') %>|<%= f.stringformat(1234.5, 'e') %>|<%= f.stringformat(0.00001234, 'g') %>|<%= f.stringformat(7.9, 'd') %>|<%= f.stringformat('x', 'd') %>|<%= f.stringformat([1, 'a', null, true], 's') %>|<%= f.stringformat('a', 'r') %>|<%= f.stringformat(65, 'c') %>|<%= f.stringformat(1, '%') %>`,
    );
    expect(out).toBe('3.14|0xff|FF|    a|a  |00042|-42|1.234500e+03|1.234e-05|7||[1, &#x27;a&#x27;, None, True]|&#x27;a&#x27;|A|');
  });
});

describe('Django’s text filters', () => {
  it('addslashes, cut and phone2numeric', async () => {
    expect(
      await f(`<%~ f.addslashes(it.v) %>|<%= f.cut('String with spaces', ' ') %>|<%= f.phone2numeric('800-COLLECT') %>`, { v: `I'm "using" \\ Django` }),
    ).toBe(`I\\'m \\"using\\" \\\\ Django|Stringwithspaces|800-2655328`);
    expect(await f(`<%= f.cut(it.v, ';') %>|<%= f.cut(it.v, 'x') %>`, { v: markSafe('&amp;;x') })).toBe('&amp;ampx|&amp;;');
  });

  it('center, ljust and rjust pad to a width as Python does', async () => {
    expect(
      await f(`[<%= f.center('Django', 15) %>][<%= f.center('ab', 7) %>][<%= f.ljust('Django', 10) %>][<%= f.rjust('Django', 10) %>][<%= f.ljust('😀', 3) %>]`),
    ).toBe('[     Django    ][   ab  ][Django    ][    Django][😀  ]');
  });

  it('escapejs escapes for a JavaScript string and returns safe text', async () => {
    expect(await f(`<%= f.escapejs(it.v) %>`, { v: `testing\r\njavascript 'string" <b>escaping</b>\u2028=-;\`` })).toBe(
      'testing\\u000D\\u000Ajavascript \\u0027string\\u0022 \\u003Cb\\u003Eescaping\\u003C/b\\u003E\\u2028\\u003D\\u002D\\u003B\\u0060',
    );
  });

  it('iriencode percent-encodes non-ASCII and unsafe characters and keeps reserved ones', async () => {
    expect(await f(`<%~ f.iriencode('/fr/été/?q=a b&r=ß#x') %>`)).toBe('/fr/%C3%A9t%C3%A9/?q=a%20b&r=%C3%9F#x');
  });

  it('make_list splits text and numbers into characters', async () => {
    expect(await f(`<%= f.make_list('Jo😀').join('|') %>|<%= f.make_list(123).join('|') %>`)).toBe('J|o|😀|1|2|3');
  });

  it('wordwrap wraps at spaces, keeps existing line breaks and does not break long words', async () => {
    expect(await f(`<%= f.wordwrap('Joel is a slug', 5) %>`)).toBe('Joel\nis a\nslug');
    expect(await f(`<%= f.wordwrap('this is a long paragraph of text\\nwith a break', 14) %>`)).toBe('this is a long\nparagraph of\ntext\nwith a break');
    expect(await f(`<%= f.wordwrap('supercalifragilistic word', 5) %>`)).toBe('supercalifragilistic\nword');
  });

  it('title titlecases ß, digraphs and ligatures as Python’s str.title()', async () => {
    expect(await f(`<%= f.title('straße ǆungla ﬁsh ǉ') %>`)).toBe('Straße ǅungla Fish ǈ');
    expect(await f(`<%= f.title('ßa') %>`)).toBe('Ssa');
  });

  it('length counts code points and a plain object’s keys; pluralize and join treat plain objects as dicts', async () => {
    expect(
      await f(
        `<%= f.length('😀') %>|<%= f.length(it.safe) %>|<%= f.length({ a: 1, b: 2 }) %>|<%= f.pluralize({ a: 1 }) %>|<%= f.pluralize({ a: 1, b: 2 }) %>|<%= f.join({ a: 1, b: 2 }, '-') %>`,
        { safe: markSafe('é😀') },
      ),
    ).toBe('1|2|2||s|a-b');
  });

  it('join of a string joins its characters', async () => {
    expect(await f(`<%= f.join('abc', '-') %>|<%= f.join(5, '-') %>`)).toBe('a-b-c|5');
  });

  it('first and last of a safe string give its first and last character, escaped on output', async () => {
    expect(await f(`<%= f.first(it.v) %>|<%= f.last(it.v) %>|<%= f.first('😀x') %>`, { v: markSafe('<b>') })).toBe('&lt;|&gt;|😀');
  });

  it('truncatewords, truncatechars and their HTML versions return the value unchanged for an invalid length', async () => {
    expect(
      await f(
        `<%= f.truncatewords('a b c', 'x') %>|<%= f.truncatechars('abc', 'x') %>|<%= f.truncatewords_html('<b>a</b>', 'x') %>|<%= f.truncatechars_html('<b>a</b>', null) %>`,
      ),
    ).toBe('a b c|abc|&lt;b&gt;a&lt;/b&gt;|&lt;b&gt;a&lt;/b&gt;');
  });

  it('striptags runs a real HTML tokenizer: text that is not a tag stays', async () => {
    expect(
      await f(`<%= f.striptags('a < b > c') %>|<%= f.striptags('<<>>') %>|<%= f.striptags('<p>x &amp; <!-- c -->y</p><br/>z') %>|<%= f.striptags(it.safe) %>`, {
        safe: markSafe('<b>&lt;i&gt;</b>'),
      }),
    ).toBe('a &lt; b &gt; c|&lt;&lt;&gt;&gt;|x &amp;amp; yz|&lt;i&gt;');
  });
});

describe('Django’s list filters', () => {
  const books = [
    { title: '1984', author: { name: 'George', age: 45 } },
    { title: 'Timequake', author: { name: 'Kurt', age: 75 } },
    { title: 'Alice', author: { name: 'Lewis', age: 33 } },
  ];

  it('dictsort and dictsortreversed sort by a key, a dotted path or an index', async () => {
    expect(
      await f(
        `<%= f.dictsort(it.books, 'title').map((b) => b.title).join() %>|<%= f.dictsort(it.books, 'author.age').map((b) => b.title).join() %>|<%= f.dictsortreversed(it.books, 'author.age').map((b) => b.title).join() %>`,
        { books },
      ),
    ).toBe('1984,Alice,Timequake|Alice,1984,Timequake|Timequake,1984,Alice');
    expect(await f(`<%= f.dictsort([['b', 1], ['a', 2]], 0).map((x) => x[0]).join() %>|<%= f.dictsort(new Map([['a', 1]]), 'x') %>`)).toBe('a,b|');
  });

  it('dictsort gives "" when an item lacks the key, keys cannot be compared, or the key is private', async () => {
    expect(
      await f(
        `[<%= f.dictsort([{ a: 1 }, {}], 'a') %>|<%= f.dictsort([{ a: 1 }, { a: 'x' }], 'a') %>|<%= f.dictsort([{ _a: 1 }], '_a') %>|<%= f.dictsort('abc', 'a') %>]`,
      ),
    ).toBe('[|||]');
  });

  it('slice takes Python’s slice syntax on lists and strings', async () => {
    expect(
      await f(
        `<%= f.slice([1, 2, 3, 4], ':2').join() %>|<%= f.slice('abcdef', '1:-1') %>|<%= f.slice([1, 2, 3, 4, 5], '::-2').join() %>|<%= f.slice('abc', '2') %>|<%= f.slice('abc', 'x') %>|<%= f.slice([1, 2, 3], '-2:').join() %>`,
      ),
    ).toBe('1,2|bcde|5,3,1|ab|abc|2,3');
  });

  it('safeseq marks each item safe, escapeseq escapes each one', async () => {
    expect(await f(`<%= f.join(f.safeseq(['<b>', '<i>']), ', ') %>|<%= f.join(f.escapeseq(['<b>', it.safe]), ', ') %>`, { safe: markSafe('<i>') })).toBe(
      '<b>, <i>|&lt;b&gt;, <i>',
    );
  });

  it('random picks one of the items', async () => {
    expect(['a', 'b']).toContain(await f(`<%= f.random(['a', 'b']) %>`));
    expect(await f(`<%= f.random([]) %>`)).toBe('');
  });

  it('pprint prints Python’s pformat of the value', async () => {
    expect(await f(`<%~ f.pprint({ b: [1, 2.5], a: 'it\\'s', c: null, d: true }) %>`)).toBe(`{'a': "it's", 'b': [1, 2.5], 'c': None, 'd': True}`);
    const long = Array.from({ length: 30 }, (_, i) => i * 1000);
    expect((await f(`<%~ f.pprint(it.v) %>`, { v: long })).split('\n')).toHaveLength(30);
  });
});

describe('Django’s HTML filters', () => {
  it('escape leaves safe strings alone and escapes once; force_escape always escapes', async () => {
    expect(
      await f(`<%= f.escape(f.escape('<')) %>|<%= f.escape(it.safe) %>|<%= f.force_escape(it.safe) %>|<%= f.force_escape(f.force_escape('<')) %>`, {
        safe: markSafe('<b>'),
      }),
    ).toBe('&lt;|<b>|&lt;b&gt;|&amp;lt;');
    const raw = createTemplateEngine({ autoescape: false });
    expect(await raw.renderString(`<%= f.escape('<') %>`)).toBe('&lt;');
  });

  it('linenumbers numbers the lines, padded to the widest number, escaping unless the text is safe', async () => {
    const text = Array.from({ length: 10 }, (_, i) => (i === 0 ? '<b>' : `l${i}`)).join('\n');
    const out = await f(`<%= f.linenumbers(it.v) %>`, { v: text });
    expect(out.split('\n')[0]).toBe('01. &lt;b&gt;');
    expect(out.split('\n')[9]).toBe('10. l9');
    expect(await f(`<%= f.linenumbers(it.v) %>`, { v: markSafe('<b>\nx') })).toBe('1. <b>\n2. x');
  });

  it('unordered_list nests list items as Django does, escaping each', async () => {
    expect(await f(`<%= f.unordered_list(it.v) %>`, { v: ['States', ['Kansas', ['Lawrence', 'Topeka'], 'Illinois']] })).toBe(
      '\t<li>States\n\t<ul>\n\t\t<li>Kansas\n\t\t<ul>\n\t\t\t<li>Lawrence</li>\n\t\t\t<li>Topeka</li>\n\t\t</ul>\n\t\t</li>\n\t\t<li>Illinois</li>\n\t</ul>\n\t</li>',
    );
    expect(await f(`<%= f.unordered_list(['<a>', it.safe]) %>`, { safe: markSafe('<i>x</i>') })).toBe('\t<li>&lt;a&gt;</li>\n\t<li><i>x</i></li>');
  });

  it('truncatewords_html and truncatechars_html keep tags, close the open ones and count decoded text', async () => {
    const html = markSafe('<p>one <b>two &amp; three</b> four</p>');
    expect(await f(`<%= f.truncatewords_html(it.v, 2) %>`, { v: html })).toBe('<p>one <b>two …</b></p>');
    expect(await f(`<%= f.truncatewords_html(it.v, 10) %>`, { v: html })).toBe('<p>one <b>two &amp; three</b> four</p>');
    expect(await f(`<%= f.truncatechars_html(it.v, 6) %>`, { v: html })).toBe('<p>one <b>t…</b></p>');
    expect(await f(`<%= f.truncatechars_html(it.v, 11) %>`, { v: html })).toBe('<p>one <b>two &amp; …</b></p>');
    expect(await f(`<%= f.truncatewords_html(it.v, 0) %>|<%= f.truncatechars_html(it.v, 0) %>`, { v: html })).toBe('|');
    expect(await f(`<%= f.truncatewords_html(it.v, 1) %>`, { v: markSafe('<p>a<br>b c</p>') })).toBe('<p>a<br> …</p>');
  });

  it('urlizetrunc cuts each link’s text to the limit', async () => {
    expect(await f(`<%= f.urlizetrunc('see http://www.djangoproject.com/download/ now', 15) %>`)).toBe(
      'see <a href="http://www.djangoproject.com/download/" rel="nofollow">http://www.dja…</a> now',
    );
    await expect(f(`<%= f.urlizetrunc('x', 'y') %>`)).rejects.toThrow('urlizetrunc() needs a number as its limit');
  });
});

describe('urlize finds the links Django finds', () => {
  it('stops a URL at a quote, an angle bracket or a trailing apostrophe', async () => {
    expect(await f(`<%= f.urlize(it.v) %>`, { v: `http://x.com/"quoted" http://a.com/?x=<y> 'http://b.com/'` })).toBe(
      '<a href="http://x.com/" rel="nofollow">http://x.com/</a>&quot;quoted&quot; <a href="http://a.com/?x=" rel="nofollow">http://a.com/?x=</a>&lt;y&gt; ' +
        '&#x27;<a href="http://b.com/" rel="nofollow">http://b.com/</a>&#x27;',
    );
  });

  it('finds a URL inside tags of a safe input and does not escape its entities twice', async () => {
    expect(await f(`<%= f.urlize(it.v) %>`, { v: markSafe('<b>http://x.com/a?b=1&amp;c=2</b> (www.example.com).') })).toBe(
      '<b><a href="http://x.com/a?b=1&amp;c=2" rel="nofollow">http://x.com/a?b=1&amp;c=2</a></b> (<a href="http://www.example.com" rel="nofollow">www.example.com</a>).',
    );
  });

  it('writes international domains in punycode in the link, as written in the text', async () => {
    expect(await f(`<%= f.urlize('http://bücher.de/straße and info@bücher.de') %>`)).toBe(
      '<a href="http://xn--bcher-kva.de/stra%C3%9Fe" rel="nofollow">http://bücher.de/straße</a> and <a href="mailto:info@xn--bcher-kva.de">info@bücher.de</a>',
    );
  });

  it('keeps balanced parentheses and leaves trailing punctuation out', async () => {
    expect(await f(`<%= f.urlize('(see https://en.wikipedia.org/wiki/Django_(web_framework)). Or djangoproject.com!') %>`)).toBe(
      '(see <a href="https://en.wikipedia.org/wiki/Django_(web_framework)" rel="nofollow">https://en.wikipedia.org/wiki/Django_(web_framework)</a>). Or <a href="http://djangoproject.com" rel="nofollow">djangoproject.com</a>!',
    );
  });
});

describe('date format characters', () => {
  it('T gives the zone abbreviation Django prints (tzdata’s), or tzdata’s numeric form', () => {
    const winter = new Date('2026-01-15T12:00:00Z');
    const summer = new Date('2026-07-15T12:00:00Z');
    expect(formatDate(winter, 'T', 'Europe/Paris')).toBe('CET');
    expect(formatDate(summer, 'T', 'Europe/Paris')).toBe('CEST');
    expect(formatDate(winter, 'T', 'Asia/Kolkata')).toBe('IST');
    expect(formatDate(winter, 'T', 'America/New_York')).toBe('EST');
    expect(formatDate(summer, 'T', 'Europe/London')).toBe('BST');
    expect(formatDate(winter, 'T', 'Australia/Sydney')).toBe('AEDT');
    expect(formatDate(winter, 'T', 'UTC')).toBe('UTC');
    expect(formatDate(winter, 'T', 'Asia/Dubai')).toBe('+04');
    expect(formatDate(winter, 'T', 'America/Sao_Paulo')).toBe('-03');
    expect(formatDate(winter, 'T', 'Asia/Kathmandu')).toBe('+0545');
    expect(formatDate(summer, 'T', 'Asia/Jerusalem')).toBe('IDT');
    expect(formatDate(winter, 'T', 'Europe/Moscow')).toBe('MSK');
    expect(formatDate(winter, 'T', 'Asia/Shanghai')).toBe('CST');
    expect(formatDate(winter, 'T', 'Africa/Lagos')).toBe('WAT');
    expect(formatDate(summer, 'T', 'Africa/Cairo')).toBe('EEST');
    expect(formatDate(summer, 'T', 'Europe/Dublin')).toBe('IST');
    expect(formatDate(winter, 'T', 'Europe/Istanbul')).toBe('+03');
  });

  it('Y is zero-padded to four digits and o is the ISO year, for years before 1000 too', () => {
    const year99 = new Date(0);
    year99.setUTCFullYear(99, 5, 15);
    expect(formatDate(year99, 'Y o y L', 'UTC')).toBe('0099 99 99 False');
    expect(formatDate('0099-01-01', 'Y-m-d o W', 'UTC')).toBe('0099-01-01 99 1');
    expect(formatDate('0100-01-01', 'Y o W', 'UTC')).toBe('0100 99 53');
    expect(formatDate('0999-12-31', 'Y z t', 'UTC')).toBe('0999 365 31');
  });
});

describe('timesince and timeuntil', () => {
  const start = new Date('2026-01-01T00:00:00Z');

  it('say the time between two dates in at most two adjacent units, with non-breaking spaces', async () => {
    const cases: Array<[string, string]> = [
      ['2026-01-01T00:00:30Z', '0\u00a0minutes'],
      ['2026-01-01T00:01:00Z', '1\u00a0minute'],
      ['2026-01-01T06:30:00Z', '6\u00a0hours, 30\u00a0minutes'],
      ['2026-01-09T06:30:00Z', '1\u00a0week, 1\u00a0day'],
      ['2026-03-09T06:30:00Z', '2\u00a0months, 1\u00a0week'],
      ['2027-02-01T00:00:00Z', '1\u00a0year, 1\u00a0month'],
      ['2026-01-01T00:00:00Z', '0\u00a0minutes'],
    ];
    for (const [until, expected] of cases) {
      expect(await f('<%= f.timesince(it.a, it.b) %>', { a: start, b: new Date(until) }), until).toBe(expected);
      expect(await f('<%= f.timeuntil(it.b, it.a) %>', { a: start, b: new Date(until) }), until).toBe(expected);
    }
  });

  it('give 0 minutes for the wrong order and "" for an empty or invalid date', async () => {
    expect(
      await f('<%= f.timesince(it.b, it.a) %>|<%= f.timesince(null) %>|<%= f.timeuntil("nope") %>', { a: start, b: new Date('2026-02-01T00:00:00Z') }),
    ).toBe('0\u00a0minutes||');
  });

  it('compare with now when no date is given', async () => {
    expect(await f('<%= f.timesince(it.a) %>', { a: new Date(Date.now() - 3 * 86400000 - 60000) })).toBe('3\u00a0days');
    expect(await f('<%= f.timeuntil(it.a) %>', { a: new Date(Date.now() + 14 * 86400000 + 60000) })).toBe('2\u00a0weeks');
  });
});

import { describe, expect, it } from 'vitest';
import { defaultFilters, isSafe, markSafe } from '../src/index.js';

/** The filter as the regular expression `\S+` defines words: what the scan must agree with. */
function byRegExp(text: string, n: number): string {
  const words = text.match(/\S+/g) ?? [];
  return words.length > n ? `${words.slice(0, n).join(' ')} …` : words.join(' ');
}

describe('truncatewords on every kind of whitespace', () => {
  const spaces = [' ', '\t', '\n', '\v', '\f', '\r', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];
  const notSpaces = ['\u200b', '\u0085', '\u180e', 'é', '😀', '\u001f', '\u009f'];

  it('splits words where the regular expression class \\s does, and only there', () => {
    for (const space of spaces) {
      expect(defaultFilters.truncatewords!(`a${space}b${space}${space}c d`, 2)).toBe('a b …');
    }
    for (const other of notSpaces) {
      expect(defaultFilters.truncatewords!(`a${other}b c`, 1)).toBe(`a${other}b …`);
    }
  });

  it('agrees with the regular expression on mixed text for every length', () => {
    const text = `  Django\u00a0Reinhardt\tplayed\n\n  jazz 😀 manouche\u3000in   Paris  \u2028`;
    for (let n = 1; n <= 9; n++) expect(defaultFilters.truncatewords!(text, n)).toBe(byRegExp(text, n));
    expect(defaultFilters.truncatewords!('   ', 3)).toBe('');
  });
});

describe('linebreaks on text without line breaks', () => {
  it('wraps the escaped text in one paragraph', () => {
    expect(String(defaultFilters.linebreaks!('Minor <swing> & "Nuages"'))).toBe('<p>Minor &lt;swing&gt; &amp; &quot;Nuages&quot;</p>');
    expect(String(defaultFilters.linebreaks!(''))).toBe('<p></p>');
  });

  it('still makes paragraphs of a lone carriage return and of newlines', () => {
    expect(String(defaultFilters.linebreaks!('a\rb'))).toBe('<p>a<br>b</p>');
    expect(String(defaultFilters.linebreaks!('a\n\nb'))).toBe('<p>a</p>\n\n<p>b</p>');
  });
});

describe('truncatewords keeping single-spaced text as one slice', () => {
  it('joins the words by single spaces however the separators change along the text', () => {
    const texts = ['a b c d e f', 'a b  c d e', 'a b\tc d e f', 'a b c\n\nd e', '  a b c d', 'a\u00a0b c d e', 'a b c d  ', 'a'];
    for (const text of texts) for (let n = 1; n <= 6; n++) expect(defaultFilters.truncatewords!(text, n)).toBe(byRegExp(text, n));
  });

  it('keeps a safe input safe', () => {
    const out = defaultFilters.truncatewords!(markSafe('<b>a</b> b  c d'), 3);
    expect(isSafe(out)).toBe(true);
    expect(String(out)).toBe('<b>a</b> b c …');
  });
});

/** linebreaks as the regular expressions define it: what the indexOf scan must agree with. */
function linebreaksByRegExp(escaped: string): string {
  return escaped
    .replace(/\r\n|\r/g, '\n')
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
    .join('\n\n');
}

describe('linebreaks on text with line breaks', () => {
  it('splits paragraphs at every run of two or more newlines, as split(/\\n{2,}/) does', () => {
    const texts = ['\n', '\n\n', '\n\n\n', 'a\n\n', '\n\na', 'a\n\n\n\nb\nc', 'a\nb\n\nc\n', 'a\r\n\r\nb\rc', 'x\n\n\ny\n\n\n\n\nz', "it's\n\n<b>"];
    for (const text of texts) {
      const escaped = text.replace(/'/g, '&#x27;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      expect(String(defaultFilters.linebreaks!(text))).toBe(linebreaksByRegExp(escaped));
    }
  });

  it('makes every line break of linebreaksbr a <br>', () => {
    expect(String(defaultFilters.linebreaksbr!('a\r\nb\rc\n\nd'))).toBe('a<br>b<br>c<br><br>d');
    expect(String(defaultFilters.linebreaksbr!('one line'))).toBe('one line');
  });
});

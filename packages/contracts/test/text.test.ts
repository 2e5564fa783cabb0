import { describe, expect, it } from 'vitest';
import { closestMatches, describeValue, didYouMean, editDistance, escapeHtml, rankMatches } from '@manouche/contracts/text';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and a swap of neighbours as one edit each', () => {
    expect(editDistance('DEBG', 'DEBUG')).toBe(1);
    expect(editDistance('DEBUGG', 'DEBUG')).toBe(1);
    expect(editDistance('DEBAG', 'DEBUG')).toBe(1);
    expect(editDistance('form', 'from')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('closestMatches', () => {
  it('returns the candidates within a third of the word in edits, nearest first and ties alphabetically', () => {
    expect(closestMatches('post_detial', ['post_detail', 'post_list', 'index'])).toEqual(['post_detail']);
    expect(closestMatches('abcd', ['abce', 'abcf', 'zzzz'])).toEqual(['abce', 'abcf']);
    expect(closestMatches('xyzzy', ['migrate', 'runserver'])).toEqual([]);
  });

  it('ignores case when asked, accepts extra candidates and keeps at most the limit', () => {
    expect(closestMatches('debug', ['DEBUG'])).toEqual([]);
    expect(closestMatches('debug', ['DEBUG'], { ignoreCase: true })).toEqual(['DEBUG']);
    expect(closestMatches('blog:index', ['shop:index'], { alsoAccept: (name) => name.endsWith(':index') })).toEqual(['shop:index']);
    expect(closestMatches('aaaa', ['aaab', 'aaac', 'aaad', 'aaae'], { limit: 2 })).toEqual(['aaab', 'aaac']);
    expect(rankMatches('migrat', ['migrate'])).toEqual([{ candidate: 'migrate', distance: 1 }]);
  });
});

describe('didYouMean', () => {
  it('ends a message with the suggestions, or with nothing when there are none', () => {
    expect(`Unknown setting "DEBG".${didYouMean(['DEBUG'])}`).toBe('Unknown setting "DEBG". Did you mean "DEBUG"?');
    expect(didYouMean(['hello', 'help'], "'")).toBe(" Did you mean 'hello' or 'help'?");
    expect(didYouMean([])).toBe('');
  });
});

describe('describeValue', () => {
  it('describes every kind of value in one format', () => {
    expect(describeValue('jazz')).toBe('"jazz"');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(42)).toBe('42');
    expect(describeValue(10n)).toBe('10n');
    expect(describeValue({ id: 1n, tags: ['a'] })).toBe('{"id":"1n","tags":["a"]}');
    expect(describeValue(function postList() {})).toBe('the function postList');
    expect(describeValue(() => 1)).toBe('an anonymous function');
    expect(describeValue(class Post {})).toBe('the class Post');
    expect(describeValue(new Map())).toBe('an instance of Map');
    expect(describeValue(new Date('2026-01-02T03:04:05Z'))).toBe('the Date 2026-01-02T03:04:05.000Z');
  });

  it('cuts long values at 80 characters and survives cyclic objects', () => {
    const text = describeValue('x'.repeat(200));
    expect(text).toHaveLength(80);
    expect(text.endsWith('…')).toBe(true);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeValue(cyclic)).toBe('an object');
  });
});

describe('escapeHtml', () => {
  it("escapes the five HTML-special characters as Django's escape() does", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;');
    expect(escapeHtml('plain')).toBe('plain');
    expect(escapeHtml(42)).toBe('42');
  });
});

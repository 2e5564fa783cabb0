import { describe, expect, it } from 'vitest';
import { nameCode } from '../src/query/shape-cache.js';

describe('names in query shape keys', () => {
  it('gives each name its own short code, the same on every call', () => {
    const slug = nameCode('shape_keys_test_slug');
    const year = nameCode('shape_keys_test_publish__year');
    expect(slug).not.toBe(year);
    expect(nameCode('shape_keys_test_slug')).toBe(slug);
    expect(slug).toMatch(/^[0-9a-z]+$/);
  });

  it('writes names out, never as a code, once the table is full, and keeps the codes it gave', () => {
    const early = nameCode('shape_keys_test_early');
    const codes = new Set<string>();
    for (let i = 0; i < 10_000; i++) codes.add(nameCode(`shape_keys_test_filler_${i}`));
    expect(nameCode('shape_keys_test_late')).toBe('\u0001shape_keys_test_late');
    expect(nameCode('shape_keys_test_early')).toBe(early);
    // Codes and written-out names never meet: every code is base 36, every written-out name starts with \u0001.
    for (const code of codes) expect(code.startsWith('\u0001') || /^[0-9a-z]+$/.test(code)).toBe(true);
  });
});

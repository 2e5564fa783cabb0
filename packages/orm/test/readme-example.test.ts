import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runExample } from '../examples/blog.js';

describe('the README example', () => {
  it('declares models, saves and queries them on SQLite', async () => {
    expect(await runExample()).toEqual({ title: 'Hello', author: 'ann', published: ['Hello'], postCount: 2, annPosts: 2, views: 1 });
  });

  it('is the file the README shows, byte for byte', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const block = /`examples\/blog\.ts`, run by[^\n]*\n(?:[^\n]+\n)*?\n```ts\n([\s\S]*?)```\n/.exec(readme);
    expect(block?.[1]).toBe(readFileSync(new URL('../examples/blog.ts', import.meta.url), 'utf8'));
  });
});

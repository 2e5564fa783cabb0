import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../examples/welcome-mail.js';

describe('README example', () => {
  it('sends a plain mail and an HTML one with an attachment into the locmem outbox', async () => {
    expect(await main()).toEqual(['Your comment was published → ana@example.com', 'Welcome to the blog → ana@example.com, audit@example.com']);
  });

  it('is the code the README shows', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../examples/welcome-mail.ts', import.meta.url), 'utf8');
    expect(readme).toContain(example.split('\n').slice(1).join('\n').trim());
  });
});

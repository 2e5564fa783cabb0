import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../examples/csrf-form.js';

describe('README CSRF example', () => {
  it('accepts the same-site form and the AJAX header, refuses the cross-site and token-less posts', async () => {
    expect(await main()).toEqual(['200 You voted for 2', '403 CSRF verification failed', '403 CSRF verification failed', '200 You voted for 3', '200 ok']);
  });

  it('is the code the README shows', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../examples/csrf-form.ts', import.meta.url), 'utf8');
    expect(readme).toContain(example.split('\n').slice(1).join('\n').trim());
  });
});

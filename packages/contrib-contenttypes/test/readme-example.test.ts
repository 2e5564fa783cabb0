import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runExample } from '../examples/content-types.js';

describe('the README example', () => {
  it('is the file examples/content-types.ts, and runs', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(readFileSync(new URL('../examples/content-types.ts', import.meta.url), 'utf8').trim());
    expect(await runExample()).toEqual({ label: 'blog.post', same: true, modelClass: true });
  });
});

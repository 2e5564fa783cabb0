import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runExample } from '../examples/visit-counter.js';

describe('the README example', () => {
  it('is the file examples/visit-counter.ts, and counts visits through the session cookie', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(readFileSync(new URL('../examples/visit-counter.ts', import.meta.url), 'utf8').trim());
    expect(await runExample()).toEqual([{ visits: 1 }, { visits: 2 }]);
  });
});

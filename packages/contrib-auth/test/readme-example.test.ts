import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runExample } from '../examples/users.js';

describe('the README example', () => {
  it('is the file examples/users.ts, and runs', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(readFileSync(new URL('../examples/users.ts', import.meta.url), 'utf8').trim());
    expect(await runExample()).toEqual({ stored: 'pbkdf2_sha256$1000000', authenticated: 'ann', wrongPassword: null, canChangeGroups: true, djangoHash: true });
  });
});

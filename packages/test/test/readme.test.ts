import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('the README', () => {
  it('shows the example that packages/manouche/test/test-command.test.ts runs under manouche test', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(readFileSync(new URL('../examples/notes-tests.ts', import.meta.url), 'utf8').trim());
  });
});

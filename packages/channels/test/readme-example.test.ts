import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runExample } from '../examples/room-chat.js';

describe('the README example', () => {
  it('broadcasts a message to both members of the room', async () => {
    expect(await runExample()).toEqual([{ message: 'hello' }, { message: 'hello' }]);
  });

  it('is the file the README shows', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../examples/room-chat.ts', import.meta.url), 'utf8');
    expect(readme).toContain(example.split('\n').slice(1).join('\n').trimEnd());
  });

  it('shows the login example file as it is', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../examples/account-consumer.ts', import.meta.url), 'utf8');
    expect(readme).toContain(example.split('\n').slice(1).join('\n').trimEnd());
  });
});

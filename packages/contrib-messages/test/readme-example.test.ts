import { readFileSync } from 'node:fs';
import type { HttpRequest } from '@manouche/core';
import { afterEach, describe, expect, it } from 'vitest';
import { saveProfile, showProfile } from '../examples/profile-views.js';
import { MESSAGES, SESSIONS, startStack, type Stack } from './support/stack.js';

let stack: Stack | undefined;
afterEach(() => stack?.close());

describe('README example', () => {
  it('shows the notices once after the redirect', async () => {
    stack = await startStack(
      { 'profile/': (request: HttpRequest) => (request.method === 'POST' ? saveProfile(request) : showProfile(request)) },
      { MIDDLEWARE: [SESSIONS, MESSAGES] },
    );
    const client = stack.client();
    expect((await client.post('/profile/', { name: 'Ana' })).status).toBe(302);
    expect((await client.get('/profile/')).text).toBe(
      '<ul class="messages">\n  <li class="success">Saved, Ana!</li>\n  <li class="dismissable info">Your profile is public.</li>\n</ul><h1>Profile</h1>',
    );
    expect((await client.get('/profile/')).text).toBe('<h1>Profile</h1>');
    await client.post('/profile/', { name: ' ' });
    expect((await client.get('/profile/')).text).toContain('<li class="error">Please enter a name.</li>');
  });

  it('is the code the README shows', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../examples/profile-views.ts', import.meta.url), 'utf8');
    expect(readme).toContain(example.split('\n').slice(1).join('\n').trim());
  });
});

import { readFileSync } from 'node:fs';
import { callHttp } from '@manouche/asgi/testing';
import { describe, expect, it } from 'vitest';
import { app, staticUrl } from '../examples/serve-static-root.js';

describe('the README example', () => {
  it('is shown verbatim and serves a hashed name for a year', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(readFileSync(new URL('../examples/serve-static-root.ts', import.meta.url), 'utf8').trim());
    const url = staticUrl('style.css');
    expect(url).toMatch(/^\/static\/style\.[0-9a-f]{12}\.css$/);
    const res = await callHttp(app, { path: url });
    expect(res.status).toBe(200);
    expect(res.header('cache-control')).toBe('max-age=31536000, public, immutable');
    expect(res.text()).toBe('body { color: green; }');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../examples/cached-site.js';
import { testRedis } from './support/redis.js';

const expected = [
  'greeting=hello visits=2',
  "getOrSet → 42; has('missing') → false",
  'fr: render #1 for fr (max-age=900)',
  'fr: render #1 for fr (max-age=900)',
  'de: render #2 for de (max-age=900)',
];

describe('README example', () => {
  it('runs on the local-memory cache', async () => {
    expect(await main()).toEqual(expected);
  });

  const redis = testRedis();
  it.skipIf(Boolean(redis.skip))(redis.skip ?? 'runs on the Redis cache', async () => {
    expect(await main(redis.url)).toEqual(expected);
  });

  it('is the code the README shows', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../examples/cached-site.ts', import.meta.url), 'utf8');
    expect(readme).toContain(example.split('\n').slice(1).join('\n').trim());
  });
});

import { describe, expect, it } from 'vitest';
import { runExample } from '../examples/blog.js';

describe('the README example', () => {
  it('declares models, saves and queries them on SQLite', async () => {
    expect(await runExample()).toEqual({ title: 'Hello', author: 'ann', published: ['Hello'], postCount: 2, annPosts: 2, views: 1 });
  });
});

import { readFileSync } from 'node:fs';
import { User } from '@manouche/contrib-auth';
import { modelStates, registerModels } from '@manouche/orm';
import { createModelTables } from '@manouche/migrations';
import type { TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as example from '../examples/blog-admin.js';
import { AdminClient, migratedDatabase, serveAdmin } from './support/stack.js';

registerModels('blog', { Post: example.Post }, { defaultAutoField: 'auto' });

describe('README example', () => {
  let testDb: TestDatabase;
  let server: Awaited<ReturnType<typeof serveAdmin>>;
  beforeAll(async () => {
    testDb = await migratedDatabase('sqlite');
    await createModelTables(testDb.database, modelStates('blog'), { useTz: true });
    await User.objects.createSuperuser('editor', 'editor@example.com', 'la pompe 1958');
    await example.Post.objects.create({ title: 'Minor Swing', slug: 'minor-swing', body: 'One two three' });
    server = await serveAdmin(example.site);
  });
  afterAll(async () => {
    await server?.close();
    await testDb?.drop();
  });

  it('serves the change list with the computed column, filters, search and the custom action', async () => {
    const client = new AdminClient(server.url);
    await client.login('editor', 'la pompe 1958');
    const list = await client.get('/admin/blog/post/');
    expect(list.status).toBe(200);
    expect(list.text).toContain('Blog administration');
    expect(list.text).toContain('<span>Words</span>');
    expect(list.text).toMatch(/<td>\s*3\s*<\/td>/);
    expect(list.text).toContain('<option value="publish">Publish selected posts</option>');
    const post = await example.Post.objects.get({ slug: 'minor-swing' });
    await client.post('/admin/blog/post/', { action: 'publish', _selected_action: String(post.pk) });
    expect((await example.Post.objects.get({ pk: post.pk })).status).toBe('PB');
  });

  it('is the code the README shows', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const code = readFileSync(new URL('../examples/blog-admin.ts', import.meta.url), 'utf8');
    expect(readme).toContain(code.split('\n').slice(1).join('\n').trim());
  });
});

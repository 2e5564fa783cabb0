import { readFileSync } from 'node:fs';
import { appConfig, site } from '@manouche/contrib-admin';
import { User } from '@manouche/contrib-auth';
import type { TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient, migratedDatabase, serveAdmin, testSettings } from './support/stack.js';

describe('README example: a project replacing the User registration', () => {
  let testDb: TestDatabase;
  let server: Awaited<ReturnType<typeof serveAdmin>>;
  beforeAll(async () => {
    // What setup() does: the apps' ready(), then the project's admin modules.
    appConfig.ready({ settings: testSettings() });
    await import('../examples/users-admin.js');
    testDb = await migratedDatabase('sqlite');
    const root = await User.objects.createSuperuser('root', 'root@example.com', 'la pompe 1958');
    await User.objects.filter({ pk: root.pk }).update({ lastLogin: new Date('2024-05-16T10:00:00Z') });
    server = await serveAdmin(site);
  });
  afterAll(async () => {
    await server?.close();
    await testDb?.drop();
  });

  it("shows the project's columns and keeps the built-in add and password pages", async () => {
    const client = new AdminClient(server.url);
    await client.login('root', 'la pompe 1958');
    const list = await client.get('/admin/auth/user/');
    expect(list.status).toBe(200);
    expect(list.text).toMatch(/>Last login<\/a>/);
    expect(list.text).not.toMatch(/>First name<\/a>/);
    const root = await User.objects.get({ username: 'root' });
    expect((await client.get(`/admin/auth/user/${root.pk}/password/`)).status).toBe(200);
    expect((await client.get('/admin/auth/user/add/')).text).toContain('name="password2"');
  });

  it('is the code the README shows', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const code = readFileSync(new URL('../examples/users-admin.ts', import.meta.url), 'utf8');
    expect(readme).toContain(code.split('\n').slice(1).join('\n').trim());
  });
});

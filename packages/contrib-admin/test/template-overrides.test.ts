import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { User } from '@manouche/contrib-auth';
import type { TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { site } from './support/site.js';
import { AdminClient, migratedDatabase, serveAdmin, testSettings } from './support/stack.js';

const PASSWORD = 'la pompe 1958';

describe('overriding the admin templates the Django way', () => {
  let testDb: TestDatabase;
  let dir: string;
  let server: Awaited<ReturnType<typeof serveAdmin>>;

  beforeAll(async () => {
    testDb = await migratedDatabase('sqlite');
    await User.objects.createSuperuser('root', 'root@example.com', PASSWORD);
    dir = mkdtempSync(path.join(os.tmpdir(), 'manouche-admin-templates-'));
    mkdirSync(path.join(dir, 'admin/shop/author'), { recursive: true });
    writeFileSync(
      path.join(dir, 'admin/base_site.html'),
      `<% extend('admin/base.html') %>\n<% block('branding', () => { %><div id="site-name">Hot Club <%= it.siteHeader %></div><% }) %>\n`,
    );
    writeFileSync(
      path.join(dir, 'admin/shop/author/change_list.html'),
      `<% extend('admin/change_list.html') %>\n<% block('object-tools', () => { %><p id="author-note">Authors are shared by every shop.</p><%= block.super() %><% }) %>\n`,
    );
    server = await serveAdmin(site, testSettings(), [dir]);
  });
  afterAll(async () => {
    await server?.close();
    await testDb?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('uses a project admin/base_site.html on every page, and a per-model change_list.html for that model only', async () => {
    const client = new AdminClient(server.url);
    await client.login('root', PASSWORD);
    const index = await client.get('/admin/');
    expect(index.text).toContain('<div id="site-name">Hot Club Shop administration</div>');
    const authors = await client.get('/admin/shop/author/');
    expect(authors.text).toContain('<p id="author-note">Authors are shared by every shop.</p>');
    expect(authors.text).toContain('Add author');
    expect(authors.text).toContain('Hot Club Shop administration');
    const articles = await client.get('/admin/shop/article/');
    expect(articles.text).not.toContain('author-note');
  });
});

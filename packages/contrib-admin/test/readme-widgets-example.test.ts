import { readFileSync } from 'node:fs';
import { User } from '@manouche/contrib-auth';
import { createModelTables } from '@manouche/migrations';
import { modelStates, registerModels } from '@manouche/orm';
import type { TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as example from '../examples/shelf-admin.js';
import { adminCheck } from '../src/checks.js';
import { AdminClient, migratedDatabase, serveAdmin, testSettings } from './support/stack.js';

registerModels('shelf', { Author: example.Author, Genre: example.Genre, Novel: example.Novel }, { defaultAutoField: 'auto' });

describe('README example: relation widgets, listEditable and a custom filter', () => {
  let testDb: TestDatabase;
  let server: Awaited<ReturnType<typeof serveAdmin>>;
  let client: AdminClient;
  let queneau: example.Author;
  let zazie: example.Novel;
  beforeAll(async () => {
    testDb = await migratedDatabase('sqlite');
    await createModelTables(testDb.database, modelStates('shelf'), { useTz: true });
    await User.objects.createSuperuser('editor', 'editor@example.com', 'la pompe 1958');
    queneau = await example.Author.objects.create({ name: 'Raymond Queneau' });
    await example.Author.objects.create({ name: 'Retired Author', active: false });
    zazie = await example.Novel.objects.create({ title: 'Zazie dans le métro', pages: 190, authorId: queneau.pk });
    await example.Novel.objects.create({ title: 'Les Fleurs bleues', pages: 270, authorId: queneau.pk });
    server = await serveAdmin(example.site);
    client = new AdminClient(server.url);
    await client.login('editor', 'la pompe 1958');
  });
  afterAll(async () => {
    await server?.close();
    await testDb?.drop();
  });

  it('passes manouche check', async () => {
    const messages = await adminCheck(testSettings(), () => [example.site]).run({ deploy: false });
    expect(messages).toEqual([]);
  });

  it('filters by the custom filter and edits pages on the change list', async () => {
    const list = await client.get('/admin/shelf/novel/?length=long');
    expect(list.text).toContain('<summary>By length</summary>');
    expect(list.text).toContain('Les Fleurs bleues');
    expect(list.text).not.toContain('Zazie dans le métro');
    expect(list.text).toMatch(/<input type="number" name="form-0-pages" value="270"/);
  });

  it('searches active authors for the autocomplete and shows the other widgets on the form', async () => {
    const json = await client.get('/admin/autocomplete/?app_label=shelf&model_name=novel&field_name=author&term=r');
    expect(JSON.parse(json.text)).toEqual({ results: [{ id: String(queneau.pk), text: 'Raymond Queneau' }], pagination: { more: false } });
    const form = await client.get(`/admin/shelf/novel/${zazie.pk}/change/`);
    expect(form.text).toContain('class="admin-autocomplete"');
    expect(form.text).toContain('class="vForeignKeyRawIdAdminField"');
    expect(form.text).toContain('class="selectfilter"');
  });

  it('is the code the README shows', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const code = readFileSync(new URL('../examples/shelf-admin.ts', import.meta.url), 'utf8');
    expect(readme).toContain(code.split('\n').slice(1).join('\n').trim());
  });
});

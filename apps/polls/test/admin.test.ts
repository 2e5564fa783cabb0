/**
 * The tutorial's part 7 admin, served by the polls project itself: a question added with its
 * choices inline (three blank rows), the change list's "published recently?" column, date filter
 * and search, and `manouche check` agreeing with the registration.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { managementCommands, setup } from 'manouche';
import { resolveProjectModule, runCli } from 'manouche/cli';
import { User } from 'manouche/contrib/auth';
import type { CommandIO, Project } from 'manouche/contracts';
import { serve, type Server } from 'manouche/server';
import { loadSettings } from 'manouche/settings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../blog/test/support/browser.js';
import settingsModule from '../mysite/settings.js';
import { Choice, Question } from '../polls/models.js';

const baseDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const importModule = async (specifier: string) => (await import(resolveProjectModule(baseDir, specifier))) as Record<string, unknown>;
const PASSWORD = 'gypsy jazz since 1934';

/** Runs a management command on the project; returns its exit code and output. */
async function manage(project: Project, argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const io: Partial<CommandIO> = { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (out += t) }, interactive: false };
  const kept: Project = Object.assign(Object.create(project) as Project, { close: async () => {} });
  const code = await runCli(argv, { commands: managementCommands(), loadProject: async () => kept, io, cwd: baseDir, env: {} });
  return { code, out };
}

// One database is enough: polls.test.ts runs the app on each.
const [sqlite] = testDatabaseTargets();

describe('the polls admin (tutorial part 7)', () => {
  let testDb: TestDatabase;
  let project: Project;
  let server: Server;
  let admin: Browser;

  beforeAll(async () => {
    testDb = await createTestDatabase(sqlite!.dialect);
    const settings = loadSettings({ values: { ...settingsModule, DATABASES: { default: testDb.settings } }, source: 'mysite/settings.ts', baseDir, env: {} });
    project = await setup({ settings, baseDir, settingsModule: 'mysite.settings', importModule });
    const migrated = await manage(project, ['migrate', '--no-input']);
    if (migrated.code !== 0) throw new Error(`migrate failed: ${migrated.out}`);
    server = await serve(await project.application(), { host: '127.0.0.1', port: 0, announce: false, accessLog: false, handleSignals: false, lifespan: 'off' });
    await User.objects.createSuperuser('admin', 'admin@example.com', PASSWORD);
    admin = new Browser(server.url.replace(/\/$/, ''));
    const login = await admin.get('/admin/login/');
    const done = await admin.post('/admin/login/', { username: 'admin', password: PASSWORD, next: '/admin/' }, login);
    if (done.status !== 302) throw new Error(`logging in failed with ${done.status}`);
  });

  afterAll(async () => {
    await server?.close();
    await project?.close();
    await testDb?.drop();
  });

  it('passes manouche check with the Choice inline', async () => {
    const checked = await manage(project, ['check']);
    expect(checked.out).toContain('System check identified no issues (0 silenced).');
    expect(checked.code).toBe(0);
  });

  it('adds a question with three choices from the inline’s blank rows', async () => {
    const form = await admin.get('/admin/polls/question/add/');
    expect(form.status).toBe(200);
    expect(form.html).toContain('<h2 class="inline-heading">Choices</h2>');
    expect(form.html).toMatch(/<input type="hidden" name="choices-TOTAL_FORMS" value="3"/);
    const saved = await admin.post(
      '/admin/polls/question/add/',
      {
        questionText: 'Who played with Django?',
        pubDate: new Date(Date.now() - 3_600_000).toISOString().slice(0, 16),
        'choices-TOTAL_FORMS': '3',
        'choices-INITIAL_FORMS': '0',
        'choices-MIN_NUM_FORMS': '0',
        'choices-MAX_NUM_FORMS': '1000',
        'choices-0-choiceText': 'Stéphane Grappelli',
        'choices-0-votes': '0',
        'choices-1-choiceText': 'Joseph Reinhardt',
        'choices-1-votes': '0',
        'choices-2-choiceText': 'Louis Vola',
        'choices-2-votes': '0',
        _save: 'Save',
      },
      form,
    );
    expect(saved.status).toBe(302);
    expect(saved.location).toBe('/admin/polls/question/');
    const question = await Question.objects.get({ questionText: 'Who played with Django?' });
    const choices = await Choice.objects.filter({ question: question.pk } as never).orderBy('pk');
    expect(choices.map((choice) => choice.choiceText)).toEqual(['Stéphane Grappelli', 'Joseph Reinhardt', 'Louis Vola']);
  });

  it('lists questions with a “published recently?” icon, a date filter and search', async () => {
    await Question.objects.create({ questionText: 'Old news?', pubDate: new Date(Date.now() - 40 * 86_400_000) });
    const list = await admin.get('/admin/polls/question/?q=Django');
    expect(list.status).toBe(200);
    expect(list.html).toContain('Published recently?');
    expect(list.html).toContain('Who played with Django?');
    expect(list.html).not.toContain('Old news?');
    expect(list.html).toContain('aria-label="True"');
    const filtered = await admin.get('/admin/polls/question/?pubDate__gte=2000-01-01&pubDate__lt=2000-01-02');
    expect(filtered.status).toBe(200);
    expect(filtered.html).not.toContain('Who played with Django?');
  });
});

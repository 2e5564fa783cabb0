/**
 * The polls tutorial through a real HTTP server, on SQLite, PostgreSQL and MariaDB: the generic
 * index/detail/results views, voting with a bound form (400 and the question again on missing or
 * invalid input; 403 for a cross-site POST), editing a question's choices with an inline formset
 * (add, delete, forged counts and ids), and the pages that manage polls: auth's LoginRequired and
 * PermissionRequired mixins on ListView, DetailView, CreateView and UpdateView, with messages'
 * SuccessMessageMixin. Each test creates the questions and users it needs.
 */
import { createTestDatabase, testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import type { CommandIO, Project } from 'manouche/contracts';
import { managementCommands, setup } from 'manouche';
import { resolveProjectModule, runCli } from 'manouche/cli';
import { serve, type Server } from 'manouche/server';
import { loadSettings } from 'manouche/settings';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The blog's tests hold the small cookie-keeping HTTP client both example projects use.
import { Browser } from '../../blog/test/support/browser.js';
import { Permission, User } from 'manouche/contrib/auth';
import { Choice, Question } from '../polls/models.js';
import settingsModule from '../mysite/settings.js';

const baseDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const importModule = async (specifier: string) => (await import(resolveProjectModule(baseDir, specifier))) as Record<string, unknown>;

async function migrate(project: Project): Promise<void> {
  let stderr = '';
  const io: Partial<CommandIO> = { stdout: { write: () => {} }, stderr: { write: (t: string) => (stderr += t) }, interactive: false };
  const kept: Project = Object.assign(Object.create(project) as Project, { close: async () => {} });
  const code = await runCli(['migrate', '--no-input'], { commands: managementCommands(), loadProject: async () => kept, io, cwd: baseDir, env: {} });
  if (code !== 0) throw new Error(`migrate failed: ${stderr}`);
}

/** A question with choices, published `daysAgo` days ago (negative: in the future). */
async function createQuestion(text: string, daysAgo: number, choices: string[] = []): Promise<Question> {
  const question = await Question.objects.create({ questionText: text, pubDate: new Date(Date.now() - daysAgo * 86_400_000) });
  for (const choiceText of choices) await Choice.objects.create({ question, choiceText });
  return question;
}

const PASSWORD = 'gypsy jazz since 1934';

describe.each(testDatabaseTargets())('the polls tutorial on $dialect', ({ dialect, skip }) => {
  let testDb: TestDatabase | undefined;
  let project: Project;
  let server: Server | undefined;
  let browser: Browser;
  /** A browser logged in as a superuser. */
  let staff: Browser;

  /** A new browser logged in through the login page as a new user holding `codenames` (a superuser with `superuser`). */
  async function loggedIn(username: string, codenames: string[] = [], superuser = false): Promise<Browser> {
    const user = superuser
      ? await User.objects.createSuperuser(username, `${username}@example.com`, PASSWORD)
      : await User.objects.createUser(username, `${username}@example.com`, PASSWORD);
    for (const codename of codenames) await user.userPermissions.add(await Permission.objects.get({ codename }));
    const client = new Browser(server!.url.replace(/\/$/, ''));
    const form = await client.get('/accounts/login/');
    const done = await client.post('/accounts/login/', { username, password: PASSWORD }, form);
    if (done.status !== 302) throw new Error(`logging in ${username} failed with ${done.status}: ${done.html}`);
    return client;
  }

  beforeAll(async () => {
    if (skip) return;
    testDb = await createTestDatabase(dialect);
    const settings = loadSettings({ values: { ...settingsModule, DATABASES: { default: testDb.settings } }, source: 'mysite/settings.ts', baseDir, env: {} });
    project = await setup({ settings, baseDir, settingsModule: 'mysite.settings', importModule });
    await migrate(project);
    server = await serve(await project.application(), { host: '127.0.0.1', port: 0, announce: false, accessLog: false, handleSignals: false, lifespan: 'off' });
    browser = new Browser(server.url.replace(/\/$/, ''));
    staff = await loggedIn('staff', [], true);
  });

  afterAll(async () => {
    await server?.close();
    await project?.close();
    await testDb?.drop();
  });

  it.skipIf(Boolean(skip))(`lists the latest published questions, never future ones${skip ? ` (${skip})` : ''}`, async () => {
    // Published just now: newer than every other test's question (they are a day old), so among the latest five.
    const past = await createQuestion(`Past question ${dialect}`, 0);
    await createQuestion(`Future question ${dialect}`, -30);
    const { status, html } = await browser.get('/polls/');
    expect(status).toBe(200);
    expect(html).toContain(`<li><a href="/polls/${String(past.id)}/">Past question ${dialect}</a></li>`);
    expect(html).not.toContain('Future question');
  });

  it.skipIf(Boolean(skip))('shows a published question with its choices as radio buttons, and 404 for a future one', async () => {
    const question = await createQuestion("What's up?", 1, ['Not much', 'The sky']);
    const future = await createQuestion('Later?', -5, ['Yes']);
    const page = await browser.get(`/polls/${String(question.id)}/`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<legend><h1>What&#x27;s up?</h1></legend>');
    const [first] = await question.choices.all().orderBy('pk');
    expect(page.html).toContain(`<input type="radio" name="choice" value="${String(first!.id)}" required id="id_choice_0"> Not much</label>`);
    expect((await browser.get(`/polls/${String(future.id)}/`)).status).toBe(404);
    expect((await browser.get(`/polls/${String(future.id)}/results/`)).status).toBe(404);
  });

  it.skipIf(Boolean(skip))('counts a vote and redirects to the results', async () => {
    const question = await createQuestion('Best guitarist?', 1, ['Django', 'Stéphane']);
    const [django] = await question.choices.filter({ choiceText: 'Django' });
    const page = await browser.get(`/polls/${String(question.id)}/`);
    const voted = await browser.post(`/polls/${String(question.id)}/vote/`, { choice: String(django!.id) }, page);
    expect(voted.status).toBe(302);
    expect(voted.location).toBe(`/polls/${String(question.id)}/results/`);
    await browser.post(`/polls/${String(question.id)}/vote/`, { choice: String(django!.id) }, page);
    const results = await browser.get(`/polls/${String(question.id)}/results/`);
    expect(results.html).toContain('<li>Django -- 2 votes</li>');
    expect(results.html).toContain('<li>Stéphane -- 0 votes</li>');
  });

  it.skipIf(Boolean(skip))('answers 400 with the question again when no choice, a foreign choice or garbage is sent', async () => {
    const question = await createQuestion('Tea or coffee?', 1, ['Tea', 'Coffee']);
    const other = await createQuestion('Other question', 1, ['Elsewhere']);
    const [foreign] = await other.choices.all();
    const page = await browser.get(`/polls/${String(question.id)}/`);
    const missing = await browser.post(`/polls/${String(question.id)}/vote/`, {}, page);
    expect(missing.status).toBe(400);
    expect(missing.html).toContain('<p><strong>You didn&#x27;t select a choice.</strong></p>');
    expect(missing.html).toContain('<legend><h1>Tea or coffee?</h1></legend>');
    for (const bad of [String(foreign!.id), 'abc', '999999999']) {
      const response = await browser.post(`/polls/${String(question.id)}/vote/`, { choice: bad }, page);
      expect(response.status).toBe(400);
      expect(response.html).toContain('<p><strong>Select a valid choice. That choice is not one of the available choices.</strong></p>');
    }
    expect((await Choice.objects.get({ pk: foreign!.pk })).votes).toBe(0);
    expect((await browser.get(`/polls/${String(question.id)}/vote/`)).status).toBe(405);
  });

  describe('editing choices with an inline formset', () => {
    it.skipIf(Boolean(skip))('shows the choices, two blank forms and the management form', async () => {
      const question = await createQuestion('Formset?', 1, ['One']);
      const page = await staff.get(`/polls/${String(question.id)}/choices/`);
      expect(page.status).toBe(200);
      expect(page.html).toContain('<input type="hidden" name="choices-TOTAL_FORMS" value="3" id="id_choices-TOTAL_FORMS">');
      expect(page.html).toContain('<input type="hidden" name="choices-INITIAL_FORMS" value="1" id="id_choices-INITIAL_FORMS">');
      expect(page.html).toContain('<input type="text" name="choices-0-choiceText" value="One" maxlength="200" id="id_choices-0-choiceText">');
      expect(page.html).toContain('<input type="checkbox" name="choices-0-DELETE" id="id_choices-0-DELETE">');
      expect(page.html).toContain('name="choices-2-choiceText"');
    });

    it.skipIf(Boolean(skip))('adds, renames and deletes choices in one submission', async () => {
      const question = await createQuestion('Edit me', 1, ['Keep', 'Drop']);
      const [keep, drop] = await question.choices.all().orderBy('pk');
      const page = await staff.get(`/polls/${String(question.id)}/choices/`);
      const saved = await staff.post(
        `/polls/${String(question.id)}/choices/`,
        {
          'choices-TOTAL_FORMS': '4',
          'choices-INITIAL_FORMS': '2',
          'choices-MIN_NUM_FORMS': '0',
          'choices-MAX_NUM_FORMS': '10',
          'choices-0-id': String(keep!.id),
          'choices-0-choiceText': 'Kept',
          'choices-1-id': String(drop!.id),
          'choices-1-choiceText': 'Drop',
          'choices-1-DELETE': 'on',
          'choices-2-choiceText': 'Added',
          'choices-3-choiceText': '',
        },
        page,
      );
      expect(saved.status).toBe(302);
      const choices = await question.choices.all().orderBy('pk');
      expect(choices.map(String)).toEqual(['Kept', 'Added']);
    });

    it.skipIf(Boolean(skip))('rejects forged counts and ids with a 400, and changes nothing', async () => {
      const question = await createQuestion('Tamper', 1, ['Safe']);
      const victim = await createQuestion('Victim', 1, ['Untouched']);
      const [safe] = await question.choices.all();
      const [untouched] = await victim.choices.all();
      const page = await staff.get(`/polls/${String(question.id)}/choices/`);
      const noManagement = await staff.post(`/polls/${String(question.id)}/choices/`, { 'choices-0-choiceText': 'x' }, page);
      expect(noManagement.status).toBe(400);
      expect(noManagement.html).toContain('<ul class="errorlist nonform"><li>ManagementForm data is missing or has been tampered with.');
      const forged = await staff.post(
        `/polls/${String(question.id)}/choices/`,
        { 'choices-TOTAL_FORMS': '100000000', 'choices-INITIAL_FORMS': '0', 'choices-0-choiceText': 'x' },
        page,
      );
      expect(forged.status).toBe(400);
      expect(forged.html).toContain('<li>Please submit at most 10 forms.</li>');
      const foreignId = await staff.post(
        `/polls/${String(question.id)}/choices/`,
        { 'choices-TOTAL_FORMS': '1', 'choices-INITIAL_FORMS': '1', 'choices-0-id': String(untouched!.id), 'choices-0-choiceText': 'Hijacked' },
        page,
      );
      expect(foreignId.status).toBe(400);
      expect(foreignId.html).toContain('Select a valid choice. That choice is not one of the available choices.');
      expect(String(await Choice.objects.get({ pk: untouched!.pk }))).toBe('Untouched');
      expect(String(await Choice.objects.get({ pk: safe!.pk }))).toBe('Safe');
    });
  });

  it.skipIf(Boolean(skip))('refuses a cross-site POST to vote with 403 and counts nothing; the vote form carries the CSRF token', async () => {
    const question = await createQuestion('Cross-site?', 1, ['Yes']);
    const [yes] = await question.choices.all();
    const votePath = `/polls/${String(question.id)}/vote/`;
    const page = await browser.get(`/polls/${String(question.id)}/`);
    expect(page.html).toMatch(/<input type="hidden" name="csrfmiddlewaretoken" value="[^"]{64}">/);
    // Another site's page auto-submitting a form: it cannot read the token.
    expect((await browser.post(votePath, { choice: String(yes!.id) })).status).toBe(403);
    const forged = await fetch(`${server!.url.replace(/\/$/, '')}${votePath}`, {
      method: 'POST',
      body: new URLSearchParams({ choice: String(yes!.id), csrfmiddlewaretoken: 'x'.repeat(64) }),
      headers: { origin: 'https://evil.example', cookie: `csrftoken=${'x'.repeat(32)}` },
      redirect: 'manual',
    });
    expect(forged.status).toBe(403);
    expect((await Choice.objects.get({ pk: yes!.pk })).votes).toBe(0);
    expect((await browser.post(votePath, { choice: String(yes!.id) }, page)).status).toBe(302);
    expect((await Choice.objects.get({ pk: yes!.pk })).votes).toBe(1);
  });

  describe('managing polls (auth mixins on generic views, success messages)', () => {
    it.skipIf(Boolean(skip))('sends anonymous visitors to log in, with the page to come back to', async () => {
      const question = await createQuestion(`Anonymous ${dialect}`, -3);
      for (const page of [
        '/polls/upcoming/',
        `/polls/${String(question.id)}/preview/`,
        '/polls/new/',
        `/polls/${String(question.id)}/edit/`,
        `/polls/${String(question.id)}/choices/`,
      ]) {
        const response = await browser.get(page);
        expect([page, response.status, response.location]).toEqual([page, 302, `/accounts/login/?next=${page}`]);
      }
    });

    it.skipIf(Boolean(skip))('shows upcoming questions to any logged-in user, and answers 403 where a permission is missing', async () => {
      const upcoming = await createQuestion(`Upcoming for members ${dialect}`, -3);
      const member = await loggedIn(`member_${dialect}`);
      const list = await member.get('/polls/upcoming/');
      expect(list.status).toBe(200);
      expect(list.html).toContain(`<li><a href="/polls/${String(upcoming.id)}/preview/">Upcoming for members ${dialect}</a></li>`);
      for (const page of [`/polls/${String(upcoming.id)}/preview/`, '/polls/new/', `/polls/${String(upcoming.id)}/edit/`]) {
        expect([page, (await member.get(page)).status]).toEqual([page, 403]);
      }
      const edit = await staff.get(`/polls/${String(upcoming.id)}/edit/`);
      expect((await member.post(`/polls/${String(upcoming.id)}/edit/`, { questionText: 'Hijacked', pubDate: '2030-01-01 00:00:00' }, edit)).status).toBe(403);
      expect(String(await Question.objects.get({ pk: upcoming.pk }))).toBe(`Upcoming for members ${dialect}`);

      const viewer = await loggedIn(`viewer_${dialect}`, ['view_question']);
      const preview = await viewer.get(`/polls/${String(upcoming.id)}/preview/`);
      expect(preview.status).toBe(200);
      expect(preview.html).toContain(`<h1>Upcoming for members ${dialect}</h1>`);
      expect((await viewer.get(`/polls/${String(upcoming.id)}/edit/`)).status).toBe(403);
    });

    it.skipIf(Boolean(skip))('creates and edits questions with the permissions, showing the success message once after each redirect', async () => {
      const editor = await loggedIn(`editor_${dialect}`, ['add_question', 'change_question', 'view_question']);
      const form = await editor.get('/polls/new/');
      expect(form.status).toBe(200);
      expect(form.html).toContain('name="questionText"');
      const text = `Made on ${dialect}?`;
      const created = await editor.post('/polls/new/', { questionText: text, pubDate: '2031-05-01 12:00:00' }, form);
      expect(created.status).toBe(302);
      const question = await Question.objects.get({ questionText: text });
      expect(question.pubDate.toISOString()).toBe('2031-05-01T12:00:00.000Z');
      expect(created.location).toBe(`/polls/${String(question.id)}/preview/`);
      expect((await editor.get(created.location!)).html).toContain(`<ul class="messages">\n  <li class="success">“${text}” was created.</li>\n</ul>`);
      expect((await editor.get(created.location!)).html).not.toContain('class="messages"');

      const edit = await editor.get(`/polls/${String(question.id)}/edit/`);
      expect(edit.html).toContain(`value="${text}"`);
      const invalid = await editor.post(`/polls/${String(question.id)}/edit/`, { questionText: '', pubDate: '2031-05-01 12:00:00' }, edit);
      expect(invalid.status).toBe(200);
      expect(invalid.html).toContain('This field is required.');
      const saved = await editor.post(`/polls/${String(question.id)}/edit/`, { questionText: 'Renamed <b>', pubDate: '2031-05-02 12:00:00' }, edit);
      expect([saved.status, saved.location]).toEqual([302, `/polls/${String(question.id)}/preview/`]);
      const shown = await editor.get(saved.location!);
      expect(shown.html).toContain('<li class="success">“Renamed &lt;b&gt;” was saved.</li>');
      expect(shown.html).not.toContain('was created');
    });
  });
});

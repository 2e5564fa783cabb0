/**
 * The admin in a real browser (Debian's Chromium driven by playwright-core) against a project
 * made by the `manouche` command: log in as the superuser createsuperuser made, add, search,
 * filter, sort, paginate, edit, see the history, bulk-delete with confirmation; a view-only
 * staff user finds no add/change/delete buttons and gets 403; log out. Screenshots go to
 * test-artifacts/ at the repository root.
 */
import path from 'node:path';
import * as authModels from '@manouche/contrib-auth/models';
import * as contenttypesModels from '@manouche/contrib-contenttypes/models';
import { closeOrmConnections, configureOrm, fields, Model, registerModels } from '@manouche/orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium, logInToAdmin, type RunningChromium } from './support/chromium.js';
import { startPollsProject, SUPERUSER, type PollsProject } from './support/polls-project.js';

registerModels('contenttypes', contenttypesModels, { defaultAutoField: 'auto' });
registerModels('auth', authModels, { defaultAutoField: 'auto' });

/** The project's Question, as the seeding code in this process sees its table. */
class Question extends Model.define({ questionText: fields.char({ maxLength: 200 }), pubDate: fields.dateTime() }) {}
registerModels('polls', { Question }, { defaultAutoField: 'bigAuto' });

const VIEWER = { username: 'viewer', password: 'Minor Swing 1937' };

describe.skipIf(chromiumMissing)('the admin in Chromium', () => {
  let project: PollsProject;
  let browser: RunningChromium;
  let page: Page;
  const base = () => project.server.url;
  const shot = (name: string) => browser.shot(name);

  beforeAll(async () => {
    project = await startPollsProject();
    // Seed: twelve questions (for search, sort and pages) and a view-only staff member.
    configureOrm({ databases: { default: { ENGINE: 'sqlite', NAME: path.join(project.dir, 'db.sqlite3') } } });
    const day = 86_400_000;
    for (let index = 1; index <= 12; index += 1) {
      // Question 01 is the one the "Today" filter finds: a second old, so that it is today in the first hour
      // after midnight too (an hour old, it was yesterday then, and the test failed).
      const pubDate = new Date(Date.now() - (index === 1 ? 1000 : index * 40 * day));
      await Question.objects.create({ questionText: `Seeded question ${String(index).padStart(2, '0')}`, pubDate });
    }
    const viewer = await authModels.User.objects.createUser(VIEWER.username, 'viewer@example.com', VIEWER.password, { isStaff: true });
    const perms = await authModels.Permission.objects.filter({ codename__in: ['view_question'] });
    await (viewer as unknown as { userPermissions: { add(...p: unknown[]): Promise<void> } }).userPermissions.add(...perms);
    await closeOrmConnections();
    browser = await launchChromium();
    page = browser.page;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await project?.close();
  });

  it('passes manouche check: the admin registrations, its dependencies and its shipped migration agree', async () => {
    const checked = await project.manouche(['check']);
    if (checked.code !== 0) {
      const plan = await project.manouche(['makemigrations', '--dry-run', '-v', '3']);
      throw new Error(`${checked.stdout}${checked.stderr}\n${plan.stdout}${plan.stderr}`);
    }
    expect(checked.stdout + checked.stderr).toContain('System check identified no issues (0 silenced).');
    expect(checked.code).toBe(0);
  });

  it('logs in the superuser createsuperuser made and shows the index with its apps and styles', async () => {
    await page.goto(`${base()}/admin/`);
    expect(page.url()).toBe(`${base()}/admin/login/?next=%2Fadmin%2F`);
    await page.getByLabel('Username:').fill(SUPERUSER.username);
    await page.getByLabel('Password:').fill(SUPERUSER.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${base()}/admin/`);
    await expect(page.title()).resolves.toBe('Site administration | Manouche site admin');
    expect(await page.getByRole('link', { name: 'Questions' }).count()).toBe(1);
    // startproject installs auth: its users and groups are in the admin, as in Django (issue #18).
    expect(await page.getByRole('link', { name: 'Users', exact: true }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Groups', exact: true }).count()).toBe(1);
    // The stylesheet came from the admin's own static files (no CDN): the header is coloured.
    const background = await page.evaluate<string>("getComputedStyle(document.querySelector('#header')).backgroundColor");
    expect(background).not.toBe('rgba(0, 0, 0, 0)');
    await shot('01-index');
  });

  it('adds a question through the form', async () => {
    await page.goto(`${base()}/admin/polls/question/add/`);
    await page.getByLabel('Question text:').fill("What's up?");
    await page.locator('summary', { hasText: 'Date information' }).click();
    await page.getByLabel('Date published:').fill('2026-01-15T10:30');
    await shot('02-add-form');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(`${base()}/admin/polls/question/`);
    await expect(page.locator('.messagelist').textContent()).resolves.toContain("The question “What's up?” was added successfully.");
    await shot('03-added');
  });

  it('adds a user with the password twice, then sets a new password from the link on their change page', async () => {
    await page.goto(`${base()}/admin/auth/user/add/`);
    await page.getByLabel('Username:').fill('django');
    await page.getByLabel('Password:', { exact: true }).fill('Minor Swing 1937');
    await page.getByLabel('Password confirmation:').fill('Minor Swing 1937');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(/\/admin\/auth\/user\/\d+\/change\/$/);
    await expect(page.locator('.messagelist').textContent()).resolves.toContain('The user “django” was added successfully.');
    await expect(page.locator('.field-password .readonly').textContent()).resolves.toMatch(/algorithm: pbkdf2_sha256/);
    await page.getByRole('link', { name: 'this form' }).click();
    await page.waitForURL(/\/admin\/auth\/user\/\d+\/password\/$/);
    await page.getByLabel('Password:', { exact: true }).fill('Belleville 1942');
    await page.getByLabel('Password (again):').fill('Belleville 1942');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.waitForURL(/\/admin\/auth\/user\/\d+\/change\/$/);
    await expect(page.locator('.messagelist').textContent()).resolves.toContain('Password changed successfully.');
  });

  it('searches, filters, sorts and paginates the change list', async () => {
    await page.goto(`${base()}/admin/polls/question/`);
    await expect(page.locator('.paginator').textContent()).resolves.toContain('13 questions');
    await page.locator('#searchbar').fill('"Seeded question 1"');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.locator('#result_list tbody tr').count()).resolves.toBe(3);
    await expect(page.locator('#toolbar').textContent()).resolves.toMatch(/3 results\s*\(13 total\)/);
    await shot('04-search');

    await page.goto(`${base()}/admin/polls/question/`);
    await page.locator('#changelist-filter').getByRole('link', { name: 'Today' }).click();
    await expect(page.locator('#result_list tbody tr').count()).resolves.toBe(1);
    await expect(page.locator('#result_list tbody').textContent()).resolves.toContain('Seeded question 01');
    await shot('05-filter-today');

    await page.goto(`${base()}/admin/polls/question/`);
    await page.locator('#result_list thead').getByRole('link', { name: 'Question text' }).click();
    await expect(page.locator('#result_list tbody tr th').first().textContent()).resolves.toContain('Seeded question 01');
    await page.locator('#result_list thead').getByRole('link', { name: 'Question text' }).click();
    await expect(page.locator('#result_list tbody tr th').first().textContent()).resolves.toContain("What's up?");
    await shot('06-sorted-descending');

    await page.locator('.paginator').getByRole('link', { name: '3', exact: true }).click();
    expect(new URL(page.url()).searchParams.get('p')).toBe('3');
    await expect(page.locator('#result_list tbody tr').count()).resolves.toBe(3);
    await shot('07-page-3');
  });

  it('edits a question, and its history shows the change', async () => {
    await page.goto(`${base()}/admin/polls/question/?q=What`);
    await page.locator('#result_list').getByRole('link', { name: "What's up?" }).click();
    await page.getByLabel('Question text:').fill("What's new?");
    await page.getByRole('button', { name: 'Save and continue editing' }).click();
    await expect(page.getByLabel('Question text:').inputValue()).resolves.toBe("What's new?");
    await page.getByRole('link', { name: 'History' }).click();
    await expect(page.locator('#change-history').textContent()).resolves.toContain('Changed Question text.');
    await shot('08-history');
    await page.goto(`${base()}/admin/`);
    await expect(page.locator('#recent-actions-module').textContent()).resolves.toContain("What's new?");
  });

  it('bulk-deletes selected questions after a confirmation page', async () => {
    await page.goto(`${base()}/admin/polls/question/?q=Seeded+question+0`);
    const boxes = page.locator('input.action-select');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.locator('select[name="action"]').selectOption('delete_selected');
    await page.getByRole('button', { name: 'Go' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Delete multiple objects');
    await shot('09-delete-confirmation');
    await page.getByRole('button', { name: 'Yes, I’m sure' }).click();
    await expect(page.locator('.messagelist').textContent()).resolves.toContain('Successfully deleted 2 questions.');
    await page.goto(`${base()}/admin/polls/question/`);
    await expect(page.locator('.paginator').textContent()).resolves.toContain('11 questions');
  });

  it('fits a phone screen and follows a dark colour scheme', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${base()}/admin/polls/question/`);
    // Strings evaluated in the page (this package's types have no DOM).
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    if (overflow > 0) {
      const wide = await page.evaluate<string[]>(
        "[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => e.tagName + '#' + e.id + '.' + e.className).slice(0, 8)",
      );
      throw new Error(`The page is wider than a phone: ${wide.join(', ')}`);
    }
    const body = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
    expect(body).toBe('rgb(18, 18, 18)');
    await shot('10-phone-dark');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('logs out with the POST button', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.locator('#content').textContent()).resolves.toContain('Thanks for spending some quality time with the web site today.');
    await page.goto(`${base()}/admin/`);
    expect(page.url()).toContain('/admin/login/');
    await shot('11-logged-out');
  });

  it('shows a view-only staff user no add, change or delete buttons, and 403 on those URLs', async () => {
    await logInToAdmin(page, base(), VIEWER.username, VIEWER.password);
    expect(await page.locator('a.addlink').count()).toBe(0);
    expect(await page.locator('a.viewlink').count()).toBe(1);
    await page.goto(`${base()}/admin/polls/question/`);
    expect(await page.locator('select[name="action"]').count()).toBe(0);
    expect(await page.locator('a.addlink').count()).toBe(0);
    await page.locator('#result_list tbody tr th a').first().click();
    expect(await page.locator('input[name="_save"]').count()).toBe(0);
    expect(await page.locator('a.deletelink').count()).toBe(0);
    await shot('12-view-only');
    const id = /\/question\/(\d+)\/change\//.exec(page.url())![1];
    for (const url of ['/admin/polls/question/add/', `/admin/polls/question/${id}/delete/`]) {
      const response = await page.goto(`${base()}${url}`);
      expect(response?.status(), url).toBe(403);
    }
    expect((await page.goto(`${base()}/admin/polls/choice/`))?.status()).toBe(403);
    await page.goto(`${base()}/admin/`);
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page.locator('#content').textContent()).resolves.toContain('Thanks for spending');
  });
});

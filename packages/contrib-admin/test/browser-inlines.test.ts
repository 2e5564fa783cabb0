/**
 * Inlines in a real browser (Debian's Chromium driven by playwright-core) against a project made
 * by the `manouche` command, its Question registered with a tabular Choice inline (extra 3): add a
 * question with three choices typed into the blank rows and a fourth from "Add another Choice",
 * then see them on the change page and in the history. Screenshots go to test-artifacts/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium, logInToAdmin, type RunningChromium } from './support/chromium.js';
import { startPollsProject, SUPERUSER, type PollsProject } from './support/polls-project.js';

describe.skipIf(chromiumMissing)('inlines in Chromium', () => {
  let project: PollsProject;
  let browser: RunningChromium;
  let page: Page;
  let changeUrl = '';
  const base = () => project.server.url;
  const shot = (name: string) => browser.shot(name);

  beforeAll(async () => {
    project = await startPollsProject();
    browser = await launchChromium();
    page = browser.page;
    // Fail with playwright's reason before vitest's timeout.
    page.setDefaultTimeout(10_000);
    await logInToAdmin(page, base(), SUPERUSER.username, SUPERUSER.password);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await project?.close();
  });

  it('adds a question with choices typed into the blank rows and one more from “Add another Choice”', async () => {
    await page.goto(`${base()}/admin/polls/question/add/`);
    await expect(page.locator('#choices-group h2').textContent()).resolves.toBe('Choices');
    await expect(page.locator('#choices-group tbody tr.form-row:visible').count()).resolves.toBe(3);
    await page.getByLabel('Question text:').fill('Which Django tune?');
    await page.locator('summary', { hasText: 'Date information' }).click();
    await page.getByLabel('Date published:').fill('2026-02-01T20:00');
    const texts = page.locator('#choices-group input[name$="-choiceText"]:visible');
    await texts.nth(0).fill('Minor Swing');
    await texts.nth(1).fill('Nuages');
    await texts.nth(2).fill('Belleville');

    // The script copies the empty form as row 3, and removes a row it added.
    await page.getByRole('button', { name: 'Add another Choice' }).click();
    await page.getByRole('button', { name: 'Add another Choice' }).click();
    await expect(page.locator('#id_choices-TOTAL_FORMS').inputValue()).resolves.toBe('5');
    await page.locator('#choices-4').getByRole('button', { name: 'Remove' }).click();
    await expect(page.locator('#id_choices-TOTAL_FORMS').inputValue()).resolves.toBe('4');
    await page.locator('input[name="choices-3-choiceText"]').fill('Djangology');
    await shot('20-inline-add');
    await page.getByRole('button', { name: 'Save and continue editing' }).click();
    await expect(page.locator('.messagelist').textContent()).resolves.toContain('The question “Which Django tune?” was added successfully.');
    changeUrl = page.url();

    const originals = await page.locator('#choices-group td.original p').allTextContents();
    expect(originals.map((text) => text.trim())).toEqual(['Minor Swing', 'Nuages', 'Belleville', 'Djangology']);
    await expect(page.locator('input[name="choices-0-choiceText"]').inputValue()).resolves.toBe('Minor Swing');
    await expect(page.locator('#id_choices-INITIAL_FORMS').inputValue()).resolves.toBe('4');
    await shot('21-inline-change');

    await page.getByRole('link', { name: 'History' }).click();
    await expect(page.locator('#change-history').textContent()).resolves.toContain(
      'Added. Added choice “Minor Swing”. Added choice “Nuages”. Added choice “Belleville”. Added choice “Djangology”.',
    );
  });

  it('deletes a choice with its checkbox, after showing the error of an incomplete new one next to its row', async () => {
    await page.goto(changeUrl);
    await page.locator('input[name="choices-1-DELETE"]').check();
    await page.locator('input[name="choices-4-choiceText"]').fill('Swing 42');
    await page.locator('input[name="choices-4-votes"]').fill('');
    await page.getByRole('button', { name: 'Save and continue editing' }).click();
    await expect(page.locator('.errornote').textContent()).resolves.toContain('Please correct the error below.');
    await expect(page.locator('#choices-4 .errorlist').textContent()).resolves.toContain('This field is required.');
    // Nothing was saved: the ticked row is still there, still ticked.
    await expect(page.locator('input[name="choices-1-DELETE"]').isChecked()).resolves.toBe(true);
    await shot('22-inline-error');
    await page.locator('input[name="choices-4-votes"]').fill('3');
    await page.getByRole('button', { name: 'Save and continue editing' }).click();
    await expect(page.locator('.messagelist').textContent()).resolves.toContain('was changed successfully');
    const originals = await page.locator('#choices-group td.original p').allTextContents();
    expect(originals.map((text) => text.trim())).toEqual(['Minor Swing', 'Belleville', 'Djangology', 'Swing 42']);
  });
});

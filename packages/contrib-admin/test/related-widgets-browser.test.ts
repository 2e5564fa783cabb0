/**
 * The relation widgets and listEditable in a real browser (Debian's Chromium driven by
 * playwright-core) against the admin served on a loopback port over SQLite: choose a writer with
 * the autocomplete by keyboard, pick a publisher in the lookup popup, move tags between the two
 * boxes, and edit prices on the change list. Screenshots go to test-artifacts/ at the repository root.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium, logInToAdmin, type RunningChromium } from './support/chromium.js';
import { Book, LIBRARY_PASSWORD, libraryDatabase, Publisher, serveLibrary, Tag, Writer } from './support/library.js';

describe.skipIf(chromiumMissing)('the relation widgets and listEditable in Chromium', () => {
  let stack: Awaited<ReturnType<typeof serveLibrary>>;
  let base: string;
  let browser: RunningChromium;
  let page: Page;
  let book: Book;
  const shot = (name: string, target?: Page) => browser.shot(name, target);

  beforeAll(async () => {
    const testDb = await libraryDatabase('sqlite');
    const gallimard = await Publisher.objects.create({ name: 'Gallimard' });
    await Publisher.objects.create({ name: 'Éditions de Minuit' });
    const vian = await Writer.objects.create({ name: 'Boris Vian' });
    await Writer.objects.create({ name: 'Raymond Queneau' });
    await Writer.objects.create({ name: 'Marguerite Duras' });
    await Writer.objects.create({ name: 'Ghost Writer', active: false });
    for (const name of ['jazz', 'novel', 'paris', 'surrealism']) await Tag.objects.create({ name });
    book = await Book.objects.create({ title: 'L’Écume des jours', price: 9, publisherId: gallimard.pk, writerId: vian.pk });
    await Book.objects.create({ title: 'Zazie dans le métro', price: 12, status: 'PB' });
    stack = await serveLibrary(testDb);
    base = stack.server.url;
    browser = await launchChromium();
    page = browser.page;
    await logInToAdmin(page, base, 'root', LIBRARY_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('chooses a writer with the autocomplete by keyboard: type, arrow down, enter, escape', async () => {
    await page.goto(`${base}/admin/library/book/${book.pk}/change/`);
    const combobox = page.getByRole('combobox', { name: 'Writer:' });
    const chips = page.locator('.field-writer .autocomplete-chosen li');
    await expect(chips.allTextContents()).resolves.toEqual(['Boris Vian×']);
    await combobox.fill('r');
    const listbox = page.locator('#id_writer_listbox');
    await listbox.getByRole('option', { name: 'Raymond Queneau' }).waitFor();
    // limitChoicesTo: the inactive writer is never offered.
    await expect(listbox.getByRole('option', { name: 'Ghost Writer' }).count()).resolves.toBe(0);
    await expect(combobox.getAttribute('aria-expanded')).resolves.toBe('true');
    await shot('widgets-01-autocomplete-open');
    await combobox.press('Escape');
    await expect(combobox.getAttribute('aria-expanded')).resolves.toBe('false');
    await combobox.fill('Queneau');
    await expect.poll(() => listbox.getByRole('option').allTextContents()).toEqual(['Raymond Queneau']);
    await combobox.press('ArrowDown');
    await expect(listbox.getByRole('option', { name: 'Raymond Queneau' }).getAttribute('aria-selected')).resolves.toBe('true');
    await combobox.press('Enter');
    await expect(page.locator('select[name="writer"]').inputValue()).resolves.toBe(String((await Writer.objects.get({ name: 'Raymond Queneau' })).pk));
    await expect(chips.allTextContents()).resolves.toEqual(['Raymond Queneau×']);
    await shot('widgets-02-autocomplete-chosen');
    await page.getByRole('button', { name: 'Save and continue editing' }).click();
    await page.waitForURL(`${base}/admin/library/book/${book.pk}/change/`);
    const saved = await Book.objects.get({ pk: book.pk });
    expect(saved.writerId).toBe((await Writer.objects.get({ name: 'Raymond Queneau' })).pk);
  });

  it('adds several co-writers as chips, and Backspace removes the last one', async () => {
    await page.goto(`${base}/admin/library/book/${book.pk}/change/`);
    const combobox = page.getByRole('combobox', { name: 'Co writers:' });
    const listbox = page.locator('#id_coWriters_listbox');
    for (const name of ['Duras', 'Vian', 'Queneau']) {
      await combobox.fill(name);
      // The search waits for typing to pause: poll until this term's single result is listed.
      await expect.poll(() => listbox.getByRole('option').allTextContents()).toEqual([expect.stringContaining(name)]);
      await combobox.press('ArrowDown');
      await combobox.press('Enter');
    }
    const chips = page.locator('.field-coWriters .autocomplete-chosen li');
    await expect(chips.allTextContents()).resolves.toEqual(['Marguerite Duras×', 'Boris Vian×', 'Raymond Queneau×']);
    await combobox.press('Backspace');
    await expect(chips.allTextContents()).resolves.toEqual(['Marguerite Duras×', 'Boris Vian×']);
    await page.getByRole('button', { name: 'Save and continue editing' }).click();
    await page.waitForURL(`${base}/admin/library/book/${book.pk}/change/`);
    const coWriters = await (book as unknown as { coWriters: { all(): Promise<Writer[]> } }).coWriters.all();
    expect(coWriters.map((writer) => writer.name)).toEqual(['Boris Vian', 'Marguerite Duras']);
  });

  it('picks a publisher in the lookup popup, which fills the id input', async () => {
    await page.goto(`${base}/admin/library/book/${book.pk}/change/`);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator('#lookup_id_publisher').click()]);
    await popup.waitForLoadState();
    expect(new URL(popup.url()).searchParams.get('_popup')).toBe('1');
    await shot('widgets-03-lookup-popup', popup);
    await popup.getByRole('link', { name: 'Éditions de Minuit' }).click();
    const minuit = await Publisher.objects.get({ name: 'Éditions de Minuit' });
    await expect.poll(() => page.locator('#id_publisher').inputValue()).toBe(String(minuit.pk));
    await expect.poll(() => popup.isClosed()).toBe(true);
    // The old label no longer describes the value.
    await expect(page.locator('.related-label[data-for="id_publisher"]').isHidden()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Save and continue editing' }).click();
    await page.waitForURL(`${base}/admin/library/book/${book.pk}/change/`);
    await expect(page.locator('.related-label[data-for="id_publisher"]').textContent()).resolves.toBe('Éditions de Minuit');
    await shot('widgets-04-lookup-saved');
  });

  it('moves tags between the available and chosen boxes, filtered, and saves the chosen ones', async () => {
    await page.goto(`${base}/admin/library/book/${book.pk}/change/`);
    await page.getByLabel('Filter available tags').fill('ja');
    const available = page.getByRole('listbox', { name: 'Available tags' });
    await available.selectOption({ label: 'jazz' });
    await page.getByRole('button', { name: 'Choose →' }).click();
    await page.getByLabel('Filter available tags').fill('');
    await page.getByRole('listbox', { name: 'Available tags' }).selectOption({ label: 'paris' });
    await page.getByRole('button', { name: 'Choose →' }).click();
    await expect(page.locator('#id_tags option').allTextContents()).resolves.toEqual(['jazz', 'paris']);
    await shot('widgets-05-filter-horizontal');
    await page.getByRole('button', { name: 'Save and continue editing' }).click();
    await page.waitForURL(`${base}/admin/library/book/${book.pk}/change/`);
    const tags = await (book as unknown as { tags: { all(): Promise<Tag[]> } }).tags.all();
    expect(tags.map((tag) => tag.name)).toEqual(['jazz', 'paris']);
  });

  it('edits prices on the change list with listEditable, showing a row’s error, then saving', async () => {
    await page.goto(`${base}/admin/library/book/`);
    await page.locator('input[name="form-0-price"]').fill('3000000000');
    await page.locator('input[name="form-1-price"]').fill('14');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.locator('.errornote').textContent()).resolves.toContain('Please correct the error below.');
    await expect(page.locator('#result_list tr.errors .errorlist').textContent()).resolves.toContain('Ensure this value is less than or equal to 2147483647.');
    await shot('widgets-06-list-editable-error');
    await page.locator('input[name="form-0-price"]').fill('11');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.locator('.messagelist').textContent()).resolves.toContain('2 books were changed successfully.');
    await shot('widgets-07-list-editable-saved');
    const prices = ((await Book.objects.all()) as Book[]).map((item) => item.price);
    expect(prices).toEqual([11, 14]);
  });
});

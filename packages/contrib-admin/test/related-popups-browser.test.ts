/**
 * The add/change popups and the relation widgets of inlines in a real browser (Debian's Chromium
 * driven by playwright-core) against the library's `desk` site on SQLite: "Add another Book" in a
 * stacked inline with an autocomplete writer and two-box tags in the new row, a raw-id lookup from
 * an added row, the "+" and pencil round trips (save in the popup, the opener's option added
 * and selected, then renamed), an object added by one row's "+" offered by the other rows' selects
 * for that model, and the × round trip (delete in the popup, the option gone). Screenshots go to
 * test-artifacts/ at the repository root.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium, logInToAdmin, type RunningChromium } from './support/chromium.js';
import { Book, deskSite, LIBRARY_PASSWORD, libraryDatabase, Publisher, serveLibrary, Tag, Writer } from './support/library.js';

/** The objects of a many-to-many manager, by name. */
async function names(manager: unknown): Promise<string[]> {
  return ((await (manager as { all(): Promise<Array<{ name: string }>> }).all()) as Array<{ name: string }>).map((item) => item.name);
}

describe.skipIf(chromiumMissing)('popups and inline relation widgets in Chromium', () => {
  let stack: Awaited<ReturnType<typeof serveLibrary>>;
  let browser: RunningChromium;
  let page: Page;
  let base = '';
  const shot = (name: string, target?: Page) => browser.shot(name, target);

  beforeAll(async () => {
    const testDb = await libraryDatabase('sqlite');
    await Publisher.objects.create({ name: 'Gallimard' });
    await Writer.objects.create({ name: 'Boris Vian' });
    await Writer.objects.create({ name: 'Raymond Queneau' });
    await Writer.objects.create({ name: 'Ghost Writer', active: false });
    for (const name of ['jazz', 'novel', 'paris']) await Tag.objects.create({ name });
    stack = await serveLibrary(testDb, deskSite);
    base = stack.server.url;
    browser = await launchChromium();
    page = browser.page;
    // Fail with playwright's reason before vitest's timeout.
    page.setDefaultTimeout(10_000);
    await logInToAdmin(page, base, 'root', LIBRARY_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('adds books from “Add another Book” in a stacked inline, with the autocomplete and the two boxes in the new rows', async () => {
    await page.goto(`${base}/admin/library/publisher/add/`);
    await page.getByLabel('Name:').fill('Denoël');
    await expect(page.locator('#book_set-group .inline-related:visible').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Add another Book' }).click();
    await page.getByRole('button', { name: 'Add another Book' }).click();
    await expect(page.locator('#id_book_set-TOTAL_FORMS').inputValue()).resolves.toBe('2');
    const first = page.locator('#book_set-0');
    const second = page.locator('#book_set-1');
    await expect(second.locator('.inline_label').textContent()).resolves.toBe('#2');

    await first.getByLabel('Title:').fill('Le Ravissement de Lol V. Stein');
    // The writer's select became a combobox once its row was added (formset:added).
    const combobox = first.getByRole('combobox', { name: 'Writer:' });
    await combobox.fill('Vian');
    const listbox = page.locator('#id_book_set-0-writer_listbox');
    await expect.poll(() => listbox.getByRole('option').allTextContents()).toEqual(['Boris Vian']);
    await combobox.press('ArrowDown');
    await combobox.press('Enter');
    await expect(first.locator('.autocomplete-chosen li').allTextContents()).resolves.toEqual(['Boris Vian×']);
    await first.getByRole('listbox', { name: 'Available tags' }).selectOption({ label: 'jazz' });
    await first.getByRole('button', { name: 'Choose →' }).click();
    await expect(first.locator('#id_book_set-0-tags option').allTextContents()).resolves.toEqual(['jazz']);

    await second.getByLabel('Title:').fill('Un barrage contre le Pacifique');
    await expect(second.locator('.selector').count()).resolves.toBe(1);
    await second.getByRole('listbox', { name: 'Available tags' }).selectOption({ label: 'novel' });
    await second.getByRole('button', { name: 'Choose →' }).click();
    await shot('popups-01-stacked-add-another');
    await page.getByRole('button', { name: 'Save and continue editing' }).click();
    await expect(page.locator('.messagelist').textContent()).resolves.toContain('The publisher “Denoël” was added successfully.');

    const denoel = await Publisher.objects.get({ name: 'Denoël' });
    const books = (await Book.objects.filter({ publisherId: denoel.pk }).orderBy('title')) as Book[];
    expect(books.map((book) => book.title)).toEqual(['Le Ravissement de Lol V. Stein', 'Un barrage contre le Pacifique']);
    expect(books[0]!.writerId).toBe((await Writer.objects.get({ name: 'Boris Vian' })).pk);
    await expect(names((books[0] as unknown as { tags: unknown }).tags)).resolves.toEqual(['jazz']);
    await expect(names((books[1] as unknown as { tags: unknown }).tags)).resolves.toEqual(['novel']);
    // The inline's ordering: newest title first.
    const titles = await page
      .locator('#book_set-group input[name$="-title"]:visible')
      .evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value));
    expect(titles).toEqual(['Un barrage contre le Pacifique', 'Le Ravissement de Lol V. Stein']);
  });

  it('fills a raw-id input of an added inline row from the lookup popup', async () => {
    const gallimard = await Publisher.objects.get({ name: 'Gallimard' });
    await page.goto(`${base}/admin/library/publisher/${gallimard.pk}/change/`);
    await page.getByRole('button', { name: 'Add another Book' }).click();
    const row = page.locator('#book_set-0');
    await row.getByLabel('Title:').fill('Les Fleurs bleues');
    const [popup] = await Promise.all([page.waitForEvent('popup'), row.locator('#lookup_id_book_set-0-keywords').click()]);
    await popup.waitForLoadState();
    expect(new URL(popup.url()).searchParams.get('_popup')).toBe('1');
    await expect(popup.locator('#header').count()).resolves.toBe(0);
    await shot('popups-02-inline-lookup', popup);
    await popup.getByRole('link', { name: 'paris' }).click();
    const paris = await Tag.objects.get({ name: 'paris' });
    await expect.poll(() => page.locator('#id_book_set-0-keywords').inputValue()).toBe(String(paris.pk));
    await expect.poll(() => popup.isClosed()).toBe(true);
    await page.getByRole('button', { name: 'Save and continue editing' }).click();
    await expect(page.locator('.messagelist').textContent()).resolves.toContain('was changed successfully');
    const book = await Book.objects.get({ title: 'Les Fleurs bleues' });
    await expect(names((book as unknown as { keywords: unknown }).keywords)).resolves.toEqual(['paris']);
  });

  it('adds a publisher in the “+” popup, which the opener’s select then holds, and renames it with the pencil', async () => {
    await page.goto(`${base}/admin/library/book/add/`);
    const pencil = page.locator('#change_id_publisher');
    await expect(pencil.isHidden()).resolves.toBe(true);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: 'Add another publisher' }).click()]);
    await popup.waitForLoadState();
    // Django's is_popup: no site header, no breadcrumbs.
    await expect(popup.locator('#header').count()).resolves.toBe(0);
    await expect(popup.locator('.breadcrumbs').count()).resolves.toBe(0);
    await popup.getByLabel('Name:').fill('Christian Bourgois <éditeur>');
    await shot('popups-03-add-related-popup', popup);
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => popup.isClosed()).toBe(true);

    const bourgois = await Publisher.objects.get({ name: 'Christian Bourgois <éditeur>' });
    await expect(page.locator('#id_publisher').inputValue()).resolves.toBe(String(bourgois.pk));
    await expect(page.locator('#id_publisher option:checked').textContent()).resolves.toBe('Christian Bourgois <éditeur>');
    await expect(pencil.isVisible()).resolves.toBe(true);
    await expect(pencil.getAttribute('href')).resolves.toBe(`/admin/library/publisher/${bourgois.pk}/change/?_to_field=id&_popup=1`);
    await shot('popups-04-add-related-selected');

    const [changePopup] = await Promise.all([page.waitForEvent('popup'), pencil.click()]);
    await changePopup.waitForLoadState();
    await changePopup.getByLabel('Name:').fill('Bourgois');
    await changePopup.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => changePopup.isClosed()).toBe(true);
    await expect.poll(() => page.locator('#id_publisher option:checked').textContent()).toBe('Bourgois');

    await page.getByLabel('Title:').fill('L’Arrache-cœur');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.locator('.messagelist').textContent()).resolves.toContain('was added successfully');
    expect((await Book.objects.get({ title: 'L’Arrache-cœur' })).publisherId).toBe(bourgois.pk);
  });

  it('adds a writer from the “+” of an autocomplete in an added inline row, shown as its chosen writer', async () => {
    const gallimard = await Publisher.objects.get({ name: 'Gallimard' });
    await page.goto(`${base}/admin/library/publisher/${gallimard.pk}/change/`);
    await page.getByRole('button', { name: 'Add another Book' }).click();
    const row = page.locator('#book_set-1');
    await row.getByLabel('Title:').fill('Zazie dans le métro');
    const [popup] = await Promise.all([page.waitForEvent('popup'), row.getByRole('link', { name: 'Add another writer' }).click()]);
    await popup.waitForLoadState();
    await popup.getByLabel('Name:').fill('Raymond Roussel');
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => popup.isClosed()).toBe(true);
    await expect.poll(() => row.locator('.autocomplete-chosen li').allTextContents()).toEqual(['Raymond Roussel×']);
    await shot('popups-05-inline-autocomplete-added');
    await page.getByRole('button', { name: 'Save and continue editing' }).click();
    await expect(page.locator('.messagelist').textContent()).resolves.toContain('was changed successfully');
    const zazie = await Book.objects.get({ title: 'Zazie dans le métro' });
    expect(zazie.writerId).toBe((await Writer.objects.get({ name: 'Raymond Roussel' })).pk);
  });

  it('offers a tag added from one inline row’s “+” in the other rows’ “available” boxes, chosen only in its own row', async () => {
    const django = await Publisher.objects.create({ name: 'Django Reinhardt Éditions' });
    await Book.objects.create({ title: 'Nuages', publisherId: django.pk });
    await Book.objects.create({ title: 'Minor Swing', publisherId: django.pk });
    await page.goto(`${base}/admin/library/publisher/${django.pk}/change/`);
    // Rows newest title first: 0 is “Nuages”, 1 “Minor Swing”.
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator('#add_id_book_set-0-tags').click()]);
    await popup.waitForLoadState();
    await popup.getByLabel('Name:').fill('manouche <swing>');
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => popup.isClosed()).toBe(true);
    const manouche = await Tag.objects.get({ name: 'manouche <swing>' });
    const texts = (selector: string) => page.locator(`${selector} option`).allTextContents();
    await expect.poll(() => texts('#id_book_set-0-tags')).toEqual(['manouche <swing>']);
    await expect(texts('#id_book_set-0-tags_from')).resolves.not.toContain('manouche <swing>');
    // The other row offers it, unchosen.
    await expect(texts('#id_book_set-1-tags_from')).resolves.toContain('manouche <swing>');
    await expect(texts('#id_book_set-1-tags')).resolves.toEqual([]);
    await expect(
      page.locator(`#id_book_set-1-tags_from option[value="${manouche.pk}"]`).evaluate((option) => (option as unknown as { selected: boolean }).selected),
    ).resolves.toBe(false);
    await shot('popups-06-added-tag-offered-by-other-row');
    // A change popup for tags (a many-to-many has no pencil: opened as a pencil would, named after
    // row 0's select) renames the option in every row.
    const changeUrl = `/admin/library/tag/${manouche.pk}/change/?_to_field=id&_popup=1`;
    const [changePopup] = await Promise.all([
      page.waitForEvent('popup'),
      page.evaluate((url) => void (globalThis as unknown as { open(url: string, name: string): unknown }).open(url, 'id_book_set-0-tags'), changeUrl),
    ]);
    await changePopup.waitForLoadState();
    await changePopup.getByLabel('Name:').fill('manouche');
    await changePopup.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => changePopup.isClosed()).toBe(true);
    await expect.poll(() => texts('#id_book_set-0-tags')).toEqual(['manouche']);
    await expect(texts('#id_book_set-1-tags_from')).resolves.toContain('manouche');
    await expect(texts('#id_book_set-1-tags_from')).resolves.not.toContain('manouche <swing>');
    // Chosen there too, it is saved on both books.
    await page.locator('#id_book_set-1-tags_from').selectOption({ label: 'manouche' });
    await page.locator('#book_set-1').getByRole('button', { name: 'Choose →' }).click();
    await page.getByRole('button', { name: 'Save and continue editing' }).click();
    await expect(page.locator('.messagelist').textContent()).resolves.toContain('was changed successfully');
    for (const title of ['Nuages', 'Minor Swing']) {
      const saved = await Book.objects.get({ title });
      await expect(names((saved as unknown as { tags: unknown }).tags), title).resolves.toEqual(['manouche']);
    }
  });

  it('deletes the chosen publisher from the × popup, which the opener’s select then drops', async () => {
    const ephemere = await Publisher.objects.create({ name: 'Éphémère <presse>' });
    await page.goto(`${base}/admin/library/book/add/`);
    const remove = page.locator('#delete_id_publisher');
    const view = page.locator('#view_id_publisher');
    await expect(remove.isHidden()).resolves.toBe(true);
    await page.locator('#id_publisher').selectOption({ label: 'Éphémère <presse>' });
    await expect(remove.getAttribute('href')).resolves.toBe(`/admin/library/publisher/${ephemere.pk}/delete/?_to_field=id&_popup=1`);
    await expect(view.getAttribute('href')).resolves.toBe(`/admin/library/publisher/${ephemere.pk}/change/?_to_field=id`);
    const [popup] = await Promise.all([page.waitForEvent('popup'), remove.click()]);
    await popup.waitForLoadState();
    await expect(popup.locator('#header').count()).resolves.toBe(0);
    await shot('popups-07-delete-related-popup', popup);
    await popup.getByRole('button', { name: 'Yes, I’m sure' }).click();
    await expect.poll(() => popup.isClosed()).toBe(true);
    await expect.poll(() => page.locator(`#id_publisher option[value="${ephemere.pk}"]`).count()).toBe(0);
    await expect(page.locator('#id_publisher').inputValue()).resolves.toBe('');
    // Nothing chosen any more: no link acting on it.
    await expect(remove.isHidden()).resolves.toBe(true);
    await expect(view.isHidden()).resolves.toBe(true);
    await expect(page.locator('#change_id_publisher').isHidden()).resolves.toBe(true);
    expect(await Publisher.objects.filter({ pk: ephemere.pk }).exists()).toBe(false);
    await shot('popups-08-deleted-option-gone');
  });
});

/** Model and inline formsets on SQLite, PostgreSQL and MariaDB: edit, add, delete, duplicates, forged ids. */
import { testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineFormsetFactory, modelFormsetFactory } from '../src/index.js';
import { Article, Author, Comment, Tag, closeTestDatabase, openTestDatabase } from './models.js';

const AuthorFormSet = modelFormsetFactory(Author, { fields: ['name'], extra: 1, canDelete: true });
const CommentFormSet = inlineFormsetFactory(Article, Comment, { fields: ['name', 'body'] });

describe.each(testDatabaseTargets())('model formsets on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await openTestDatabase(dialect);
  });
  afterAll(() => closeTestDatabase(db));

  it('shows one form per object plus extra ones, after reading the objects', async () => {
    const ann = await Author.objects.create({ name: 'Ann' });
    const formset = new AuthorFormSet({ queryset: Author.objects.filter({ pk: ann.pk }) });
    expect(() => formset.forms).toThrow('call "await formset.loadChoices()"');
    await formset.loadChoices();
    expect(formset.forms).toHaveLength(2);
    const html = formset.toHtml();
    expect(html).toContain('name="form-INITIAL_FORMS" value="1"');
    expect(html).toContain('<input type="text" name="form-0-name" value="Ann" maxlength="50" id="id_form-0-name">');
    expect(html).toContain(`<input type="hidden" name="form-0-id" value="${String(ann.pk)}" id="id_form-0-id">`);
  });

  it('edits, adds and deletes objects in one submission', async () => {
    const bob = await Author.objects.create({ name: 'Bob' });
    const cy = await Author.objects.create({ name: 'Cy' });
    const queryset = Author.objects.filter({ pk__in: [bob.pk, cy.pk] });
    const formset = new AuthorFormSet({
      queryset,
      data: {
        'form-TOTAL_FORMS': '3',
        'form-INITIAL_FORMS': '2',
        'form-0-id': String(bob.pk),
        'form-0-name': 'Robert',
        'form-1-id': String(cy.pk),
        'form-1-name': 'Cy',
        'form-1-DELETE': 'on',
        'form-2-id': '',
        'form-2-name': 'Dee',
      },
    });
    expect(await formset.isValid()).toBe(true);
    const saved = await formset.save();
    expect(saved.map(String)).toEqual(['Robert', 'Dee']);
    expect(formset.changedObjects.map(([obj, fields]) => [String(obj), fields])).toEqual([['Robert', ['name']]]);
    expect(formset.deletedObjects.map(String)).toEqual(['Cy']);
    expect(await Author.objects.filter({ pk: cy.pk }).exists()).toBe(false);
    expect((await Author.objects.get({ pk: bob.pk })).name).toBe('Robert');
    expect(await Author.objects.filter({ name: 'Dee' }).count()).toBe(1);
  });

  it('refuses a forged primary key that is not in the queryset', async () => {
    const eve = await Author.objects.create({ name: 'Eve' });
    const other = await Author.objects.create({ name: 'Other' });
    const formset = new AuthorFormSet({
      queryset: Author.objects.filter({ pk: eve.pk }),
      data: { 'form-TOTAL_FORMS': '1', 'form-INITIAL_FORMS': '1', 'form-0-id': String(other.pk), 'form-0-name': 'Hacked' },
    });
    expect(await formset.isValid()).toBe(false);
    expect(formset.errors[0]!.toObject()).toEqual({ id: ['Select a valid choice. That choice is not one of the available choices.'] });
    expect((await Author.objects.get({ pk: other.pk })).name).toBe('Other');
  });

  it('reports the same unique value in two forms as Django does, before the database would', async () => {
    const TagFormSet = modelFormsetFactory(Tag, { fields: ['name'], extra: 2 });
    const formset = new TagFormSet({
      queryset: Tag.objects.none(),
      data: { 'form-TOTAL_FORMS': '2', 'form-INITIAL_FORMS': '0', 'form-0-name': `dup-${dialect}`, 'form-1-name': `dup-${dialect}` },
    });
    expect(await formset.isValid()).toBe(false);
    expect(formset.nonFormErrors().messages).toEqual(['Please correct the duplicate data for name, which must be unique.']);
    expect(formset.forms[1]!.nonFieldErrors().messages).toEqual(['Please correct the duplicate values below.']);
    expect(await Tag.objects.filter({ name: `dup-${dialect}` }).count()).toBe(0);
  });

  it('edits the comments of one article inline, and reports duplicates across forms', async () => {
    const author = await Author.objects.create({ name: 'Inline' });
    const article = await Article.objects.create({ title: 'Inline', slug: `inline-${dialect}`, author });
    await Comment.objects.create({ article, name: 'First', body: 'Hello' });
    const unbound = new CommentFormSet({ instance: article });
    await unbound.loadChoices();
    expect(unbound.prefix).toBe('comments');
    expect(unbound.forms).toHaveLength(4);
    expect(Object.keys(unbound.forms[0]!.fields)).toEqual(['name', 'body', 'id', 'DELETE']);

    const first = unbound.forms[0]!.instance;
    const formset = new CommentFormSet({
      instance: article,
      data: {
        'comments-TOTAL_FORMS': '2',
        'comments-INITIAL_FORMS': '1',
        'comments-0-id': String(first.pk),
        'comments-0-name': 'First',
        'comments-0-body': 'Hello again',
        'comments-1-name': 'Second',
        'comments-1-body': 'New',
      },
    });
    expect(await formset.isValid()).toBe(true);
    await formset.save();
    const comments = await Comment.objects.filter({ article }).orderBy('pk');
    expect(comments.map((c) => [c.name, c.body, c.articleId])).toEqual([
      ['First', 'Hello again', article.pk],
      ['Second', 'New', article.pk],
    ]);
  });
});

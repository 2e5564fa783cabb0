/** ModelForm on SQLite, PostgreSQL and MariaDB: derived fields, model validation, save and editing. */
import { testDatabaseTargets, type TestDatabase } from '@manouche/orm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forms, ModelChoiceField, ModelForm, ModelMultipleChoiceField, RadioSelect, TypedChoiceField } from '../src/index.js';
import { Article, Author, Comment, Tag, closeTestDatabase, openTestDatabase } from './models.js';

class ArticleForm extends ModelForm.define(Article, {
  fields: ['title', 'slug', 'body', 'status', 'views', 'rating', 'publish', 'author', 'tags'],
  labels: { body: 'Text' },
  widgets: { status: RadioSelect },
  errorMessages: { title: { required: 'Every article needs a title.' } },
}) {
  cleanSlug() {
    return this.cleanedData.slug.toLowerCase();
  }
}

describe('ModelForm.define', () => {
  it('derives form fields from model fields', () => {
    const form = new ArticleForm();
    expect(Object.keys(form.fields)).toEqual(['title', 'slug', 'body', 'status', 'views', 'rating', 'publish', 'author', 'tags']);
    expect(form.fields.status).toBeInstanceOf(TypedChoiceField);
    expect(form.fields.author).toBeInstanceOf(ModelChoiceField);
    expect(form.fields.tags).toBeInstanceOf(ModelMultipleChoiceField);
    expect(form.fields.body!.required).toBe(false);
    expect(form.get('body').label).toBe('Text');
    expect(form.get('title').helpText).toBe('Short and catchy.');
    expect(form.get('views').toHtml()).toBe('<input type="number" name="views" value="0" min="0" required id="id_views">');
    expect(form.get('status').toHtml()).toContain('<input type="radio" name="status" value="DF" required id="id_status_0" checked> Draft');
    expect(form.get('body').toHtml()).toContain('<textarea name="body" cols="40" rows="10" id="id_body">');
  });

  it('refuses a ModelForm without fields or exclude, and unknown or non-editable fields', () => {
    expect(() => ModelForm.define(Article, {})).toThrow("Creating a ModelForm without either the 'fields' attribute or the 'exclude' attribute is prohibited");
    // Fields are derived on first use, so a forms module may be imported before the models are registered.
    const Unknown = ModelForm.define(Article, { fields: ['nope' as 'title'] });
    expect(() => new Unknown()).toThrow('Unknown field(s) (nope) specified for Article.');
    const NotEditable = ModelForm.define(Article, { fields: ['created'] });
    expect(() => new NotEditable()).toThrow("'created' cannot be specified for Article model form as it is a non-editable field.");
  });

  it('takes every editable field with __all__, minus exclude, plus declared fields', () => {
    const All = ModelForm.define(Comment, { fields: '__all__', exclude: ['active'] }, { notify: forms.boolean({ required: false }) });
    expect(Object.keys(new All().fields)).toEqual(['article', 'name', 'body', 'notify']);
  });
});

describe.each(testDatabaseTargets())('ModelForm on $dialect', ({ dialect, skip }) => {
  if (skip) {
    it.skip(skip, () => {});
    return;
  }
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await openTestDatabase(dialect);
  });
  afterAll(() => closeTestDatabase(db));

  it('creates an object with its foreign key and many-to-many values', async () => {
    const ann = await Author.objects.create({ name: 'Ann' });
    const jazz = await Tag.objects.create({ name: `jazz-${dialect}` });
    const swing = await Tag.objects.create({ name: `swing-${dialect}` });
    const form = new ArticleForm({
      data: {
        title: 'Minor swing',
        slug: 'Minor-Swing',
        status: 'PB',
        views: '3',
        rating: '4.5',
        publish: '2026-01-02',
        author: String(ann.pk),
        tags: [String(jazz.pk), String(swing.pk)],
      },
    });
    expect(await form.isValid()).toBe(true);
    const article = await form.save();
    expect(article.pk).not.toBeNull();
    const fresh = await Article.objects.get({ pk: article.pk });
    expect(fresh.slug).toBe('minor-swing');
    expect(fresh.status).toBe('PB');
    expect(fresh.rating).toBe('4.5');
    expect(fresh.authorId).toEqual(ann.pk);
    expect((await fresh.tags.all()).map(String).sort()).toEqual([`jazz-${dialect}`, `swing-${dialect}`]);
  });

  it('reports invalid choices, unknown primary keys and custom messages', async () => {
    const form = new ArticleForm({ data: { title: '', slug: 'x', status: 'ZZ', views: '-1', author: '999999', tags: ['abc'] } });
    expect(await form.isValid()).toBe(false);
    expect(form.errors.toObject()).toEqual({
      title: ['Every article needs a title.'],
      status: ['Select a valid choice. ZZ is not one of the available choices.'],
      views: ['Ensure this value is greater than or equal to 0.'],
      author: ['Select a valid choice. That choice is not one of the available choices.'],
      tags: ['Select a valid choice. abc is not one of the available choices.'],
    });
  });

  it('checks unique and uniqueTogether with Django’s messages', async () => {
    const bob = await Author.objects.create({ name: 'Bob' });
    await Article.objects.create({ title: 'Taken', slug: 'taken', author: bob });
    const form = new ArticleForm({ data: { title: 'Taken', slug: 'taken', status: 'DF', views: '0', author: String(bob.pk) } });
    expect(await form.isValid()).toBe(false);
    expect(form.errors.toObject()).toEqual({
      slug: ['Article with this Slug already exists.'],
      __all__: ['Article with this Title and Author already exists.'],
    });
  });

  it('edits an instance: shows its values, keeps its own row out of the unique check and saves changes', async () => {
    const cy = await Author.objects.create({ name: 'Cy' });
    const tag = await Tag.objects.create({ name: `edit-${dialect}` });
    const article = await Article.objects.create({ title: 'Old', slug: 'edit-me', author: cy });
    await article.tags.set([tag]);
    const unbound = new ArticleForm({ instance: article });
    await unbound.loadChoices();
    const html = unbound.toHtml();
    expect(html).toContain('value="Old"');
    expect(html).toContain(`<option value="${String(cy.pk)}" selected>Cy</option>`);
    expect(html).toContain(`<option value="${String(tag.pk)}" selected>edit-${dialect}</option>`);

    const form = new ArticleForm({ instance: article, data: { title: 'New', slug: 'edit-me', status: 'DF', views: '1', author: String(cy.pk) } });
    expect(await form.isValid()).toBe(true);
    expect(form.changedData).toEqual(expect.arrayContaining(['title', 'views', 'tags']));
    await form.save();
    const fresh = await Article.objects.get({ pk: article.pk });
    expect(fresh.title).toBe('New');
    expect(await fresh.tags.count()).toBe(0);
  });

  it('saves with commit false, then the instance and its many-to-many values separately', async () => {
    const dee = await Author.objects.create({ name: 'Dee' });
    const tag = await Tag.objects.create({ name: `later-${dialect}` });
    const form = new ArticleForm({ data: { title: 'Later', slug: 'later', status: 'DF', views: '0', author: String(dee.pk), tags: [String(tag.pk)] } });
    const article = await form.save({ commit: false });
    expect(article.pk).toBeNull();
    article.views = 42;
    await article.save();
    await form.saveM2m();
    expect((await Article.objects.get({ slug: 'later' })).views).toBe(42);
    expect(await article.tags.count()).toBe(1);
  });

  it('refuses to save invalid data, naming the model', async () => {
    await expect(new ArticleForm({ data: {} }).save()).rejects.toThrow("The Article could not be created because the data didn't validate.");
  });

  it('keeps a model default when a field is left out of the submission', async () => {
    const eve = await Author.objects.create({ name: 'Eve' });
    const Short = ModelForm.define(Article, { fields: ['title', 'slug', 'author', 'views'] });
    const form = new Short({ data: { title: 'Defaults', slug: 'defaults', author: String(eve.pk) } });
    // views is required on the form, so leaving it out is an error, as in Django.
    expect(await form.isValid()).toBe(false);
    const Optional = ModelForm.define(Article, {
      fields: ['title', 'slug', 'author', 'views'],
      fieldClasses: { views: (defaults) => forms.integer({ ...defaults, required: false }) },
    });
    const ok = new Optional({ data: { title: 'Defaults', slug: 'defaults', author: String(eve.pk) } });
    expect(await ok.isValid()).toBe(true);
    expect((await ok.save()).views).toBe(0);
  });
});

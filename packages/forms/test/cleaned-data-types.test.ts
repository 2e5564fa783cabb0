/**
 * The cleaned data's type follows from the declared fields, with no second type to write. These
 * assertions are checked by `tsc` (the package's typecheck covers test/); at run time they only
 * make sure the forms can be built.
 */
import { describe, expectTypeOf, it } from 'vitest';
import { Form, forms, ModelForm, type FormFile, type ImageUpload } from '../src/index.js';
import { Article, Author, Tag } from './models.js';

describe('cleaned data types', () => {
  it('types each field from its declaration and its required option', () => {
    class Everything extends Form.define({
      name: forms.char(),
      nickname: forms.char({ required: false }),
      nullableText: forms.char({ required: false, emptyValue: null }),
      email: forms.email(),
      age: forms.integer(),
      height: forms.float({ required: false }),
      price: forms.decimal({ maxDigits: 5, decimalPlaces: 2 }),
      agreed: forms.boolean(),
      maybe: forms.nullBoolean(),
      color: forms.choice({ choices: [['r', 'Red']] }),
      size: forms.typedChoice({ choices: [[1, 'S']], coerce: Number }),
      tags: forms.multipleChoice({ choices: [['a', 'A']] }),
      day: forms.date(),
      at: forms.dateTime({ required: false }),
      took: forms.duration(),
      id: forms.uuid({ required: false }),
      data: forms.json<{ a: number }>(),
      upload: forms.file(),
      photo: forms.image({ required: false }),
      author: forms.modelChoice({ queryset: Author.objects }),
      extra: forms.modelMultipleChoice({ queryset: Tag.objects }),
    }) {}
    const form = new Everything();
    const data = form.cleanedData;
    expectTypeOf(data.name).toEqualTypeOf<string>();
    expectTypeOf(data.nickname).toEqualTypeOf<string>();
    expectTypeOf(data.nullableText).toEqualTypeOf<string | null>();
    expectTypeOf(data.email).toEqualTypeOf<string>();
    expectTypeOf(data.age).toEqualTypeOf<number>();
    expectTypeOf(data.height).toEqualTypeOf<number | null>();
    expectTypeOf(data.price).toEqualTypeOf<string>();
    expectTypeOf(data.agreed).toEqualTypeOf<boolean>();
    expectTypeOf(data.maybe).toEqualTypeOf<boolean | null>();
    expectTypeOf(data.color).toEqualTypeOf<string>();
    expectTypeOf(data.size).toEqualTypeOf<number | ''>();
    expectTypeOf(data.tags).toEqualTypeOf<string[]>();
    expectTypeOf(data.day).toEqualTypeOf<string>();
    expectTypeOf(data.at).toEqualTypeOf<Date | null>();
    expectTypeOf(data.took).toEqualTypeOf<number>();
    expectTypeOf(data.id).toEqualTypeOf<string | null>();
    expectTypeOf(data.data).toEqualTypeOf<{ a: number }>();
    expectTypeOf(data.upload).toEqualTypeOf<FormFile>();
    expectTypeOf(data.photo).toEqualTypeOf<ImageUpload | null>();
    expectTypeOf(data.author).toEqualTypeOf<Author>();
    expectTypeOf(data.extra).toEqualTypeOf<Tag[]>();
    // @ts-expect-error: no such field
    void data.nope;
    // @ts-expect-error: get() only knows the declared names
    void (() => form.get('nope'));
  });

  it('types a ModelForm’s cleaned data from the model', () => {
    class ArticleForm extends ModelForm.define(Article, { fields: ['title', 'views', 'author', 'tags'] }) {}
    const data = new ArticleForm().cleanedData;
    expectTypeOf(data.title).toEqualTypeOf<string>();
    expectTypeOf(data.views).toEqualTypeOf<number>();
    expectTypeOf(data.author).toEqualTypeOf<Author>();
    expectTypeOf(data.tags).toEqualTypeOf<Tag[]>();
    // @ts-expect-error: not one of the form's fields
    void data.slug;
    // @ts-expect-error: not a field of Article
    void (() => ModelForm.define(Article, { fields: ['nope'] }));
  });
});

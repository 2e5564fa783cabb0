import { describe, expect, it } from 'vitest';
import { fields, Model, ModelError, registerModels } from '../src/index.js';

// What a JavaScript (or untyped) model file can write that TypeScript would have refused.
const untyped = (options: Record<string, unknown>): never => options as never;

describe('field options checked when the models load', () => {
  it('refuses a misspelt option, naming the model, the field and the option it meant', () => {
    class Post extends Model.define({ title: fields.char(untyped({ maxLength: 10, maxLenght: 10 })) }) {}
    expect(() => registerModels('typo_blog', { Post })).toThrow(ModelError);
    expect(() => Post._meta).toThrow(
      'Post.title: unknown option "maxLenght" for fields.char(). Did you mean "maxLength"? Valid options: blank, choices, dbCollation, dbColumn, dbIndex, default, editable, helpText, maxLength, null, primaryKey, unique, validators, verboseName.',
    );
  });

  it('refuses an option another field type takes (autoNow on an integer) with the valid ones listed', () => {
    class Entry extends Model.define({ views: fields.integer(untyped({ autoNow: true })) }, { appLabel: 'typo_entries' }) {}
    expect(() => Entry._meta).toThrow(
      'Entry.views: unknown option "autoNow" for fields.integer(). Valid options: blank, choices, dbColumn, dbIndex, default, editable, helpText, null, primaryKey, unique, validators, verboseName.',
    );
  });

  it('refuses an unknown onDelete with a suggestion and the choices, and a missing one', () => {
    class Author extends Model.define({ name: fields.text() }, { appLabel: 'typo_fk' }) {}
    class Book extends Model.define({ author: fields.foreignKey(Author, untyped({ onDelete: 'CASCADEE' })) }, { appLabel: 'typo_fk' }) {}
    expect(() => Book._meta).toThrow(
      'Book.author: onDelete "CASCADEE" is not valid. Did you mean "CASCADE"? Choices are: CASCADE, PROTECT, RESTRICT, SET_NULL, SET_DEFAULT, DO_NOTHING.',
    );
    class Review extends Model.define({ book: fields.oneToOne(Book, untyped({})) }, { appLabel: 'typo_fk' }) {}
    expect(() => Review._meta).toThrow(
      "Review.book: fields.oneToOne() needs onDelete, one of CASCADE, PROTECT, RESTRICT, SET_NULL, SET_DEFAULT, DO_NOTHING (Django's on_delete).",
    );
  });

  it('refuses dbCollation on a field type without collation, or when it is not a name', () => {
    class Score extends Model.define({ points: fields.integer(untyped({ dbCollation: 'C' })) }, { appLabel: 'typo_collation' }) {}
    expect(() => Score._meta).toThrow('Score.points: unknown option "dbCollation" for fields.integer().');
    class Label extends Model.define({ name: fields.char(untyped({ maxLength: 5, dbCollation: 7 })) }, { appLabel: 'typo_collation' }) {}
    expect(() => Label._meta).toThrow('Label.name: dbCollation must be a collation name (a non-empty string), got 7.');
  });

  it('refuses column options on a many-to-many field and accepts its own', () => {
    class Tag extends Model.define({ name: fields.text() }, { appLabel: 'typo_m2m' }) {}
    class Photo extends Model.define({ tags: fields.manyToMany(Tag, untyped({ null: true })) }, { appLabel: 'typo_m2m' }) {}
    expect(() => Photo._meta).toThrow(
      'Photo.tags: unknown option "null" for fields.manyToMany(). Valid options: blank, dbIndex, dbTable, editable, helpText, limitChoicesTo, relatedName, through, verboseName.',
    );
    class Album extends Model.define(
      { tags: fields.manyToMany(Tag, { relatedName: 'albums', dbTable: 'typo_album_tags', blank: true }) },
      { appLabel: 'typo_m2m' },
    ) {}
    expect(Album._meta.getField('tags')?.type).toBe('manyToMany');
  });
});

import { describe, expect, it } from 'vitest';
import { lookupSpawnsDuplicates } from '../src/lookup-spawns-duplicates.js';
import { Book, Copy, Publisher, Tag } from './support/library.js';
import { Article, Comment } from './support/shop-models.js';
import './support/stack.js';

describe('which search paths need DISTINCT (Django’s lookup_spawns_duplicates)', () => {
  it('needs none for fields and forward foreign keys, which match a row once', () => {
    expect(lookupSpawnsDuplicates(Article as never, 'title')).toBe(false);
    expect(lookupSpawnsDuplicates(Article as never, 'title__iexact')).toBe(false);
    expect(lookupSpawnsDuplicates(Article as never, 'author__name')).toBe(false);
    expect(lookupSpawnsDuplicates(Comment as never, 'article__author__name')).toBe(false);
    expect(lookupSpawnsDuplicates(Book as never, 'publisher__name')).toBe(false);
    expect(lookupSpawnsDuplicates(Copy as never, 'book__title')).toBe(false);
  });

  it('needs it across a manyToMany field or a relation seen from its target', () => {
    expect(lookupSpawnsDuplicates(Book as never, 'tags__name')).toBe(true);
    expect(lookupSpawnsDuplicates(Tag as never, 'books__title')).toBe(true);
    expect(lookupSpawnsDuplicates(Article as never, 'comments__text')).toBe(true);
    expect(lookupSpawnsDuplicates(Publisher as never, 'book__title')).toBe(true);
    expect(lookupSpawnsDuplicates(Comment as never, 'article__comments__text')).toBe(true);
  });
});

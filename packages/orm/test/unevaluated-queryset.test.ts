import { describe, expect, it } from 'vitest';
import { QuerySetError } from '../src/index.js';
import { Post } from './models-fixture.js';
import './support.js';

describe('a QuerySet that was not awaited', () => {
  const message =
    'QuerySet for Post is not evaluated: await it (or pass await qs.all()) before iterating it in a template or loop, or use for await (… of qs).';
  // What a template's compiled loop and untyped code do with a value they think is a list.
  const iterate = (value: unknown) => {
    const seen: unknown[] = [];
    for (const item of value as Iterable<unknown>) seen.push(item);
    return seen;
  };

  it('says to await it when a loop iterates it, before any query runs', () => {
    expect(() => iterate(Post.objects.filter({ title__startswith: 'a' }))).toThrow(QuerySetError);
    expect(() => iterate(Post.objects.all())).toThrow(message);
  });

  it('says the same for spreading and Array.from', () => {
    expect(() => [...(Post.objects.all() as unknown as Iterable<unknown>)]).toThrow(message);
    expect(() => Array.from(Post.objects.all() as unknown as Iterable<unknown>)).toThrow(message);
  });
});

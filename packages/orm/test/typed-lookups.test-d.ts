// Type tests (vitest --typecheck): filter keys, orderBy names and instance fields are checked at compile time.
import { describe, expectTypeOf, it } from 'vitest';
import { Post } from './models-fixture.js';

describe('filter() keys', () => {
  it('accept fields with Django lookups, transforms and relation paths', () => {
    expectTypeOf(Post.objects.filter({ title__icontains: 'x' })).toEqualTypeOf(Post.objects.filter({ title: 'x' }));
    Post.objects.filter({ title__icontains: 'x', publish__year__gte: 2020, author__username__iexact: 'a', pk__in: [1] });
    Post.objects.exclude({ status: 'draft', views__gt: 10 });
  });

  it('make a misspelt field or lookup a compile error', () => {
    // @ts-expect-error -- "titel" is not a field of Post
    Post.objects.filter({ titel__icontains: 'x' });
    // @ts-expect-error -- "icontain" is not a lookup
    Post.objects.filter({ title__icontain: 'x' });
    // @ts-expect-error -- year is a transform of date fields only
    Post.objects.filter({ title__year: 2020 });
  });
});

describe('orderBy() and instances', () => {
  it('make a misspelt ordering a compile error', () => {
    Post.objects.orderBy('-publish', 'title');
    // @ts-expect-error -- no such field to order by
    Post.objects.orderBy('-titel');
  });

  it('type instance fields from the field definitions', () => {
    const post = new Post({ title: 'x' });
    expectTypeOf(post.title).toEqualTypeOf<string>();
    expectTypeOf(post.views).toEqualTypeOf<number>();
    // @ts-expect-error -- views is a number
    const views: string = post.views;
    void views;
  });
});

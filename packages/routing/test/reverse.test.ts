import { describe, expect, it } from 'vitest';
import type { ReverseOptions } from '@manouche/contracts';
import { createResolver, include, NoReverseMatch, path, rePath } from '../src/index.js';

const view = () => null;

function reverseError(run: () => unknown): NoReverseMatch {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(NoReverseMatch);
    return error as NoReverseMatch;
  }
  throw new Error('expected reverse() to throw NoReverseMatch');
}

describe('reverse with kwargs and args', () => {
  it('builds the path from keyword or positional arguments', async () => {
    const resolver = await createResolver([path('blog/<int:year>/<slug:slug>/', view, { name: 'post_detail' })]);
    expect(resolver.reverse('post_detail', { kwargs: { year: 2024, slug: 'hello' } })).toBe('/blog/2024/hello/');
    expect(resolver.reverse('post_detail', { args: [2024, 'hello'] })).toBe('/blog/2024/hello/');
  });

  it('reverses a route without parameters with no options, also through a detached method', async () => {
    const resolver = await createResolver([path('', view, { name: 'home' }), path('about/', view, { name: 'about' })]);
    expect(resolver.reverse('home')).toBe('/');
    const { reverse, resolve } = resolver;
    expect(reverse('about')).toBe('/about/');
    expect(resolve('/about/')?.urlName).toBe('about');
  });

  it('percent-encodes arguments, keeping the characters Django keeps', async () => {
    const resolver = await createResolver([path('search/<str:q>/', view, { name: 'search' }), path('files/<path:p>', view, { name: 'file' })]);
    expect(resolver.reverse('search', { kwargs: { q: 'jazz & blues?#50%' } })).toBe('/search/jazz%20&%20blues%3F%2350%25/');
    expect(resolver.reverse('search', { kwargs: { q: 'café' } })).toBe('/search/caf%C3%A9/');
    expect(resolver.reverse('search', { kwargs: { q: "a+b=c;d:e@f!$'()*,~" } })).toBe("/search/a+b=c;d:e@f!$'()*,~/");
    expect(resolver.reverse('file', { kwargs: { p: 'docs/read me.txt' } })).toBe('/files/docs/read%20me.txt');
  });

  it('round-trips through resolve', async () => {
    const resolver = await createResolver([path('search/<str:q>/', view, { name: 'search' })]);
    const url = resolver.reverse('search', { kwargs: { q: 'a b?c' } });
    expect(resolver.resolve(decodeURIComponent(url))?.kwargs).toEqual({ q: 'a b?c' });
  });

  it('refuses a value a converter does not accept, such as a slash in <str:...>', async () => {
    const resolver = await createResolver([path('search/<str:q>/', view, { name: 'search' })]);
    const error = reverseError(() => resolver.reverse('search', { kwargs: { q: 'a/b' } }));
    expect(error.message).toContain('q = "a/b" does not match <str:q>');
  });

  it('escapes a leading double slash so the URL is not scheme-relative', async () => {
    const resolver = await createResolver([path('<path:p>', view, { name: 'any' })]);
    expect(resolver.reverse('any', { kwargs: { p: '/evil.com' } })).toBe('/%2Fevil.com');
  });

  it('reverses rePath patterns with named and positional groups', async () => {
    const resolver = await createResolver([
      rePath('^archive/(?P<year>[0-9]{4})/$', view, { name: 'year' }),
      rePath(/^item\/([0-9]+)\/([a-z]+)\/$/, view, { name: 'item' }),
    ]);
    expect(resolver.reverse('year', { kwargs: { year: 1999 } })).toBe('/archive/1999/');
    expect(resolver.reverse('item', { args: [7, 'x'] })).toBe('/item/7/x/');
    expect(reverseError(() => resolver.reverse('year', { kwargs: { year: 99 } })).message).toContain('year = 99 does not match (?<year>[0-9]{4})');
  });

  it('fills in default kwargs and refuses conflicting ones', async () => {
    const resolver = await createResolver([path('feed/', view, { name: 'feed', kwargs: { format: 'rss' } })]);
    expect(resolver.reverse('feed')).toBe('/feed/');
    expect(resolver.reverse('feed', { kwargs: { format: 'rss' } })).toBe('/feed/');
    expect(reverseError(() => resolver.reverse('feed', { kwargs: { format: 'atom' } })).message).toContain(
      `kwargs.format = "atom" differs from the pattern's default "rss"`,
    );
  });

  it('includes parameters of include prefixes', async () => {
    const resolver = await createResolver([path('<slug:lang>/', include([path('about/<int:page>/', view, { name: 'about' })]))]);
    expect(resolver.reverse('about', { kwargs: { lang: 'fr', page: 2 } })).toBe('/fr/about/2/');
    expect(resolver.reverse('about', { args: ['fr', 2] })).toBe('/fr/about/2/');
  });

  it('tries the last-defined pattern of a shared name first, as Django does', async () => {
    const resolver = await createResolver([
      path('a/<int:id>/', view, { name: 'thing' }),
      path('b/<int:id>/', view, { name: 'thing' }),
      path('c/<slug:slug>/', view, { name: 'thing' }),
    ]);
    expect(resolver.reverse('thing', { kwargs: { id: 1 } })).toBe('/b/1/');
    expect(resolver.reverse('thing', { kwargs: { slug: 'x' } })).toBe('/c/x/');
  });
});

describe('reverse with namespaces', () => {
  const blogUrls = {
    appName: 'blog',
    default: [path('', view, { name: 'index' }), path('<int:year>/<slug:slug>/', view, { name: 'post_detail' })],
  };

  it('reverses through an application namespace taken from the module', async () => {
    const resolver = await createResolver([path('blog/', include(blogUrls))]);
    expect(resolver.reverse('blog:post_detail', { kwargs: { year: 2024, slug: 'hi' } })).toBe('/blog/2024/hi/');
    expect(() => resolver.reverse('post_detail', { kwargs: { year: 2024, slug: 'hi' } })).toThrow(NoReverseMatch);
  });

  it('picks the instance matching currentApp, then the default instance, then the last deployed one', async () => {
    const resolver = await createResolver([
      path('author-blog/', include(blogUrls, { namespace: 'author-blog' })),
      path('publisher-blog/', include(blogUrls, { namespace: 'publisher-blog' })),
    ]);
    expect(resolver.reverse('blog:index', { currentApp: 'author-blog' })).toBe('/author-blog/');
    expect(resolver.reverse('blog:index')).toBe('/publisher-blog/');
    expect(resolver.reverse('author-blog:index')).toBe('/author-blog/');
    const withDefault = await createResolver([path('blog/', include(blogUrls)), path('other-blog/', include(blogUrls, { namespace: 'other-blog' }))]);
    expect(withDefault.reverse('blog:index')).toBe('/blog/');
    expect(withDefault.reverse('blog:index', { currentApp: 'other-blog' })).toBe('/other-blog/');
  });

  it('follows nested namespaces and namespaces inside non-namespaced includes', async () => {
    const api = { appName: 'api', default: [path('v1/', include([path('users/<int:id>/', view, { name: 'user' })], { namespace: 'v1' }))] };
    const resolver = await createResolver([path('', include([path('api/', include(api))]))]);
    expect(resolver.reverse('api:v1:user', { args: [3] })).toBe('/api/v1/users/3/');
  });

  it('uses include({ namespace }) without an app name as both namespaces', async () => {
    const resolver = await createResolver([path('shop/', include([path('cart/', view, { name: 'cart' })], { namespace: 'shop' }))]);
    expect(resolver.reverse('shop:cart')).toBe('/shop/cart/');
    expect(resolver.resolve('/shop/cart/')).toMatchObject({ namespaces: ['shop'], appNames: ['shop'] });
  });
});

describe('NoReverseMatch messages', () => {
  it('lists each candidate pattern and why it did not fit', async () => {
    const resolver = await createResolver([
      path('blog/<int:year>/', view, { name: 'archive' }),
      path('blog/<int:year>/<int:month>/', view, { name: 'archive' }),
    ]);
    const error = reverseError(() => resolver.reverse('archive', { kwargs: { year: 'twenty' } }));
    expect(error.code).toBe('MANOUCHE_NO_REVERSE_MATCH');
    expect(error.viewName).toBe('archive');
    expect(error.candidates).toEqual([
      { route: 'blog/<int:year>/<int:month>/', reason: 'expects keyword arguments {year, month}: missing "month"' },
      { route: 'blog/<int:year>/', reason: 'year = "twenty" does not match <int:year>' },
    ]);
    expect(error.message).toBe(
      'Reverse for "archive" with keyword arguments {year: "twenty"} not found. 2 pattern(s) tried:\n' +
        '  - "blog/<int:year>/<int:month>/": expects keyword arguments {year, month}: missing "month"\n' +
        '  - "blog/<int:year>/": year = "twenty" does not match <int:year>',
    );
  });

  it('explains a wrong number of positional arguments and unexpected kwargs', async () => {
    const resolver = await createResolver([path('p/<int:id>/', view, { name: 'post' })]);
    expect(reverseError(() => resolver.reverse('post', { args: [1, 2] })).message).toContain('expects 1 positional argument(s) (id), got 2');
    expect(reverseError(() => resolver.reverse('post', { kwargs: { id: 1, extra: 2 } })).message).toContain('unexpected "extra"');
    expect(reverseError(() => resolver.reverse('post', { args: [1], kwargs: { id: 1 } } as unknown as ReverseOptions)).message).toContain(
      'both args and kwargs',
    );
  });

  it('suggests the closest name for an unknown one', async () => {
    const resolver = await createResolver([path('blog/', include({ appName: 'blog', default: [path('<int:id>/', view, { name: 'post_detail' })] }))]);
    const error = reverseError(() => resolver.reverse('blog:post_detial', { args: [1] }));
    expect(error.message).toBe(
      'Reverse for "blog:post_detial" not found: "post_detial" is not a URL name in namespace "blog". Did you mean "blog:post_detail"?',
    );
    expect(reverseError(() => resolver.reverse('post_detail', { args: [1] })).message).toContain('Did you mean "blog:post_detail"?');
  });

  it('names an unknown namespace and the namespaces that exist', async () => {
    const resolver = await createResolver([path('blog/', include([path('', view, { name: 'index' })], { namespace: 'blog' }))]);
    expect(reverseError(() => resolver.reverse('blg:index')).message).toBe(
      'Reverse for "blg:index" failed: "blg" is not a registered namespace. Did you mean "blog"?',
    );
    expect(reverseError(() => resolver.reverse('blog:inner:index')).message).toBe(
      'Reverse for "blog:inner:index" failed: "inner" is not a registered namespace inside "blog". No namespaces are registered here.',
    );
  });

  it('says why a rePath regex cannot be reversed', async () => {
    const resolver = await createResolver([rePath('^(?:a|b)/[0-9]+/$', view, { name: 'complex' })]);
    expect(reverseError(() => resolver.reverse('complex')).message).toContain('"(?:a|b)" outside a capturing group');
  });

  it('reports a converter whose toUrl refuses the value', async () => {
    const resolver = await createResolver([path('d/<date:day>/', view, { name: 'day' })], {
      converters: {
        date: {
          regex: '[0-9]{4}-[0-9]{2}-[0-9]{2}',
          toValue: (text: string) => new Date(text),
          toUrl: (value: unknown) => {
            if (!(value instanceof Date)) throw new TypeError('expected a Date');
            return value.toISOString().slice(0, 10);
          },
        },
      },
    });
    expect(resolver.reverse('day', { kwargs: { day: new Date('2024-05-01T00:00:00Z') } })).toBe('/d/2024-05-01/');
    expect(reverseError(() => resolver.reverse('day', { kwargs: { day: '2024-05-01' } })).message).toContain(
      'converter date refused day = "2024-05-01": expected a Date',
    );
  });
});

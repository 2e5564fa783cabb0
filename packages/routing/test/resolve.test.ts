import { describe, expect, it } from 'vitest';
import { createResolver, include, path, rePath } from '../src/index.js';

const view = (label: string) => Object.assign((_request: unknown, _kwargs: unknown) => label, { label });
const labelOf = (match: { view: unknown } | null) => (match === null ? null : (match.view as { label: string }).label);

describe('resolving path() routes', () => {
  it('converts int, slug, str, uuid and path parameters into typed kwargs', async () => {
    const resolver = await createResolver([
      path('blog/<int:year>/<slug:slug>/', view('post')),
      path('user/<str:username>/', view('user')),
      path('order/<uuid:id>/', view('order')),
      path('files/<path:rest>', view('files')),
      path('tag/<name>/', view('tag')),
    ]);
    expect(resolver.resolve('/blog/2024/hello-world/')?.kwargs).toEqual({ year: 2024, slug: 'hello-world' });
    expect(resolver.resolve('/user/jo.smith@x/')?.kwargs).toEqual({ username: 'jo.smith@x' });
    expect(resolver.resolve('/order/0b8e4a3c-1d2e-4f50-8a6b-7c8d9e0f1a2b/')?.kwargs).toEqual({ id: '0b8e4a3c-1d2e-4f50-8a6b-7c8d9e0f1a2b' });
    expect(resolver.resolve('/order/0B8E4A3C-1D2E-4F50-8A6B-7C8D9E0F1A2B/')).toBeNull();
    expect(resolver.resolve('/files/a/b/c.txt')?.kwargs).toEqual({ rest: 'a/b/c.txt' });
    expect(resolver.resolve('/files/')).toBeNull();
    expect(resolver.resolve('/tag/jazz/')?.kwargs).toEqual({ name: 'jazz' });
  });

  it('returns null for a path no pattern matches, including a missing trailing slash', async () => {
    const resolver = await createResolver([path('blog/<int:year>/', view('year'))]);
    expect(resolver.resolve('/blog/2024')).toBeNull();
    expect(resolver.resolve('/blog/twenty/')).toBeNull();
    expect(resolver.resolve('blog/2024/')).toBeNull();
    expect(resolver.resolve('/')).toBeNull();
  });

  it('matches the root route "" at "/" only', async () => {
    const resolver = await createResolver([path('', view('home'), { name: 'home' })]);
    expect(labelOf(resolver.resolve('/'))).toBe('home');
    expect(resolver.resolve('/x')).toBeNull();
  });

  it('reports the url name, namespaces, app names and the full route', async () => {
    const blog = { appName: 'blog', default: [path('<int:year>/<slug:slug>/', view('post'), { name: 'post_detail' })] };
    const resolver = await createResolver([path('news/', include(blog, { namespace: 'news' }))]);
    const match = resolver.resolve('/news/2024/hi/')!;
    expect(match).toMatchObject({
      urlName: 'post_detail',
      namespaces: ['news'],
      appNames: ['blog'],
      route: 'news/<int:year>/<slug:slug>/',
      viewName: 'news:post_detail',
      args: [],
    });
  });

  it('handles decoded paths holding %, ? and # as ordinary characters', async () => {
    const resolver = await createResolver([path('q/<str:text>/', view('q')), path('100%/', view('percent')), path('f/<path:p>', view('f'))]);
    expect(resolver.resolve('/f/a%/b?c#d')?.kwargs).toEqual({ p: 'a%/b?c#d' });
    expect(resolver.resolve('/q/what?/')?.kwargs).toEqual({ text: 'what?' });
    expect(resolver.resolve('/q/50%25 off#1/')?.kwargs).toEqual({ text: '50%25 off#1' });
    expect(labelOf(resolver.resolve('/100%/'))).toBe('percent');
    expect(resolver.resolve('/q/caf\u00e9/')?.kwargs).toEqual({ text: 'caf\u00e9' });
  });

  it('accepts parameters inside a segment, around literal text', async () => {
    const resolver = await createResolver([path('range/<int:start>-<int:end>/', view('range')), path('page-<int:n>.html', view('page'))]);
    expect(resolver.resolve('/range/3-17/')?.kwargs).toEqual({ start: 3, end: 17 });
    expect(resolver.resolve('/page-4.html')?.kwargs).toEqual({ n: 4 });
    expect(resolver.resolve('/range/3-x/')).toBeNull();
  });

  it('passes path() kwargs to the view, overriding captured values as Django does', async () => {
    const resolver = await createResolver([
      path('feed/<slug:format>/', view('feed'), { kwargs: { format: 'rss', limit: 10 } }),
      path('api/', include([path('<int:id>/', view('api'), { kwargs: { version: 2 } })]), { kwargs: { version: 1, scope: 'api' } }),
    ]);
    expect(resolver.resolve('/feed/atom/')?.kwargs).toEqual({ format: 'rss', limit: 10 });
    expect(resolver.resolve('/api/5/')?.kwargs).toEqual({ id: 5, version: 2, scope: 'api' });
  });

  it('rejects an int too large for a JavaScript number instead of rounding it', async () => {
    const resolver = await createResolver([path('n/<int:n>/', view('n'))]);
    expect(resolver.resolve('/n/9007199254740991/')?.kwargs).toEqual({ n: 9007199254740991 });
    expect(resolver.resolve('/n/9007199254740993/')).toBeNull();
  });
});

describe("first match wins, as in Django, where find-my-way's own precedence differs", () => {
  it('sends /12/ to <int:id>/ and /abc/ to <slug:slug>/ when int is declared first', async () => {
    const resolver = await createResolver([path('<int:id>/', view('int')), path('<slug:slug>/', view('slug'))]);
    expect(labelOf(resolver.resolve('/12/'))).toBe('int');
    expect(labelOf(resolver.resolve('/abc/'))).toBe('slug');
  });

  it('sends /12/ to <slug:slug>/ when slug is declared before int', async () => {
    const resolver = await createResolver([path('<slug:slug>/', view('slug')), path('<int:id>/', view('int'))]);
    expect(labelOf(resolver.resolve('/12/'))).toBe('slug');
  });

  it('lets an earlier <slug:slug>/ shadow a later static archive/ (find-my-way would pick the static route)', async () => {
    const resolver = await createResolver([path('<slug:slug>/', view('slug')), path('archive/', view('archive'))]);
    expect(labelOf(resolver.resolve('/archive/'))).toBe('slug');
    expect(resolver.resolve('/archive/')?.kwargs).toEqual({ slug: 'archive' });
  });

  it('lets a static archive/ declared first win over <slug:slug>/', async () => {
    const resolver = await createResolver([path('archive/', view('archive')), path('<slug:slug>/', view('slug'))]);
    expect(labelOf(resolver.resolve('/archive/'))).toBe('archive');
    expect(labelOf(resolver.resolve('/other/'))).toBe('slug');
  });

  it('does not let an earlier <int:id>/ shadow a static route it cannot match', async () => {
    const resolver = await createResolver([path('<int:id>/', view('int')), path('archive/', view('archive'))]);
    expect(labelOf(resolver.resolve('/archive/'))).toBe('archive');
  });

  it('prefers an earlier parameter route over a later route with a static segment', async () => {
    const resolver = await createResolver([path('<int:a>/x/', view('param-first')), path('5/<slug:b>/', view('static-first'))]);
    expect(labelOf(resolver.resolve('/5/x/'))).toBe('param-first');
    expect(labelOf(resolver.resolve('/5/y/'))).toBe('static-first');
  });

  it('falls through to a later catch-all when the route find-my-way picked rejects the value', async () => {
    const resolver = await createResolver([path('<int:id>/', view('int')), path('<path:rest>', view('catch-all'))]);
    expect(labelOf(resolver.resolve('/abc/'))).toBe('catch-all');
    expect(labelOf(resolver.resolve('/7/'))).toBe('int');
  });

  it('tries overlapping rePath regexes in declaration order', async () => {
    const specialFirst = await createResolver([rePath('^articles/2003/$', view('special')), rePath('^articles/(?P<year>[0-9]{4})/$', view('year'))]);
    expect(labelOf(specialFirst.resolve('/articles/2003/'))).toBe('special');
    expect(specialFirst.resolve('/articles/2004/')?.kwargs).toEqual({ year: '2004' });
    const yearFirst = await createResolver([rePath('^articles/(?P<year>[0-9]{4})/$', view('year')), rePath('^articles/2003/$', view('special'))]);
    expect(labelOf(yearFirst.resolve('/articles/2003/'))).toBe('year');
  });

  it('lets an earlier include shadow a later pattern, and skips an include whose patterns all fail', async () => {
    const resolver = await createResolver([
      path('blog/', include([path('<int:id>/', view('blog-post'))])),
      path('blog/latest/', view('latest')),
      path('blog/<slug:slug>/', view('blog-slug')),
    ]);
    expect(labelOf(resolver.resolve('/blog/3/'))).toBe('blog-post');
    expect(labelOf(resolver.resolve('/blog/latest/'))).toBe('latest');
    expect(labelOf(resolver.resolve('/blog/other/'))).toBe('blog-slug');
  });
});

describe('resolving rePath() regexes', () => {
  it('gives named groups as string kwargs and unnamed groups as positional args', async () => {
    const resolver = await createResolver([
      rePath('^named/(?P<year>[0-9]{4})/(?<month>[0-9]{2})/$', view('named')),
      rePath(/^positional\/([0-9]+)\/([a-z]+)\/$/, view('positional')),
    ]);
    expect(resolver.resolve('/named/2024/05/')).toMatchObject({ kwargs: { year: '2024', month: '05' }, args: [] });
    expect(resolver.resolve('/positional/12/ab/')).toMatchObject({ kwargs: {}, args: ['12', 'ab'] });
  });

  it('drops optional named groups that did not take part in the match', async () => {
    const resolver = await createResolver([rePath('^list/(?:page-(?P<page>[0-9]+)/)?$', view('list'))]);
    expect(resolver.resolve('/list/')?.kwargs).toEqual({});
    expect(resolver.resolve('/list/page-3/')?.kwargs).toEqual({ page: '3' });
  });

  it('treats a leaf regex without $ as a prefix match, as Django does', async () => {
    const resolver = await createResolver([rePath('^legacy/', view('legacy')), rePath('^old', view('old'))]);
    expect(labelOf(resolver.resolve('/legacy/'))).toBe('legacy');
    expect(labelOf(resolver.resolve('/legacy/any/thing'))).toBe('legacy');
    expect(labelOf(resolver.resolve('/oldies'))).toBe('old');
  });

  it('searches an unanchored regex anywhere, but full-matches an endpoint regex ending in $', async () => {
    const searched = await createResolver([rePath('feed\\.xml', view('feed'))]);
    expect(labelOf(searched.resolve('/blog/feed.xml'))).toBe('feed');
    expect(labelOf(searched.resolve('/blog/feed.xmlx'))).toBe('feed');
    const fullMatched = await createResolver([rePath('feed\\.xml$', view('feed'))]);
    expect(labelOf(fullMatched.resolve('/feed.xml'))).toBe('feed');
    expect(fullMatched.resolve('/blog/feed.xml')).toBeNull();
  });

  it('mounts includes under a regex prefix with captured kwargs passed down', async () => {
    const resolver = await createResolver([rePath('^(?P<lang>[a-z]{2})/', include([path('about/', view('about'))]))]);
    expect(resolver.resolve('/fr/about/')).toMatchObject({ kwargs: { lang: 'fr' }, route: '^(?P<lang>[a-z]{2})/about/' });
  });

  it('matches a path converter followed by more route text with a wildcard route', async () => {
    const resolver = await createResolver([path('docs/<path:page>/edit/', view('edit')), path('docs/<path:page>', view('read'))]);
    expect(resolver.resolve('/docs/a/b/edit/')).toMatchObject({ kwargs: { page: 'a/b' } });
    expect(labelOf(resolver.resolve('/docs/a/b/'))).toBe('read');
    expect(resolver.stats()).toMatchObject({ routerRoutes: 1, levelByLevel: 0 });
  });
});

describe('parameters that may contain slashes', () => {
  it('matches a custom converter whose regex crosses segments, before more route text', async () => {
    const resolver = await createResolver([path('wiki/<title:t>/history/', view('history')), path('wiki/<title:t>/', view('page'))], {
      converters: { title: { regex: '[A-Za-z/ ]+', toValue: (text: string) => text.split('/'), toUrl: (parts: string[]) => parts.join('/') } },
    });
    expect(resolver.resolve('/wiki/Music/Jazz/history/')).toMatchObject({ kwargs: { t: ['Music', 'Jazz'] } });
    expect(labelOf(resolver.resolve('/wiki/Music/Jazz/'))).toBe('page');
  });

  it('matches a rePath group that crosses segments', async () => {
    const resolver = await createResolver([rePath('^raw/(?P<file>.+)/download/$', view('raw')), path('raw/<slug:s>/', view('slug'))]);
    expect(resolver.resolve('/raw/a/b.txt/download/')).toMatchObject({ kwargs: { file: 'a/b.txt' } });
    expect(labelOf(resolver.resolve('/raw/abc/'))).toBe('slug');
  });

  it('checks an un-analysable regex (alternation) in order with the rest', async () => {
    const resolver = await createResolver([path('a/', view('first')), rePath('^(?:a|b)/$', view('alternation')), path('b/', view('shadowed'))]);
    expect(labelOf(resolver.resolve('/a/'))).toBe('first');
    expect(labelOf(resolver.resolve('/b/'))).toBe('alternation');
    expect(resolver.stats()).toEqual({ endpoints: 3, routerRoutes: 3, levelByLevel: 1 });
  });
});

describe('describePatterns', () => {
  it('lists every pattern in resolution order as the DEBUG 404 page shows them', async () => {
    const resolver = await createResolver([
      path('blog/', include({ appName: 'blog', default: [path('<int:year>/', view('y'), { name: 'archive' }), path('about/', view('a'))] })),
      rePath('^legacy/$', view('l'), { name: 'legacy' }),
    ]);
    expect(resolver.describePatterns()).toEqual(["blog/ <int:year>/ [name='archive']", 'blog/ about/', "^legacy/$ [name='legacy']"]);
  });
});

describe('compilation onto find-my-way', () => {
  it('resolves the same on a URLconf too large for find-my-way compiled mode (over 500 routes)', async () => {
    const pages = Array.from({ length: 600 }, (_, i) => path(`page-${i}/`, view(`page-${i}`)));
    const resolver = await createResolver([
      path('<slug:slug>/', view('slug-first')),
      ...pages,
      path('q/<str:text>/', view('q')),
      path('<int:id>/', view('int')),
    ]);
    expect(resolver.stats().routerRoutes).toBe(602);
    expect(labelOf(resolver.resolve('/page-599/'))).toBe('slug-first');
    expect(labelOf(resolver.resolve('/7/'))).toBe('slug-first');
    expect(resolver.resolve('/q/50% off?#/')?.kwargs).toEqual({ text: '50% off?#' });
    expect(resolver.resolve('/nope/x/')).toBeNull();
  });

  it('registers one router route per distinct shape, not one per pattern', async () => {
    const resolver = await createResolver([
      path('<int:id>/', view('a')),
      path('<slug:slug>/', view('b')),
      path('<uuid:u>/', view('c')),
      path('x/<int:id>/', view('d')),
    ]);
    expect(resolver.stats()).toEqual({ endpoints: 4, routerRoutes: 2, levelByLevel: 0 });
  });
});

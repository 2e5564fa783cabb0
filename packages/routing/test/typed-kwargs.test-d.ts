// Type tests (vitest --typecheck): a view's kwargs are typed from its route text.
import { describe, expectTypeOf, it } from 'vitest';
import { include, path, rePath, type RegexKwargs, type RouteKwargs, type UrlConf } from '../src/index.js';

declare module '../src/index.js' {
  interface ConverterTypes {
    year4: number;
  }
}

describe('RouteKwargs and RegexKwargs', () => {
  it('read converter types from a route literal', () => {
    expectTypeOf<RouteKwargs<'blog/<int:year>/<slug:slug>/'>>().toEqualTypeOf<{ year: number; slug: string }>();
    expectTypeOf<RouteKwargs<'<uuid:id>/<path:rest>'>>().toEqualTypeOf<{ id: string; rest: string }>();
    expectTypeOf<RouteKwargs<'tag/<name>/'>>().toEqualTypeOf<{ name: string }>();
    expectTypeOf<RouteKwargs<'about/'>>().toEqualTypeOf<{}>();
  });

  it('use a registered converter type, and unknown for an unknown converter', () => {
    expectTypeOf<RouteKwargs<'archive/<year4:y>/'>>().toEqualTypeOf<{ y: number }>();
    expectTypeOf<RouteKwargs<'x/<custom:c>/'>>().toEqualTypeOf<{ c: unknown }>();
  });

  it('fall back to a record for a route that is not a literal', () => {
    expectTypeOf<RouteKwargs<string>>().toEqualTypeOf<Record<string, unknown>>();
  });

  it('read named groups of a regex, in Python and JavaScript syntax, as strings', () => {
    expectTypeOf<RegexKwargs<'^a/(?P<year>[0-9]{4})/(?<month>[0-9]{2})/$'>>().toEqualTypeOf<{ year: string; month: string }>();
  });
});

describe('path() and rePath()', () => {
  it('type an inline view by its route', () => {
    path('blog/<int:year>/<slug:slug>/', (_request, kwargs) => {
      expectTypeOf(kwargs).toEqualTypeOf<{ year: number; slug: string }>();
      // @ts-expect-error the route has no `id`
      return kwargs.id;
    });
    rePath('^y/(?P<year>[0-9]{4})/$', (_request, kwargs) => expectTypeOf(kwargs.year).toEqualTypeOf<string>());
  });

  it('reject a view expecting other kwargs than its route gives', () => {
    // @ts-expect-error the route gives `id: number`, the view wants a string
    path('p/<int:id>/', (_request: unknown, kwargs: { id: string }) => kwargs.id);
    // @ts-expect-error the route has no `slug`
    path('p/<int:id>/', (_request: unknown, kwargs: { slug: string }) => kwargs.slug);
    path('p/<int:id>/', (_request: unknown, kwargs: Record<string, unknown>) => kwargs.id);
  });

  it("keep the view's own request type, and non-function views as they are", () => {
    const annotated = path('p/<int:id>/', (request: { user: string }, kwargs) => `${request.user}:${kwargs.id.toFixed(0)}`);
    expectTypeOf(annotated.view).parameter(0).toEqualTypeOf<{ user: string }>();
    expectTypeOf(path('h/', { template: 'page.html' }).view).toEqualTypeOf<{ template: string }>();
  });

  it("fit a URLconf typed with a framework's view signature", () => {
    type CoreView = (request: { path: string }, kwargs: Record<string, unknown>) => string;
    const urlpatterns: UrlConf<CoreView> = [
      path('a/<int:id>/', (request, kwargs) => `${request.path}:${kwargs.id.toFixed(0)}`),
      path('c/', include([path('<slug:s>/', (_request: { path: string }, kwargs) => kwargs.s)])),
    ];
    expectTypeOf(urlpatterns).toMatchTypeOf<UrlConf<CoreView>>();
  });
});

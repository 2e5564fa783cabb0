import { describe, expect, expectTypeOf, it } from 'vitest';
import { createResolver, include, path, rePath, type Resolver, type UrlConf } from '../src/index.js';
import type { UrlResolver as ContractResolver } from '@manouche/contracts';

declare module '../src/index.js' {
  interface ConverterTypes {
    year4: number;
  }
}

// The run-time side of typed kwargs; the pure type promises are in typed-kwargs.test-d.ts (vitest --typecheck).
describe('kwargs typed from the route text', () => {
  it('types an inline view by its route, and rejects a view expecting other kwargs', () => {
    const pattern = path('blog/<int:year>/<slug:slug>/', (_request, kwargs) => {
      expectTypeOf(kwargs).toEqualTypeOf<{ year: number; slug: string }>();
      return `${kwargs.year + 1}/${kwargs.slug.toUpperCase()}`;
    });
    expect(pattern.kind).toBe('pattern');
    const annotated = path('p/<int:id>/', (request: { user: string }, kwargs) => `${request.user}:${kwargs.id.toFixed(0)}`);
    expectTypeOf(annotated.view).parameter(0).toEqualTypeOf<{ user: string }>();
    // @ts-expect-error the route gives `id: number`, the view wants a string
    path('p/<int:id>/', (_request: unknown, kwargs: { id: string }) => kwargs.id);
    path('p/<int:id>/', (_request: unknown, kwargs: Record<string, unknown>) => kwargs.id);
    rePath('^y/(?P<year>[0-9]{4})/$', (_request, kwargs) => expectTypeOf(kwargs.year).toEqualTypeOf<string>());
  });

  it("fits a URLconf typed with a framework's view signature", async () => {
    type CoreView = (request: { path: string }, kwargs: Record<string, unknown>) => string;
    const coreView: CoreView = (request) => request.path;
    const urlpatterns: UrlConf<CoreView> = [
      path('a/<int:id>/', (request, kwargs) => `${request.path}:${kwargs.id.toFixed(0)}`),
      path('b/', coreView),
      path('c/', include([path('<slug:s>/', (_request: { path: string }, kwargs) => kwargs.s)])),
    ];
    const resolver = await createResolver(urlpatterns);
    const match = resolver.resolve('/a/7/')!;
    expect(match.view({ path: '/a/7/' }, match.kwargs)).toBe('/a/7/:7');
  });

  it('accepts non-function views as opaque values', async () => {
    const handler = { template: 'page.html' };
    expectTypeOf(path('h/', handler).view).toEqualTypeOf<{ template: string }>();
    const resolver = await createResolver([path('a/', 'view-a'), path('b/', include([path('c/', 'view-c')]))]);
    expectTypeOf(resolver.resolve('/a/')!.view).toEqualTypeOf<string>();
    const contract: ContractResolver<string> = resolver;
    const local: Resolver<string> = resolver;
    expect(contract.resolve('/b/c/')?.view).toBe('view-c');
    expect(local.describePatterns()).toEqual(['a/', 'b/ c/']);
  });
});

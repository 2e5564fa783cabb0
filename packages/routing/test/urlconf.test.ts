import { afterEach, describe, expect, it } from 'vitest';
import {
  ConverterRegistrationError,
  createResolver,
  DuplicateNamespaceError,
  include,
  path,
  registerConverter,
  rePath,
  RouteSyntaxError,
  UnknownConverterError,
  unregisterConverter,
  UrlconfError,
  type UrlConf,
} from '../src/index.js';

const view = () => null;

async function rejection(promise: Promise<unknown>): Promise<Error & { code: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code: string };
  }
  throw new Error('expected a rejection');
}

describe('route syntax errors name the route', () => {
  it('rejects an unbalanced "<" where the route is written', () => {
    expect(() => path('blog/<int:year/', view)).toThrowError(
      new RouteSyntaxError('Route "blog/<int:year/" has an unbalanced "<" at position 5; parameters are written <converter:name>.', 'blog/<int:year/'),
    );
    expect(() => path('blog/int:year>/', view)).toThrow(/has a ">" at position 13 without a matching "<"/);
    expect(() => path('a/<int:x/<int:y>/', view)).toThrow(/unbalanced "<" at position 2/);
  });

  it('rejects parameter names that are not identifiers, whitespace, and repeated names', () => {
    expect(() => path('<int:2x>/', view)).toThrow('Route "<int:2x>/" uses parameter name "2x", which is not a valid identifier');
    expect(() => path('< int:x>/', view)).toThrow('cannot contain whitespace in angle brackets');
    expect(() => path('<int:x>/<slug:x>/', view)).toThrow('uses parameter "x" twice');
    expect(() => path('<:x>/', view)).toThrow('empty converter name');
  });

  it('rejects a rePath regex that does not compile', () => {
    const error = (() => {
      try {
        rePath('^blog/(?P<year>[0-9]{4}/$', view);
      } catch (caught) {
        return caught as RouteSyntaxError;
      }
    })();
    expect(error).toBeInstanceOf(RouteSyntaxError);
    expect(error?.code).toBe('MANOUCHE_ROUTING_ROUTE_SYNTAX');
    expect(error?.message).toMatch(/^rePath regex "\^blog\/\(\?P<year>\[0-9\]\{4\}\/\$" does not compile: /);
  });
});

describe('converters', () => {
  afterEach(() => {
    unregisterConverter('year4');
  });

  it('rejects an unknown converter at createResolver, naming the route and suggesting close names', async () => {
    const error = await rejection(createResolver([path('blog/', include([path('<itn:year>/', view)]))]));
    expect(error).toBeInstanceOf(UnknownConverterError);
    expect(error.code).toBe('MANOUCHE_ROUTING_UNKNOWN_CONVERTER');
    expect(error.message).toBe(
      'Route "<itn:year>/" (in "blog/" in the root URLconf) uses unknown converter "itn" in <itn:year>. Did you mean "int"? ' +
        'Known converters: str, int, slug, uuid, path; add one with registerConverter() or createResolver(..., { converters }).',
    );
  });

  it('uses a registered converter to match, convert and reverse', async () => {
    registerConverter('year4', { regex: '[0-9]{4}', toValue: (text) => Number(text), toUrl: (year: number) => String(year).padStart(4, '0') });
    const resolver = await createResolver([path('archive/<year4:year>/', view, { name: 'archive' })]);
    expect(resolver.resolve('/archive/0999/')?.kwargs).toEqual({ year: 999 });
    expect(resolver.resolve('/archive/999/')).toBeNull();
    expect(resolver.reverse('archive', { args: [999] })).toBe('/archive/0999/');
  });

  it('moves on to the next pattern when toValue throws, as Django does on ValueError', async () => {
    const resolver = await createResolver([path('<even:n>/', () => 'even'), path('<int:n>/', () => 'int')], {
      converters: {
        even: {
          regex: '[0-9]+',
          toValue: (text: string) => {
            if (Number(text) % 2) throw new RangeError('odd');
            return Number(text);
          },
          toUrl: String,
        },
      },
    });
    expect((resolver.resolve('/4/')!.view as () => string)()).toBe('even');
    expect((resolver.resolve('/5/')!.view as () => string)()).toBe('int');
  });

  it('refuses bad registrations: taken names, invalid regexes, capturing groups', () => {
    expect(() => registerConverter('int', { regex: '[0-9]+', toValue: Number, toUrl: String })).toThrowError(
      new ConverterRegistrationError('Converter "int" is already registered; pick another name.', 'int'),
    );
    expect(() => registerConverter('bad', { regex: '[0-9', toValue: Number, toUrl: String })).toThrow(/^Converter "bad" has an invalid regex \/\[0-9\/: /);
    expect(() => registerConverter('grouped', { regex: '([0-9]+)', toValue: Number, toUrl: String })).toThrow('has a capturing group; use (?:...)');
    expect(() => registerConverter('has space', { regex: 'x', toValue: String, toUrl: String })).toThrow('must be an identifier');
  });
});

describe('includes and URLconf modules', () => {
  const modules: Record<string, unknown> = {
    'blog.urls': { appName: 'blog', default: [path('<int:id>/', view, { name: 'detail' })] },
    'shop.urls': { urlpatterns: [path('cart/', view, { name: 'cart' })] },
    'mysite.urls': { default: [path('blog/', include('blog.urls')), path('shop/', include('shop.urls', { namespace: 'shop' }))] },
    'loop.urls': { default: [path('again/', include('loop.urls'))] },
    'empty.urls': { urlpatterns: 'nope' },
  };
  const importModule = async (specifier: string) => {
    if (!(specifier in modules)) throw new Error(`Cannot find module '${specifier}'`);
    return modules[specifier];
  };

  it('loads dotted module names through importModule, for the root and for includes', async () => {
    const resolver = await createResolver('mysite.urls', { importModule });
    expect(resolver.reverse('blog:detail', { args: [4] })).toBe('/blog/4/');
    expect(resolver.reverse('shop:cart')).toBe('/shop/cart/');
    expect(resolver.resolve('/blog/4/')).toMatchObject({ kwargs: { id: 4 }, appNames: ['blog'], namespaces: ['blog'] });
  });

  it('explains a dotted include without importModule, a module that fails to load, and a cycle', async () => {
    expect((await rejection(createResolver([path('blog/', include('blog.urls'))]))).message).toBe(
      'include("blog.urls") at "blog/" in the root URLconf names a module, but createResolver() was given no importModule option to load it.',
    );
    const missing = await rejection(createResolver([path('x/', include('missing.urls'))], { importModule }));
    expect(missing).toBeInstanceOf(UrlconfError);
    expect(missing.code).toBe('MANOUCHE_ROUTING_URLCONF');
    expect(missing.message).toBe(`Could not load URLconf module "missing.urls" (included at "x/" in the root URLconf): Cannot find module 'missing.urls'`);
    expect((await rejection(createResolver('loop.urls', { importModule }))).message).toBe('URLconf "loop.urls" includes itself (loop.urls -> loop.urls).');
  });

  it('explains a module without patterns and a non-pattern entry', async () => {
    expect((await rejection(createResolver([path('e/', include('empty.urls'))], { importModule }))).message).toBe(
      'The URLconf "empty.urls" does not have any patterns in it: expected an array of path()/rePath() entries, or a module exporting one as default (or urlpatterns).',
    );
    const bad = [path('a/', view), 'b/'] as unknown as UrlConf<unknown>;
    expect((await rejection(createResolver(bad))).message).toBe('Entry 1 of the URLconf the root URLconf is string "b/"; expected path(...) or rePath(...).');
  });

  it('rejects two includes claiming one instance namespace, naming both routes', async () => {
    const patterns = [path('', view, { name: 'index' })];
    const error = await rejection(
      createResolver([path('blog/', include(patterns, { namespace: 'blog' })), path('news/', include(patterns, { namespace: 'blog' }))]),
    );
    expect(error).toBeInstanceOf(DuplicateNamespaceError);
    expect(error.code).toBe('MANOUCHE_ROUTING_DUPLICATE_NAMESPACE');
    expect(error.message).toBe(
      'URL namespace "blog" is used twice in the root URLconf: by the include at "blog/" in the root URLconf and by the include at "news/" in the root URLconf. ' +
        "Give one of them include(..., { namespace: '...' }) with another name.",
    );
  });
});

import { callHttp } from '@manouche/asgi/testing';
import { describe, expect, it } from 'vitest';
import { Http404, HttpResponse, getListOr404, getObjectOr404, permanentRedirect, redirect, render, reverse, type HttpRequest } from '../src/index.js';
import { makeApp } from './support/app.js';
import { fakeTemplates } from './support/fakes.js';

describe('render', () => {
  it('renders through the engine given to createApplication, with status and request', async () => {
    const templates = fakeTemplates({ 'blog/list.html': (c) => `<ul>${(c.posts as string[]).map((p) => `<li>${p}</li>`).join('')}</ul>` });
    const { app } = makeApp([{ route: 'blog/', view: (request: HttpRequest) => render(request, 'blog/list.html', { posts: ['a', 'b'] }, { status: 203 }) }], {
      templates,
    });
    const res = await callHttp(app, { path: '/blog/' });
    expect([res.status, res.text(), res.header('content-type')]).toEqual([203, '<ul><li>a</li><li>b</li></ul>', 'text/html; charset=utf-8']);
  });

  it('says how to fix a missing engine', async () => {
    const { app, logger } = makeApp([{ route: 'blog/', view: (request: HttpRequest) => render(request, 'blog/list.html') }]);
    expect((await callHttp(app, { path: '/blog/' })).status).toBe(500);
    expect((logger.errors[0]!.error as Error).message).toBe("render('blog/list.html') needs a template engine: pass { templates } to createApplication");
  });
});

describe('redirect and reverse', () => {
  const post = { getAbsoluteUrl: () => '/blog/2024/nuages/' };
  const routes = [
    { route: 'blog/<int:year>/<slug:slug>/', view: () => new HttpResponse(''), name: 'post_detail' },
    { route: 'blog/', view: () => new HttpResponse(''), name: 'post_list' },
  ];
  const cases: Array<[string, () => HttpResponse, number, string]> = [
    ['a URL', () => redirect('/elsewhere/'), 302, '/elsewhere/'],
    ['an absolute URL', () => redirect('https://example.com/x'), 302, 'https://example.com/x'],
    ['a relative URL', () => redirect('../up/'), 302, '../up/'],
    ['a URL name', () => redirect('post_list'), 302, '/blog/'],
    ['a URL name with positional args', () => redirect('post_detail', 2024, 'nuages'), 302, '/blog/2024/nuages/'],
    ['a URL name with kwargs', () => permanentRedirect('post_detail', { year: 2023, slug: 'minor-swing' }), 301, '/blog/2023/minor-swing/'],
    ['an object with getAbsoluteUrl', () => redirect(post), 302, '/blog/2024/nuages/'],
    ['a dotted string that is no URL name', () => redirect('page.html'), 302, 'page.html'],
    [
      'reverse() inside a view',
      () => new HttpResponse('', { status: 302, headers: { location: reverse('post_detail', { args: [1, 'x'] }) } }),
      302,
      '/blog/1/x/',
    ],
  ];

  it.each(cases)('redirects to %s', async (_what, make, status, location) => {
    const { app } = makeApp([...routes, { route: 'go/', view: make }]);
    const res = await callHttp(app, { path: '/go/' });
    expect([res.status, res.header('location')]).toEqual([status, location]);
  });

  it('fails for a name that does not reverse and does not look like a URL', async () => {
    const { app, logger } = makeApp([...routes, { route: 'go/', view: () => redirect('post_lst') }]);
    expect((await callHttp(app, { path: '/go/' })).status).toBe(500);
    expect((logger.errors[0]!.error as Error).name).toBe('NoReverseMatch');
  });

  it('needs a request for URL names, not for URLs', () => {
    expect(redirect('/x/').url).toBe('/x/');
    expect(() => redirect('post_list')).toThrow("redirect('post_list') needs the URLconf: call it while a request is handled by createApplication");
    expect(() => reverse('post_list')).toThrow("reverse('post_list') needs the URLconf");
  });
});

/** As the ORM's Post.DoesNotExist: recognised by its contracts code, not its name. */
class PostDoesNotExist extends Error {
  override name = 'Post.DoesNotExist';
  readonly code = 'MANOUCHE_ORM_DOES_NOT_EXIST';
}

/** A queryset-like object as the ORM provides: get() rejects with DoesNotExist, filter() is awaitable. */
function fakeQuerySet(rows: Array<{ slug: string; status: string }>) {
  return {
    model: { name: 'Post' },
    async get(filter: { slug: string }) {
      const found = rows.filter((row) => row.slug === filter.slug);
      if (found.length === 0) throw new PostDoesNotExist('Post matching query does not exist.');
      if (found.length > 1) throw Object.assign(new Error('get() returned more than one Post'), { name: 'MultipleObjectsReturned' });
      return found[0]!;
    },
    filter(filter: { status: string }) {
      const result = rows.filter((row) => row.status === filter.status);
      // Lazy and awaitable like a QuerySet, not a Promise.
      const lazy: PromiseLike<typeof result> = { then: (onFulfilled, onRejected) => Promise.resolve(result).then(onFulfilled, onRejected) };
      return lazy;
    },
  };
}

describe('getObjectOr404 and getListOr404', () => {
  const rows = [
    { slug: 'nuages', status: 'published' },
    { slug: 'dup', status: 'draft' },
    { slug: 'dup', status: 'draft' },
  ];
  const queryset = fakeQuerySet(rows);

  it('returns the object, or raises Http404 naming the model on DoesNotExist', async () => {
    expect(await getObjectOr404(queryset, { slug: 'nuages' })).toEqual(rows[0]);
    await expect(getObjectOr404(queryset, { slug: 'nope' })).rejects.toThrow(new Http404('No Post matches the given query.'));
  });

  it('recognises the ORM error code and models with an objects manager', async () => {
    const Model = {
      name: 'Article',
      objects: {
        get: async () => {
          throw Object.assign(new Error('missing'), { code: 'MANOUCHE_ORM_DOES_NOT_EXIST' });
        },
      },
    };
    await expect(getObjectOr404(Model as never, { id: 1 })).rejects.toThrow('No Article matches the given query.');
    const anonymous = {
      get: async () => {
        throw Object.assign(new Error('missing'), { code: 'MANOUCHE_ORM_DOES_NOT_EXIST' });
      },
    };
    await expect(getObjectOr404(anonymous, {})).rejects.toThrow('No object matches the given query.');
  });

  it('lets other errors through', async () => {
    await expect(getObjectOr404(queryset, { slug: 'dup' })).rejects.toThrow('get() returned more than one Post');
  });

  it('refuses something that is not a queryset', async () => {
    await expect(getObjectOr404({} as never)).rejects.toThrow(
      'First argument to getObjectOr404() must be a Model, Manager or QuerySet with get(filter), not {}.',
    );
  });

  it('returns a non-empty list, or raises Http404', async () => {
    expect(await getListOr404(queryset, { status: 'draft' })).toHaveLength(2);
    await expect(getListOr404(queryset, { status: 'archived' })).rejects.toThrow('No Post matches the given query.');
    async function* rowsOf() {
      yield 1;
    }
    expect(await getListOr404({ filter: () => rowsOf() }, {})).toEqual([1]);
  });

  it('answers 404 through the application', async () => {
    const { app } = makeApp([
      {
        route: 'post/<slug>/',
        view: async (_r: HttpRequest, kwargs: Record<string, unknown>) =>
          new HttpResponse((await getObjectOr404(queryset, { slug: String(kwargs.slug) })).slug),
      },
    ]);
    expect((await callHttp(app, { path: '/post/nuages/' })).text()).toBe('nuages');
    expect((await callHttp(app, { path: '/post/other/' })).status).toBe(404);
  });
});

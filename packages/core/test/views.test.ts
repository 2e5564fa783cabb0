import { callHttp } from '@manouche/asgi/testing';
import { describe, expect, it } from 'vitest';
import { HttpResponse, ImproperlyConfigured, JsonResponse, RedirectView, TemplateView, View, type HttpRequest } from '../src/index.js';
import { makeApp } from './support/app.js';
import { fakeTemplates } from './support/fakes.js';

describe('function views', () => {
  it('receive the request and the converted kwargs', async () => {
    const { app } = makeApp([
      { route: 'blog/<int:year>/<slug:slug>/', view: (_request: HttpRequest, kwargs: Record<string, unknown>) => new JsonResponse(kwargs) },
    ]);
    expect((await callHttp(app, { path: '/blog/2024/minor-swing/' })).json()).toEqual({ year: 2024, slug: 'minor-swing' });
  });

  it('may be async, and a view returning no response is a 500 naming the view', async () => {
    const { app, logger } = makeApp([
      { route: 'async/', view: async () => new HttpResponse('later') },
      {
        route: 'broken/',
        view: function brokenView() {
          return undefined;
        },
      },
    ]);
    expect((await callHttp(app, { path: '/async/' })).text()).toBe('later');
    expect((await callHttp(app, { path: '/broken/' })).status).toBe(500);
    expect((logger.errors[0]!.error as Error).message).toBe("The view brokenView didn't return an HttpResponse object. It returned undefined instead.");
  });

  it('reports a URLconf entry that is not a view', async () => {
    const { app, logger } = makeApp([{ route: 'x/', view: 'blog.views.index' }]);
    expect((await callHttp(app, { path: '/x/' })).status).toBe(500);
    expect((logger.errors[0]!.error as Error).message).toBe('The URL pattern \'x/\' maps to "blog.views.index", not a view function or a View class');
  });
});

class Greeting extends View {
  greeting = 'Hello';
  get(request: HttpRequest, kwargs: Record<string, unknown>) {
    return new HttpResponse(`${this.greeting}, ${String(kwargs.name)}${request.method === 'HEAD' ? '' : '!'}`);
  }
  post() {
    return new HttpResponse('posted', { status: 201 });
  }
}

describe('class-based View', () => {
  const { app } = makeApp([
    { route: 'hi/<name>/', view: Greeting.asView({ greeting: 'Bonjour' }) },
    { route: 'plain/<name>/', view: Greeting },
  ]);

  it('dispatches on the method with asView keyword overrides', async () => {
    expect((await callHttp(app, { path: '/hi/Django/' })).text()).toBe('Bonjour, Django!');
    expect((await callHttp(app, { method: 'POST', path: '/hi/Django/' })).status).toBe(201);
  });

  it('accepts the class itself in the URLconf', async () => {
    expect((await callHttp(app, { path: '/plain/Stéphane/' })).text()).toBe('Hello, Stéphane!');
  });

  it('answers 405 with Allow for a method without handler', async () => {
    const res = await callHttp(app, { method: 'DELETE', path: '/hi/x/' });
    expect([res.status, res.header('allow')]).toEqual([405, 'GET, POST, HEAD, OPTIONS']);
    expect((await callHttp(app, { method: 'BREW', path: '/hi/x/' })).status).toBe(405);
  });

  it('answers OPTIONS with the allowed methods and HEAD with the GET handler', async () => {
    const options = await callHttp(app, { method: 'OPTIONS', path: '/hi/x/' });
    expect([options.status, options.header('allow'), options.header('content-length')]).toEqual([200, 'GET, POST, HEAD, OPTIONS', '0']);
    const head = await callHttp(app, { method: 'HEAD', path: '/hi/x/' });
    expect([head.status, head.header('content-length'), head.body.byteLength]).toEqual([200, '10', 0]);
  });

  it('refuses asView keywords that are methods or unknown attributes', () => {
    expect(() => Greeting.asView({ get: () => new HttpResponse('') } as never)).toThrow(
      'The method name get is not accepted as a keyword argument to Greeting.asView().',
    );
    expect(() => Greeting.asView({ greting: 'typo' } as never)).toThrow(ImproperlyConfigured);
    expect(() => Greeting.asView({ greting: 'typo' } as never)).toThrow("Greeting.asView() received an invalid keyword 'greting'.");
  });

  it('names the view function after the class', () => {
    expect(Greeting.asView().name).toBe('Greeting');
    expect(Greeting.asView().viewClass).toBe(Greeting);
  });
});

describe('TemplateView', () => {
  const templates = fakeTemplates({
    'about.html': (c) => `<h1>${String(c.title)} ${String(c.section)}</h1>`,
    'stats.html': (c) => `posts: ${String(c.count)}`,
  });

  class Stats extends TemplateView {
    override templateName = 'stats.html';
    override async getContextData(kwargs: Record<string, unknown>) {
      return { ...(await super.getContextData(kwargs)), count: 42 };
    }
  }

  const { app, logger } = makeApp(
    [
      { route: 'about/<section>/', view: TemplateView.asView({ templateName: 'about.html', extraContext: { title: 'About' } }) },
      { route: 'stats/', view: Stats.asView() },
      { route: 'none/', view: TemplateView.asView() },
    ],
    { templates },
  );

  it('renders the template with kwargs, view and extraContext', async () => {
    const res = await callHttp(app, { path: '/about/team/' });
    expect(res.text()).toBe('<h1>About team</h1>');
    expect(templates.calls.at(-1)!.context.view).toBeInstanceOf(TemplateView);
    expect(templates.calls.at(-1)!.request).toHaveProperty('method', 'GET');
  });

  it('uses an overridden getContextData', async () => {
    expect((await callHttp(app, { path: '/stats/' })).text()).toBe('posts: 42');
    expect((await callHttp(app, { method: 'POST', path: '/stats/' })).status).toBe(405);
  });

  it('says what is missing without a templateName', async () => {
    expect((await callHttp(app, { path: '/none/' })).status).toBe(500);
    expect((logger.errors.at(-1)!.error as Error).message).toBe(
      "TemplateView requires either a definition of 'templateName' or an implementation of 'getTemplateNames()'",
    );
  });
});

describe('RedirectView', () => {
  const { app } = makeApp([
    { route: 'old/<slug>/', view: RedirectView.asView({ url: '/blog/%(slug)s/' }) },
    { route: 'go/<int:id>/', view: RedirectView.asView({ patternName: 'post', permanent: true, queryString: true }) },
    { route: 'gone/', view: RedirectView.asView() },
    { route: 'post/<int:id>/', view: () => new HttpResponse(''), name: 'post' },
    { route: 'bad/', view: RedirectView.asView({ url: '/x/%(missing)s/' }) },
  ]);

  it('fills %(name)s placeholders from kwargs, 302 by default', async () => {
    const res = await callHttp(app, { path: '/old/nuages/?drop=1' });
    expect([res.status, res.header('location')]).toEqual([302, '/blog/nuages/']);
  });

  it('reverses patternName, permanent, passing the query string on', async () => {
    const res = await callHttp(app, { method: 'POST', path: '/go/5/?utm=x' });
    expect([res.status, res.header('location')]).toEqual([301, '/post/5/?utm=x']);
  });

  it('answers 410 Gone without a target and 500 for a placeholder the URL does not provide', async () => {
    expect((await callHttp(app, { path: '/gone/' })).status).toBe(410);
    expect((await callHttp(app, { path: '/bad/' })).status).toBe(500);
  });
});

import { callHttp, runLifespan } from '@manouche/asgi/testing';
import { describe, expect, it } from 'vitest';
import {
  Http404,
  HttpResponse,
  MiddlewareNotUsed,
  loadMiddleware,
  type GetResponse,
  type HttpRequest,
  type Middleware,
  type MiddlewareHandler,
} from '../src/index.js';
import { makeApp } from './support/app.js';
import { memoryLogger } from './support/fakes.js';
import type { Settings } from '@manouche/contracts';

function tracing(name: string, trail: string[]): Middleware {
  const factory: Middleware = (getResponse) => async (request) => {
    trail.push(`${name} in`);
    const response = await getResponse(request);
    trail.push(`${name} out ${response.status}`);
    response.headers.append('x-trail', name);
    return response;
  };
  Object.defineProperty(factory, 'name', { value: name });
  return factory;
}

describe('the middleware onion', () => {
  it('runs requests in MIDDLEWARE order and responses in reverse', async () => {
    const trail: string[] = [];
    const { app } = makeApp([{ route: 'x/', view: () => (trail.push('view'), new HttpResponse('ok')) }], {
      middleware: [tracing('outer', trail), tracing('inner', trail)],
    });
    const res = await callHttp(app, { path: '/x/' });
    expect(trail).toEqual(['outer in', 'inner in', 'view', 'inner out 200', 'outer out 200']);
    expect(res.header('x-trail')).toBe('inner, outer');
  });

  it('lets every layer see errors below it as responses (404 for a view raising Http404)', async () => {
    const trail: string[] = [];
    const { app } = makeApp(
      [
        {
          route: 'x/',
          view: () => {
            throw new Http404('nope');
          },
        },
      ],
      { middleware: [tracing('outer', trail)] },
    );
    expect((await callHttp(app, { path: '/x/' })).status).toBe(404);
    expect((await callHttp(app, { path: '/unknown/' })).status).toBe(404);
    expect(trail).toEqual(['outer in', 'outer out 404', 'outer in', 'outer out 404']);
  });

  it('turns an error thrown by a middleware into a response for the layers outside it', async () => {
    const trail: string[] = [];
    const failing: Middleware = () => async () => {
      throw new Error('middleware broke');
    };
    const { app, logger } = makeApp([{ route: 'x/', view: () => new HttpResponse('ok') }], { middleware: [tracing('outer', trail), failing] });
    expect((await callHttp(app, { path: '/x/' })).status).toBe(500);
    expect(trail).toEqual(['outer in', 'outer out 500']);
    expect(logger.errors[0]!.message).toBe('Internal Server Error: GET /x/');
  });

  it('calls processView in order before the view and lets it answer instead', async () => {
    const seen: string[] = [];
    const withView =
      (name: string, answer: boolean): Middleware =>
      (getResponse) => {
        const handler: MiddlewareHandler = (request) => getResponse(request);
        handler.processView = (_request, view, _args, kwargs) => {
          seen.push(`${name}:${(view as { name: string }).name}:${JSON.stringify(kwargs)}`);
          return answer ? new HttpResponse('from processView') : undefined;
        };
        return handler;
      };
    const { app } = makeApp(
      [
        {
          route: 'post/<int:id>/',
          view: function postDetail() {
            return new HttpResponse('view');
          },
        },
      ],
      {
        middleware: [withView('a', false), withView('b', true), withView('c', false)],
      },
    );
    const res = await callHttp(app, { path: '/post/7/' });
    expect(res.text()).toBe('from processView');
    expect(seen).toEqual(['a:postDetail:{"id":7}', 'b:postDetail:{"id":7}']);
  });

  it.each([
    [
      'throws',
      () => {
        throw new Error('processView broke');
      },
    ],
    [
      'rejects',
      async () => {
        throw new Error('processView broke');
      },
    ],
  ])('answers a processView hook that %s with the error response, which every layer sees', async (_how, hook) => {
    const trail: string[] = [];
    const inner = tracing('inner', trail);
    const failingHook: Middleware = (getResponse, context) => {
      const handler: MiddlewareHandler = inner(getResponse, context);
      handler.processView = hook;
      return handler;
    };
    const { app, logger } = makeApp([{ route: 'x/', view: () => (trail.push('view'), new HttpResponse('ok')) }], {
      middleware: [tracing('outer', trail), failingHook],
    });
    const res = await callHttp(app, { path: '/x/' });
    expect(res.status).toBe(500);
    expect(trail).toEqual(['outer in', 'inner in', 'inner out 500', 'outer out 500']);
    expect((logger.errors[0]!.error as Error).message).toBe('processView broke');
  });

  it('calls processException in reverse order and uses the first response', async () => {
    const seen: string[] = [];
    const withException =
      (name: string, answer: boolean): Middleware =>
      (getResponse) =>
        Object.assign((request: HttpRequest) => getResponse(request), {
          processException(_request: HttpRequest, error: unknown) {
            seen.push(`${name}:${(error as Error).message}`);
            return answer ? new HttpResponse(`handled by ${name}`, { status: 503 }) : null;
          },
        });
    const { app } = makeApp(
      [
        {
          route: 'x/',
          view: () => {
            throw new Error('db down');
          },
        },
      ],
      { middleware: [withException('first', true), withException('second', false)] },
    );
    const res = await callHttp(app, { path: '/x/' });
    expect([res.status, res.text()]).toEqual([503, 'handled by first']);
    expect(seen).toEqual(['second:db down', 'first:db down']);
  });

  it('accepts the class form with handle() and hooks', async () => {
    class Stamp {
      constructor(private readonly getResponse: GetResponse) {}
      async handle(request: HttpRequest) {
        const response = await this.getResponse(request);
        response.headers.set('x-stamp', 'yes');
        return response;
      }
      processException() {
        return new HttpResponse('recovered');
      }
    }
    const { app } = makeApp(
      [
        {
          route: 'x/',
          view: () => {
            throw new Error('x');
          },
        },
      ],
      { middleware: [Stamp as unknown as Middleware] },
    );
    const res = await callHttp(app, { path: '/x/' });
    expect([res.text(), res.header('x-stamp')]).toEqual(['recovered', 'yes']);
  });

  it('drops a middleware whose factory throws MiddlewareNotUsed', async () => {
    const unused: Middleware = () => {
      throw new MiddlewareNotUsed();
    };
    const { app } = makeApp([{ route: 'x/', view: () => new HttpResponse('ok') }], { middleware: [unused] });
    expect((await callHttp(app, { path: '/x/' })).text()).toBe('ok');
  });

  it('reports a middleware that returns something other than a response, naming it', async () => {
    const broken: Middleware = () => async () => 'oops' as never;
    Object.defineProperty(broken, 'name', { value: 'broken' });
    const { app, logger } = makeApp([{ route: 'x/', view: () => new HttpResponse('ok') }], { middleware: [broken] });
    expect((await callHttp(app, { path: '/x/' })).status).toBe(500);
    expect((logger.errors[0]!.error as Error).message).toBe('MIDDLEWARE entry \'broken\' returned "oops" instead of an HttpResponse');
  });
});

describe('MIDDLEWARE setting entries', () => {
  const timing: Middleware = (getResponse) => async (request) => {
    const response = await getResponse(request);
    response.headers.set('x-timing', '1');
    return response;
  };
  const importModule = async (name: string): Promise<Record<string, unknown>> => {
    if (name === 'blog.middleware') return { timing, notAFunction: 42 };
    throw new Error(`Cannot find module '${name}' (tried ${name}.ts, ${name}/index.ts)`);
  };

  it('loads dotted names through importModule and built-ins by name', async () => {
    const { app } = makeApp([{ route: 'x/', view: () => new HttpResponse('ok') }], {
      importModule,
      settings: { MIDDLEWARE: ['manouche.middleware.security.SecurityMiddleware', 'manouche.middleware.common.CommonMiddleware', 'blog.middleware.timing'] },
    });
    const res = await callHttp(app, { path: '/x/' });
    expect([res.status, res.header('x-timing'), res.header('x-content-type-options')]).toEqual([200, '1', 'nosniff']);
  });

  it.each([
    [
      'blog.middleware.missing',
      "MIDDLEWARE entry 'blog.middleware.missing': module 'blog.middleware' has no middleware function 'missing' (it exports: timing, notAFunction).",
    ],
    ['blog.middleware.notAFunction', "has no middleware function 'notAFunction'"],
    [
      'shop.middleware.Cart',
      "MIDDLEWARE entry 'shop.middleware.Cart': cannot import module 'shop.middleware': Cannot find module 'shop.middleware' (tried shop.middleware.ts, shop.middleware/index.ts)",
    ],
    ['Timing', "MIDDLEWARE entry 'Timing' is not a dotted path 'module.ExportName' nor a built-in middleware."],
    ['django.contrib.sessions.middleware.SessionMiddleware', "is Django's name: write 'manouche.contrib.sessions.middleware.SessionMiddleware' instead."],
  ])('names the entry %s when it cannot be loaded', async (entry, message) => {
    await expect(loadMiddleware([entry], importModule)).rejects.toThrow(message);
  });

  it('needs importModule for entries that are not built in', async () => {
    await expect(loadMiddleware(['blog.middleware.timing'])).rejects.toThrow(
      "MIDDLEWARE entry 'blog.middleware.timing' is not built in, and no importModule was given",
    );
  });

  it('fails lifespan startup with the message, and answers 500 per request', async () => {
    const { app, logger } = makeApp([{ route: 'x/', view: () => new HttpResponse('ok') }], {
      importModule,
      settings: { MIDDLEWARE: ['blog.middleware.nope'] },
    });
    await expect(runLifespan(app).startup()).rejects.toThrow("MIDDLEWARE entry 'blog.middleware.nope'");
    expect((await callHttp(app, { path: '/x/' })).status).toBe(500);
    expect((logger.errors[0]!.error as Error).name).toBe('ImproperlyConfigured');
  });
});

describe('settings built by hand', () => {
  it('names the settings a built-in middleware reads when hand-built settings lack them', async () => {
    const { createApplication, HttpResponse: Response } = await import('../src/index.js');
    const { createResolver, path } = await import('@manouche/routing');
    const urls = await createResolver([path('form/', async (request: HttpRequest) => (await request.post(), new Response('ok')))]);
    const logger = memoryLogger();
    const partial = { SECRET_KEY: 'k'.repeat(50), ALLOWED_HOSTS: ['testserver'], DEBUG: false } as unknown as Settings;
    const withCommon = createApplication({ settings: partial, urls, logger, middleware: ['manouche.middleware.common.CommonMiddleware'] });
    expect((await callHttp(withCommon, { path: '/form/' })).status).toBe(500);
    expect((logger.errors[0]!.error as Error).message).toBe(
      "CommonMiddleware reads APPEND_SLASH, PREPEND_WWW, DISALLOWED_USER_AGENTS, which the settings lack. Build the settings with @manouche/settings' loadSettings(), which supplies Django's defaults, or set them.",
    );
    const withSecurity = createApplication({ settings: partial, urls, logger, middleware: ['manouche.middleware.security.SecurityMiddleware'] });
    expect((await callHttp(withSecurity, { path: '/form/' })).status).toBe(500);
    expect((logger.errors[1]!.error as Error).message).toMatch(
      /^SecurityMiddleware reads SECURE_HSTS_SECONDS, .*SECURE_CROSS_ORIGIN_OPENER_POLICY, which the settings lack/,
    );
  });
});

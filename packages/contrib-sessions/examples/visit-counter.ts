// The README example: a visit counter kept in request.session, served on a real socket.
import { SessionMiddleware } from '@manouche/contrib-sessions';
import { createApplication, JsonResponse, type HttpRequest } from '@manouche/core';
import { createResolver, path } from '@manouche/routing';
import { serve } from '@manouche/server';

async function counter(request: HttpRequest) {
  const visits = ((await request.session.get<number>('visits')) ?? 0) + 1;
  await request.session.set('visits', visits); // modified: saved after the view, cookie sent
  return new JsonResponse({ visits });
}

export async function runExample() {
  const settings = {
    SECRET_KEY: 'an-example-secret-key-that-is-long-enough-0123456789',
    ALLOWED_HOSTS: ['127.0.0.1'],
    // Signed cookies need no table; the default, `…backends.db`, stores sessions in django_session.
    SESSION_ENGINE: 'manouche.contrib.sessions.backends.signed_cookies',
  } as never;
  const app = createApplication({ settings, urls: await createResolver([path('', counter)]), middleware: [SessionMiddleware] });
  const server = await serve(app, { port: 0, host: '127.0.0.1', accessLog: false, handleSignals: false, announce: false, lifespan: 'off' });
  try {
    const first = await fetch(server.url);
    const cookie = first.headers.getSetCookie()[0]!.split(';')[0]!; // sessionid=…
    const second = await fetch(server.url, { headers: { cookie } });
    return [await first.json(), await second.json()]; // [{ visits: 1 }, { visits: 2 }]
  } finally {
    await server.close();
  }
}

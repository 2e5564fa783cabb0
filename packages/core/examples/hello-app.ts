// The README example: createApplication over @manouche/routing's URLconf and @manouche/settings' settings, called like a server would.
import { callHttp } from '@manouche/asgi/testing';
import { createApplication, HttpResponse, JsonResponse, View, redirect, type ViewFunction } from '@manouche/core';
import { createResolver, path } from '@manouche/routing';
import { loadSettings } from '@manouche/settings';

const hello: ViewFunction = (request, kwargs) => new HttpResponse(`Hello, ${String(kwargs.name)}! (${request.method})`);

class Ping extends View {
  get() {
    return new JsonResponse({ pong: true });
  }
}

const home: ViewFunction = () => redirect('hello', { name: 'Django' });

// Any implementation of the contracts' UrlResolver will do; this is the routing layer's.
const urls = await createResolver<ViewFunction | typeof View>([
  path('', home, { name: 'home' }),
  path('hello/<str:name>/', hello, { name: 'hello' }),
  path('ping/', Ping, { name: 'ping' }),
]);

// The settings layer validates the values and fills in Django's defaults for every other setting.
const settings = loadSettings({
  values: {
    DEBUG: false,
    SECRET_KEY: 'change-me-to-a-long-random-string-of-50-characters',
    ALLOWED_HOSTS: ['testserver', 'localhost'],
    MIDDLEWARE: ['manouche.middleware.security.SecurityMiddleware', 'manouche.middleware.common.CommonMiddleware'],
  },
  source: 'examples/hello-app.ts',
  baseDir: import.meta.dirname,
  env: {},
});

export const app = createApplication({ settings, urls });

export async function main(): Promise<string[]> {
  const answers = [];
  for (const path of ['/', '/hello/Django/', '/ping', '/ping/', '/nowhere/']) {
    const res = await callHttp(app, { path });
    answers.push(`${path} → ${res.status} ${res.header('location') ?? res.text().split('\n')[0]}`);
  }
  return answers;
}

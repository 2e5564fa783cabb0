// The cache framework in a plain script: CACHES, the low-level API, and a view cached with cachePage.
import type { Settings } from '@manouche/contracts';
import { createApplication, HttpResponse, type HttpRequest } from '@manouche/core';
import { createResolver, path } from '@manouche/routing';
import { serve } from '@manouche/server';
import { cache, cachePage, closeCaches, configureCaches, varyOnHeaders } from '@manouche/cache';

export async function main(redisUrl?: string): Promise<string[]> {
  const lines: string[] = [];
  await configureCaches({
    default: redisUrl
      ? { BACKEND: 'manouche.cache.backends.redis.RedisCache', LOCATION: redisUrl, KEY_PREFIX: `readme-${process.pid}` }
      : { BACKEND: 'manouche.cache.backends.locmem.LocMemCache' },
  });

  // The low-level API, as Django's: timeouts in seconds, null = forever.
  await cache.set('greeting', 'hello', 30);
  await cache.add('greeting', 'ignored: the key exists');
  await cache.set('visits', 0, null);
  await cache.incr('visits', 2);
  lines.push(`greeting=${await cache.get('greeting')} visits=${await cache.get('visits')}`);
  const total = await cache.getOrSet('expensive', async () => 6 * 7, 60);
  lines.push(`getOrSet → ${total}; has('missing') → ${await cache.has('missing')}`);

  // A view rendered once per Accept-Language, then served from the cache for 15 minutes.
  let renders = 0;
  const home = (request: HttpRequest) => new HttpResponse(`render #${++renders} for ${request.headers.get('accept-language') ?? 'anyone'}`);
  const urls = await createResolver([path('', cachePage(60 * 15)(varyOnHeaders('Accept-Language')(home)))]);
  const settings = { DEBUG: false, ALLOWED_HOSTS: ['127.0.0.1'], MIDDLEWARE: [], SECRET_KEY: 'example-secret-key' } as unknown as Settings;
  const server = await serve(createApplication({ settings, urls }), { port: 0, accessLog: false, announce: false, handleSignals: false });
  try {
    for (const language of ['fr', 'fr', 'de']) {
      const response = await fetch(server.url, { headers: { 'accept-language': language } });
      lines.push(`${language}: ${await response.text()} (${response.headers.get('cache-control')})`);
    }
  } finally {
    await server.close();
    await cache.clear();
    await closeCaches();
  }
  return lines;
}

if (process.argv[1] === new URL(import.meta.url).pathname) console.log((await main(process.env.REDIS_URL)).join('\n'));

import { describe, expect, it } from 'vitest';
import type { Settings } from '@manouche/contracts';
import { checkCaches } from '../src/index.js';

const settings = (values: Record<string, unknown>) =>
  ({
    BASE_DIR: '/srv/site',
    STATIC_ROOT: '/srv/site/static',
    STATICFILES_DIRS: ['/srv/site/assets'],
    MEDIA_ROOT: '/srv/site/media',
    ...values,
  }) as unknown as Settings;

describe('the CACHES system checks', () => {
  it('passes a sound configuration', () => {
    expect(
      checkCaches(settings({ CACHES: { default: { BACKEND: 'manouche.cache.backends.filebased.FileBasedCache', LOCATION: '/var/tmp/site-cache' } } })),
    ).toEqual([]);
  });

  it('reports a missing default cache (caches.E001)', () => {
    expect(checkCaches(settings({ CACHES: { pages: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache' } } })).map((m) => m.id)).toEqual(['caches.E001']);
  });

  it('warns about a relative file cache LOCATION (caches.W003) and one that overlaps served folders (caches.W002)', () => {
    const messages = checkCaches(
      settings({
        CACHES: {
          default: { BACKEND: 'manouche.cache.backends.filebased.FileBasedCache', LOCATION: 'media/cache' },
          wide: { BACKEND: 'manouche.cache.backends.filebased.FileBasedCache', LOCATION: '/srv/site' },
        },
      }),
    );
    expect(messages.map((m) => `${m.id} ${m.message}`)).toEqual([
      "caches.W003 Your 'default' cache LOCATION path is relative. Use an absolute path instead.",
      "caches.W002 Your 'default' cache configuration might expose your cache or lead to corruption of your data because its LOCATION is inside MEDIA_ROOT.",
      "caches.W002 Your 'wide' cache configuration might expose your cache or lead to corruption of your data because its LOCATION contains MEDIA_ROOT.",
      "caches.W002 Your 'wide' cache configuration might expose your cache or lead to corruption of your data because its LOCATION contains STATIC_ROOT.",
      "caches.W002 Your 'wide' cache configuration might expose your cache or lead to corruption of your data because its LOCATION contains STATICFILES_DIRS.",
    ]);
  });
});

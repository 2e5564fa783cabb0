/** The cache framework's system checks (Django's caches.E001, W002, W003), for `manouche check`. */
import path from 'node:path';
import type { CheckMessage, Settings, SystemCheck } from '@manouche/contracts';

const FILE_BACKEND = 'manouche.cache.backends.filebased.FileBasedCache';

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * The messages about CACHES: a missing default cache, and file caches with a relative or exposed LOCATION.
 *
 * @example
 * checkCaches({ ...settings, CACHES: { pages: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache' } } });
 * // [{ id: 'caches.E001', level: 'error', message: "You must define a 'default' cache in your CACHES setting.", … }]
 */
export function checkCaches(settings: Settings): CheckMessage[] {
  const caches = (settings.CACHES ?? { default: {} }) as Record<string, { BACKEND?: unknown; LOCATION?: unknown }>;
  const messages: CheckMessage[] = [];
  if (!('default' in caches)) {
    messages.push({ id: 'caches.E001', level: 'error', message: "You must define a 'default' cache in your CACHES setting.", obj: 'CACHES' });
  }
  const baseDir = settings.BASE_DIR || process.cwd();
  const exposed: Array<[string, string]> = [];
  if (typeof settings.MEDIA_ROOT === 'string' && settings.MEDIA_ROOT) exposed.push(['MEDIA_ROOT', path.resolve(baseDir, settings.MEDIA_ROOT)]);
  if (settings.STATIC_ROOT) exposed.push(['STATIC_ROOT', path.resolve(baseDir, settings.STATIC_ROOT)]);
  for (const dir of settings.STATICFILES_DIRS ?? []) exposed.push(['STATICFILES_DIRS', path.resolve(baseDir, dir)]);
  for (const [alias, entry] of Object.entries(caches)) {
    if (entry?.BACKEND !== FILE_BACKEND || typeof entry.LOCATION !== 'string') continue;
    if (!path.isAbsolute(entry.LOCATION)) {
      messages.push({
        id: 'caches.W003',
        level: 'warning',
        message: `Your '${alias}' cache LOCATION path is relative. Use an absolute path instead.`,
        obj: `CACHES["${alias}"]`,
      });
    }
    const location = path.resolve(baseDir, entry.LOCATION);
    for (const [name, dir] of exposed) {
      const relation = location === dir ? 'matches' : isInside(location, dir) ? 'is inside' : isInside(dir, location) ? 'contains' : undefined;
      if (relation) {
        messages.push({
          id: 'caches.W002',
          level: 'warning',
          message: `Your '${alias}' cache configuration might expose your cache or lead to corruption of your data because its LOCATION ${relation} ${name}.`,
          obj: `CACHES["${alias}"]`,
        });
      }
    }
  }
  return messages;
}

/**
 * `checkCaches` as a system check (tag `caches`).
 *
 * @example
 * const messages = await cacheCheck(project.settings).run({ deploy: false });
 */
export function cacheCheck(settings: Settings): SystemCheck {
  return { tags: ['caches'], run: () => checkCaches(settings) };
}

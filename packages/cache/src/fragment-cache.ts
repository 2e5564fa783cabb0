/**
 * Template fragment caching (Django's `{% cache %}` tag). Manouche templates cannot await, so a
 * fragment is cached where it is produced: `cacheFragment()` returns the cached HTML or renders
 * it (queries included) and stores it, and the view passes the promise into the context — the
 * engine awaits context promises before rendering — where the template outputs it:
 *
 *   Django:   {% load cache %}{% cache 500 sidebar request.user.username %}…{% endcache %}
 *   Manouche: view:     sidebar: cacheFragment(500, 'sidebar', [request.user.username], () => engine.render('_sidebar.html', ctx, request))
 *             template: <%= it.sidebar %>
 */
import { createHash } from 'node:crypto';
import { markSafe, type SafeString } from '@manouche/templates';
import { caches } from './cache-handler.js';
import type { Timeout } from './base-cache.js';

/**
 * The cache fragments use when CACHES has it, as Django's `{% cache %}` prefers `template_fragments`.
 *
 * @example
 * CACHES: { default: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache' }, [TEMPLATE_FRAGMENTS_ALIAS]: { BACKEND: 'manouche.cache.backends.redis.RedisCache' } }
 */
export const TEMPLATE_FRAGMENTS_ALIAS = 'template_fragments';

/**
 * The key of a fragment (Django's make_template_fragment_key), to delete it when its data changes.
 *
 * @example
 * await cache.delete(makeTemplateFragmentKey('sidebar', [username]));
 */
export function makeTemplateFragmentKey(fragmentName: string, varyOn: readonly unknown[] = []): string {
  const hasher = createHash('md5');
  for (const value of varyOn) hasher.update(`${String(value)}:`);
  return `template.cache.${fragmentName}.${hasher.digest('hex')}`;
}

/**
 * Options of {@link cacheFragment}.
 *
 * @example
 * cacheFragment(500, 'sidebar', [username], renderSidebar, { using: 'fragments' } satisfies CacheFragmentOptions);
 */
export interface CacheFragmentOptions {
  /** The CACHES alias (Django's `using=`); `template_fragments` when configured, else `default`. */
  using?: string;
}

/**
 * The fragment's HTML from the cache, or `render()`'s output stored for `timeout` seconds
 * (null = forever), marked safe so `<%= %>` outputs it as HTML.
 *
 * @example
 * return render(request, 'blog/post/list.html', {
 *   posts,
 *   sidebar: cacheFragment(500, 'sidebar', [request.user.username], () => request.context.templates!.render('blog/_sidebar.html', { tags }, request)),
 * });
 */
export async function cacheFragment(
  timeout: Timeout,
  fragmentName: string,
  varyOn: readonly unknown[],
  render: () => string | Promise<string>,
  options: CacheFragmentOptions = {},
): Promise<SafeString> {
  const alias = options.using ?? (caches.all().some((instance) => instance.alias === TEMPLATE_FRAGMENTS_ALIAS) ? TEMPLATE_FRAGMENTS_ALIAS : 'default');
  const cache = caches.get(alias);
  const key = makeTemplateFragmentKey(fragmentName, varyOn);
  const cached = await cache.get<string>(key);
  if (typeof cached === 'string') return markSafe(cached);
  const html = String(await render());
  await cache.set(key, html, timeout);
  return markSafe(html);
}

/**
 * Dotted module names of framework packages that are not apps but that settings name
 * (`manouche.cache.middleware.UpdateCacheMiddleware` in MIDDLEWARE), mapped to their package's
 * subpath export. Loaders are literal imports so bundlers see them.
 */
export const FRAMEWORK_MODULES: Readonly<Record<string, () => Promise<Record<string, unknown>>>> = {
  'manouche.cache': () => import('@manouche/cache'),
  'manouche.cache.middleware': () => import('@manouche/cache/middleware'),
};

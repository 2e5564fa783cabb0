import FindMyWay from 'find-my-way';
import { createResolver, include, path, type UrlEntry } from '@manouche/routing';
import { opsPerSecond } from '../lib/measure.js';
import type { BenchReport } from '../lib/report.js';

type View = (request: unknown, kwargs: unknown) => string;
const view: View = () => 'ok';

/** One app's URLconf: static, int, slug and a nested include (13 routes), the catch-all slug last as Django projects order it. */
function appUrls(): UrlEntry<View>[] {
  return [
    path('', view, { name: 'index' }),
    path('list/', view, { name: 'list' }),
    path('<int:id>/', view, { name: 'detail' }),
    path('<int:id>/edit/', view, { name: 'edit' }),
    path('archive/<int:year>/', view, { name: 'year' }),
    path('archive/<int:year>/<int:month>/', view, { name: 'month' }),
    path('tag/<slug:tag>/', view, { name: 'tag' }),
    path('feed/', view, { name: 'feed' }),
    path(
      'nested/',
      include([
        path('', view, { name: 'nested_index' }),
        path('<int:id>/detail/', view, { name: 'nested_detail' }),
        path('<slug:slug>/items/<int:item>/', view, { name: 'nested_item' }),
        path('static/page/', view, { name: 'nested_page' }),
      ]),
    ),
    path('<slug:slug>/', view, { name: 'by_slug' }),
  ];
}

const APPS = 14;
const STATIC_PAGES = 18;
// 14 apps x 13 routes + 18 static pages = 200 routes.

/** The same 200 routes for find-my-way alone: int converters as regex params, as one would write them by hand. */
function fmwRoutes(): string[] {
  const routes: string[] = [];
  for (let page = 0; page < STATIC_PAGES; page++) routes.push(`/page-${page}/`);
  for (let app = 0; app < APPS; app++) {
    const p = `/app${app}`;
    routes.push(
      `${p}/`,
      `${p}/list/`,
      `${p}/:id(^\\d+$)/`,
      `${p}/:id(^\\d+$)/edit/`,
      `${p}/:slug/`,
      `${p}/archive/:year(^\\d+$)/`,
      `${p}/archive/:year(^\\d+$)/:month(^\\d+$)/`,
      `${p}/tag/:tag/`,
      `${p}/feed/`,
      `${p}/nested/`,
      `${p}/nested/:id(^\\d+$)/detail/`,
      `${p}/nested/:slug/items/:item(^\\d+$)/`,
      `${p}/nested/static/page/`,
    );
  }
  return routes;
}

/** One request path per route, in a shuffled but fixed order. */
function requestPaths(): string[] {
  const paths: string[] = [];
  for (let page = 0; page < STATIC_PAGES; page++) paths.push(`/page-${page}/`);
  for (let app = 0; app < APPS; app++) {
    const p = `/app${app}`;
    paths.push(
      `${p}/`,
      `${p}/list/`,
      `${p}/${app * 7 + 1}/`,
      `${p}/42/edit/`,
      `${p}/hello-world-${app}/`,
      `${p}/archive/2024/`,
      `${p}/archive/2024/05/`,
      `${p}/tag/jazz/`,
      `${p}/feed/`,
      `${p}/nested/`,
      `${p}/nested/9/detail/`,
      `${p}/nested/some-slug/items/3/`,
      `${p}/nested/static/page/`,
    );
  }
  return paths.sort((a, b) => ((a.length * 31 + a.charCodeAt(a.length - 2)) % 17) - ((b.length * 31 + b.charCodeAt(b.length - 2)) % 17));
}

/** What reverse() is asked for, and the hand-written string builders it is compared with. */
function reverseCases(): Array<{ name: string; kwargs: Record<string, unknown>; build: (kwargs: Record<string, unknown>) => string }> {
  const q = (value: unknown) => encodeURIComponent(String(value));
  const cases: ReturnType<typeof reverseCases> = [];
  for (let page = 0; page < STATIC_PAGES; page++) cases.push({ name: `page_${page}`, kwargs: {}, build: () => `/page-${page}/` });
  for (let app = 0; app < APPS; app++) {
    const p = `/app${app}`;
    const ns = `app${app}`;
    cases.push(
      { name: `${ns}:index`, kwargs: {}, build: () => `${p}/` },
      { name: `${ns}:list`, kwargs: {}, build: () => `${p}/list/` },
      { name: `${ns}:detail`, kwargs: { id: 42 }, build: (k) => `${p}/${q(k.id)}/` },
      { name: `${ns}:edit`, kwargs: { id: 42 }, build: (k) => `${p}/${q(k.id)}/edit/` },
      { name: `${ns}:by_slug`, kwargs: { slug: 'hello-world' }, build: (k) => `${p}/${q(k.slug)}/` },
      { name: `${ns}:year`, kwargs: { year: 2024 }, build: (k) => `${p}/archive/${q(k.year)}/` },
      { name: `${ns}:month`, kwargs: { year: 2024, month: 5 }, build: (k) => `${p}/archive/${q(k.year)}/${q(k.month)}/` },
      { name: `${ns}:tag`, kwargs: { tag: 'jazz' }, build: (k) => `${p}/tag/${q(k.tag)}/` },
      { name: `${ns}:feed`, kwargs: {}, build: () => `${p}/feed/` },
      { name: `${ns}:nested_index`, kwargs: {}, build: () => `${p}/nested/` },
      { name: `${ns}:nested_detail`, kwargs: { id: 9 }, build: (k) => `${p}/nested/${q(k.id)}/detail/` },
      { name: `${ns}:nested_item`, kwargs: { slug: 's', item: 3 }, build: (k) => `${p}/nested/${q(k.slug)}/items/${q(k.item)}/` },
      { name: `${ns}:nested_page`, kwargs: {}, build: () => `${p}/nested/static/page/` },
    );
  }
  return cases;
}

export default async function routingBench(): Promise<BenchReport> {
  const urlconf: UrlEntry<View>[] = [];
  for (let page = 0; page < STATIC_PAGES; page++) urlconf.push(path(`page-${page}/`, view, { name: `page_${page}` }));
  for (let app = 0; app < APPS; app++) urlconf.push(path(`app${app}/`, include(appUrls(), { namespace: `app${app}` })));
  const resolver = await createResolver(urlconf);
  if (resolver.describePatterns().length !== 200) throw new Error(`expected 200 routes, got ${resolver.describePatterns().length}`);

  const compiled = FindMyWay();
  const plain = FindMyWay();
  for (const route of fmwRoutes()) {
    compiled.on('GET', route, view);
    plain.on('GET', route, view);
  }
  compiled.compile();

  const paths = requestPaths();
  for (const p of paths) {
    if (resolver.resolve(p)?.urlName === 'by_slug' && !p.includes('hello-world')) throw new Error(`${p} is shadowed by the slug route`);
    if (resolver.resolve(p) === null || compiled.find('GET', p) === null || plain.find('GET', p) === null) throw new Error(`${p} does not resolve`);
  }
  const cases = reverseCases();
  for (const c of cases) {
    if (resolver.reverse(c.name, { kwargs: c.kwargs }) !== c.build(c.kwargs)) throw new Error(`reverse(${c.name}) differs from the hand-written builder`);
  }

  const batch = paths.length;
  const measured: Array<[string, () => void, number]> = [
    [
      'resolve-ours',
      () => {
        for (let i = 0; i < batch; i++) resolver.resolve(paths[i]);
      },
      batch,
    ],
    [
      'resolve-fmw-compiled',
      () => {
        for (let i = 0; i < batch; i++) compiled.find('GET', paths[i]);
      },
      batch,
    ],
    [
      'resolve-fmw-plain',
      () => {
        for (let i = 0; i < batch; i++) plain.find('GET', paths[i]);
      },
      batch,
    ],
    [
      'reverse-ours',
      () => {
        for (const c of cases) resolver.reverse(c.name, { kwargs: c.kwargs });
      },
      cases.length,
    ],
    [
      'reverse-hand',
      () => {
        for (const c of cases) c.build(c.kwargs);
      },
      cases.length,
    ],
  ];
  // Interleaved rounds, best of each: on a shared machine the load changes between cases, and the
  // best round is the one least disturbed.
  const best = new Map<string, number>();
  for (let round = 0; round < 5; round++) {
    for (const [label, run, size] of measured) best.set(label, Math.max(best.get(label) ?? 0, (await opsPerSecond(run, 600)) * size));
  }
  const ours = best.get('resolve-ours')!;
  const fmwCompiled = best.get('resolve-fmw-compiled')!;
  const fmwPlain = best.get('resolve-fmw-plain')!;
  const reverseOurs = best.get('reverse-ours')!;
  const reverseHand = best.get('reverse-hand')!;

  const stats = resolver.stats();
  return {
    id: 'routing',
    title: 'Routing: 200-route URLconf, resolve and reverse',
    description:
      `A 200-route URLconf (18 static pages + 14 namespaced apps of 13 routes each: static, <int>, <slug>, and a nested include), ` +
      `compiled by @manouche/routing onto one find-my-way router (${stats.routerRoutes} router routes, ${stats.levelByLevel} checked level by level). ` +
      `Resolve: every path of the 200 resolved in turn, with converters run and kwargs built, against find-my-way's own find() on the same routes ` +
      `(int parameters as regex params, no conversion). find-my-way has no reverse: reverse() is compared with hand-written template-string builders ` +
      `(encodeURIComponent per argument), so that ratio is the price of name lookup, argument checks and Django's encoding rules. ` +
      `Each case: best of 5 interleaved 0.6-second rounds.`,
    rows: [
      { case: 'resolve: @manouche/routing', value: ours, unit: 'paths/s' },
      { case: 'resolve: find-my-way find(), compiled', value: fmwCompiled, unit: 'paths/s' },
      { case: 'resolve: find-my-way find(), not compiled', value: fmwPlain, unit: 'paths/s' },
      { case: 'resolve ratio vs compiled find-my-way', value: ours / fmwCompiled, unit: 'x' },
      { case: 'resolve ratio vs non-compiled find-my-way', value: ours / fmwPlain, unit: 'x' },
      { case: 'reverse: @manouche/routing', value: reverseOurs, unit: 'URLs/s' },
      { case: 'reverse: hand-written string builders', value: reverseHand, unit: 'URLs/s' },
      { case: 'reverse ratio vs hand-written builders', value: reverseOurs / reverseHand, unit: 'x' },
    ],
    summary:
      `Manouche routing resolves at ${(ours / fmwCompiled).toFixed(2)}x compiled find-my-way (${(ours / fmwPlain).toFixed(2)}x non-compiled); ` +
      `reverse runs at ${(reverseOurs / reverseHand).toFixed(2)}x hand-written string builders (${Math.round(reverseOurs).toLocaleString('en-US')} URLs/s).`,
    aim: 'routing throughput on a 200-route URLconf (resolve and reverse) against find-my-way used directly, ratio reported',
  };
}

/**
 * The cache framework: get/set per second on the local-memory cache and on Redis (one awaited
 * operation at a time, and 50 in flight for Redis), and a page cached with cachePage (on local
 * memory and on Redis) beside the same page rendered on every request, served by
 * @manouche/server in a child process under autocannon from this process.
 *
 * Environment: BENCH_SECONDS (per HTTP measurement, default 3), BENCH_ROUNDS (3, alternating
 * pages, medians kept), BENCH_REDIS_URL (redis://127.0.0.1:6379/0; Redis rows are left out when
 * it is unreachable).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { requestsPerSecond } from '../lib/measure.js';
import type { BenchReport } from '../lib/report.js';

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(benchDir, '.out', 'cache-children');
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

// Measures the cache API in a child bundled from the workspace sources (no build needed).
const OPERATIONS = `
import { createCache } from '@manouche/cache';
import { opsPerSecond } from ${JSON.stringify(path.join(benchDir, 'lib', 'measure.ts'))};
const value = { id: 42, title: 'Who was Django Reinhardt?', tags: ['jazz', 'guitar'], published: new Date() };
const results = {};
async function measure(name, cache) {
  await cache.set('bench:get', value, null);
  let i = 0;
  results[name + ' set'] = await opsPerSecond(() => cache.set('bench:set:' + (i++ % 1000), value, 300));
  results[name + ' get'] = await opsPerSecond(() => cache.get('bench:get'));
}
await measure('local memory', await createCache('default', { BACKEND: 'manouche.cache.backends.locmem.LocMemCache', OPTIONS: { MAX_ENTRIES: 5000 } }));
const redis = await createCache('redis', { BACKEND: 'manouche.cache.backends.redis.RedisCache', LOCATION: process.env.REDIS_URL, KEY_PREFIX: 'manouche-bench-' + process.pid });
try {
  await redis.get('probe');
  await measure('Redis', redis);
  const batch = Array.from({ length: 50 });
  results['Redis get, 50 in flight'] = 50 * (await opsPerSecond(() => Promise.all(batch.map(() => redis.get('bench:get'))), 2000));
  results['Redis set, 50 in flight'] = 50 * (await opsPerSecond(() => Promise.all(batch.map((_, j) => redis.set('bench:many:' + j, value, 300))), 2000));
  await redis.clear();
} catch (error) {
  results.redisError = String(error.message ?? error);
} finally {
  await redis.close();
}
process.stdout.write('RESULT ' + JSON.stringify(results) + '\\n');
`;

// A page that does representative work (a 50-row table with dates, rendered from a template) three ways.
const SERVER = `
import { createApplication, HttpResponse } from '@manouche/core';
import { createResolver, path } from '@manouche/routing';
import { createTemplateEngine } from '@manouche/templates';
import { serve } from '@manouche/server';
import { cachePage, caches, configureCaches } from '@manouche/cache';
const engine = createTemplateEngine();
const rows = Array.from({ length: 50 }, (_, i) => ({ id: i, title: 'Post number ' + i + ' <about jazz>', published: new Date(Date.UTC(2026, 0, 1 + (i % 28))) }));
const template = '<table><% for (const row of it.rows) { %><tr><td><%= row.id %></td><td><%= row.title %></td><td><%= f.date(row.published, "N j, Y") %></td></tr><% } %></table>';
const page = async () => new HttpResponse(await engine.renderString(template, { rows }));
const withRedis = Boolean(process.env.REDIS_URL);
await configureCaches({
  default: { BACKEND: 'manouche.cache.backends.locmem.LocMemCache' },
  ...(withRedis ? { redis: { BACKEND: 'manouche.cache.backends.redis.RedisCache', LOCATION: process.env.REDIS_URL, KEY_PREFIX: 'manouche-bench-page-' + process.pid } } : {}),
});
const urls = await createResolver([
  path('uncached/', page),
  path('cached-locmem/', cachePage(600)(page)),
  ...(withRedis ? [path('cached-redis/', cachePage(600, { cache: 'redis' })(page))] : []),
]);
const settings = { DEBUG: false, ALLOWED_HOSTS: ['127.0.0.1'], MIDDLEWARE: [], SECRET_KEY: 'bench', CACHE_MIDDLEWARE_SECONDS: 600, CACHE_MIDDLEWARE_KEY_PREFIX: '', CACHE_MIDDLEWARE_ALIAS: 'default' };
// autocannon drops its connections when a measurement ends: the server's reports of that are not results.
const quiet = { info() {}, warn() {}, error() {} };
const server = await serve(createApplication({ settings, urls, logger: quiet }), { port: 0, accessLog: false, lifespan: 'off', announce: false, handleSignals: false, logger: quiet });
process.stdout.write('READY ' + server.address.port + '\\n');
// Leave nothing behind in the shared Redis.
process.on('SIGTERM', async () => {
  if (withRedis) await caches.get('redis').clear();
  process.exit(0);
});
`;

async function bundle(name: string, source: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const entry = path.join(outDir, `${name}.src.mjs`);
  const file = path.join(outDir, `${name}.mjs`);
  writeFileSync(entry, source);
  await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    conditions: ['source'],
    nodePaths: [path.join(benchDir, 'node_modules')],
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return file;
}

function runChild(file: string, env: NodeJS.ProcessEnv, marker: RegExp): Promise<{ match: RegExpExecArray; child: ChildProcess }> {
  const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = marker.exec(out);
      if (match) resolve({ match, child });
    });
    child.once('exit', (code) => reject(new Error(`${path.basename(file)} exited with ${code}: ${out.slice(-500)}`)));
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export default async function cacheBench(): Promise<BenchReport> {
  const operations = await runChild(await bundle('cache-operations', OPERATIONS), { REDIS_URL: redisUrl }, /RESULT (.*)\n/);
  const ops = JSON.parse(operations.match[1]!) as Record<string, number | string>;
  const redisUp = ops.redisError === undefined;
  const server = await runChild(await bundle('cache-server', SERVER), { REDIS_URL: redisUp ? redisUrl : '' }, /READY (\d+)/);
  const base = `http://127.0.0.1:${server.match[1]}`;
  const pages = ['uncached', 'cached-locmem', ...(redisUp ? ['cached-redis'] : [])];
  const results: Record<string, number[]> = Object.fromEntries(pages.map((page) => [page, []]));
  try {
    for (const page of pages) await requestsPerSecond(`${base}/${page}/`, { seconds: 1 });
    for (let round = 0; round < rounds; round++) {
      for (const page of pages) {
        results[page]!.push(await requestsPerSecond(`${base}/${page}/`, { seconds }));
        // Requests still queued from the last measurement (slow uncached renders) must not count against the next one.
        await new Promise((resolve) => setTimeout(resolve, 1500));
      }
    }
  } finally {
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    const timer = setTimeout(() => server.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  const rows: BenchReport['rows'] = Object.entries(ops)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .map(([name, value]) => ({ case: `${name} (cache API)`, value, unit: 'ops/s' }));
  const uncached = median(results.uncached!);
  rows.push({ case: 'page rendered on every request (50-row template)', value: uncached, unit: 'req/s' });
  rows.push({ case: 'same page with cachePage on local memory', value: median(results['cached-locmem']!), unit: 'req/s' });
  if (redisUp) rows.push({ case: 'same page with cachePage on Redis', value: median(results['cached-redis']!), unit: 'req/s' });
  const locmemRatio = median(results['cached-locmem']!) / uncached;
  const redisRatio = redisUp ? median(results['cached-redis']!) / uncached : undefined;
  return {
    id: 'cache',
    title: 'Cache framework: get/set and cached pages',
    description:
      `Cache API calls awaited one at a time (and 50 in flight for Redis) on a small object; pages under autocannon (50 connections) ` +
      `served by @manouche/server in one child process, medians of ${rounds} alternating rounds of ${seconds}s.` +
      (redisUp ? '' : ` Redis (${redisUrl}) unreachable: ${String(ops.redisError)}.`),
    rows,
    summary: `A cachePage'd page serves at ${locmemRatio.toFixed(2)}x the uncached one on local memory${redisRatio === undefined ? '' : ` and ${redisRatio.toFixed(2)}x on Redis`}`,
    aim: 'cached pages well ahead of rendering them; Redis get/set bounded by the round trip',
  };
}

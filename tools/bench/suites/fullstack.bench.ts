/**
 * The full-stack goals of issue 14: four pages of the seed's blog — `/hello` (plain text),
 * `/api/posts` (the 20 newest posts' id, title and slug as JSON), `/blog/` (the 20 newest published
 * posts through a template extending a base layout, with truncatewords and date) and a post's detail
 * page (by date and slug, linebreaks) — on one SQLite file of 1,000 posts of about 155 words, served
 * by Manouche (baselines/manouche-blog, `manouche build` then `node dist/server.mjs`, its production entry), hand-written Fastify + eta + better-sqlite3
 * (baselines/fastify-blog) and Django (baselines/django-blog, under gunicorn's sync workers and
 * under uvicorn). Every stack is written the same way and serves the same bytes give or take
 * whitespace and escaping style.
 *
 * Two modes: one server process pinned to core 0 with the load generator pinned to core 1 (the
 * per-CPU figures compare frameworks, not schedulers), and two worker processes per stack, unpinned.
 * Per page, the stacks take turns for BENCH_ROUNDS rounds after a warm-up, and the medians are
 * kept: requests per second, requests per CPU-second of the server's whole process group, and the
 * group's peak resident memory. wrk is the load generator when installed (autocannon in this
 * process otherwise). Then startup: `manouche runserver` and the built server (`node
 * dist/server.mjs` from `manouche build`) until the first 200 on /blog/, beside Fastify and Django.
 *
 * Environment: BENCH_SECONDS (per measurement, default 5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (50),
 * BENCH_MODES (`pinned,workers`), BENCH_STACKS (`manouche,fastify,gunicorn,uvicorn`),
 * BENCH_STARTUP_ROUNDS (3), BENCH_LOAD (`autocannon` forces it over wrk), BENCH_PYTHON (/usr/bin/python3).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { canPin, load, loadGenerator, pinned } from '../lib/http-load.js';
import { cpuSeconds, groupPids, samplePeakRss } from '../lib/process-group.js';
import type { BenchReport } from '../lib/report.js';

// This file runs from tools/bench/suites (source) or tools/bench/.out (bundle): both sit in tools/bench.
const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const baselinesDir = path.join(benchDir, 'baselines');
const manoucheDir = path.join(baselinesDir, 'manouche-blog');
const fastifyDir = path.join(baselinesDir, 'fastify-blog');
const djangoDir = path.join(baselinesDir, 'django-blog');

const POSTS = 1000;
const LIST_SIZE = 20;
const DETAIL_HREF = /href="(\/blog\/\d{4}\/\d{1,2}\/\d{1,2}\/[-\w]+\/)"/g;
const SERVER_CORE = 0;
const LOAD_CORE = 1;

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const startupRounds = Number(process.env.BENCH_STARTUP_ROUNDS ?? 3);
const python = process.env.BENCH_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const wanted = (variable: string, all: string[]) => (process.env[variable] ? process.env[variable]!.split(',').map((w) => w.trim()) : all);

interface Mode {
  id: 'pinned' | 'workers';
  label: string;
  workers: number;
  /** The core the server is pinned to, and the load generator's. */
  serverCore?: number;
  loadCore?: number;
}

const MODES: Mode[] = [
  { id: 'pinned', label: '1 process', workers: 1, serverCore: SERVER_CORE, loadCore: LOAD_CORE },
  { id: 'workers', label: '2 workers', workers: 2 },
];

interface Command {
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

interface Stack {
  id: 'manouche' | 'fastify' | 'gunicorn' | 'uvicorn';
  name: string;
  /** gunicorn's sync workers close every connection after its response. */
  closesConnections?: boolean;
  /** The server command for `workers` processes on `port`, serving the SQLite file `db`; throws when the stack cannot run here. */
  command(port: number, workers: number, db: string): Command;
}

const manoucheEnv = (db: string) => ({ DATABASE_URL: `sqlite:///${db}` });
const djangoEnv = (db: string) => ({ DJANGO_BLOG_DB: db, PYTHONDONTWRITEBYTECODE: '1' });

const STACKS: Stack[] = [
  {
    id: 'manouche',
    name: 'Manouche',
    command(port, workers, db) {
      checkManouche();
      // The production entry (as Django's numbers come from gunicorn): no TypeScript loader, no reloader.
      if (!existsSync(path.join(manoucheDir, 'dist/server.mjs'))) throw new Error('`manouche build` did not write dist/server.mjs');
      const args = ['dist/server.mjs', `127.0.0.1:${port}`, '--no-access-log', '--workers', String(workers)];
      return { command: process.execPath, args, cwd: manoucheDir, env: manoucheEnv(db) };
    },
  },
  {
    id: 'fastify',
    name: 'Fastify + eta + better-sqlite3',
    command(port, workers, db) {
      return { command: process.execPath, args: ['server.mjs'], cwd: fastifyDir, env: { PORT: String(port), BLOG_DB: db, WORKERS: String(workers) } };
    },
  },
  {
    id: 'gunicorn',
    name: 'Django + gunicorn (sync)',
    closesConnections: true,
    command(port, workers, db) {
      checkDjango();
      const args = [
        '-m',
        'gunicorn',
        '--workers',
        String(workers),
        '--worker-class',
        'sync',
        '--bind',
        `127.0.0.1:${port}`,
        '--log-level',
        'warning',
        'mysite.wsgi',
      ];
      return { command: python, args, cwd: djangoDir, env: djangoEnv(db) };
    },
  },
  {
    id: 'uvicorn',
    name: 'Django + uvicorn (ASGI)',
    command(port, workers, db) {
      checkDjango('uvicorn');
      const args = ['-m', 'uvicorn', 'mysite.asgi:application', '--workers', String(workers), '--host', '127.0.0.1', '--port', String(port)];
      return { command: python, args: [...args, '--no-access-log', '--log-level', 'warning'], cwd: djangoDir, env: djangoEnv(db) };
    },
  },
];

interface Page {
  id: 'hello' | 'json' | 'list' | 'detail';
  name: string;
  /** The target of issue 14: Manouche ÷ Fastify in requests per CPU-second, one pinned process. */
  target: number;
}

const PAGES: Page[] = [
  { id: 'hello', name: '/hello', target: 0.9 },
  { id: 'json', name: '/api/posts', target: 0.85 },
  { id: 'list', name: '/blog/', target: 1.0 },
  { id: 'detail', name: '/blog/<y>/<m>/<d>/<slug>/', target: 0.85 },
];

function checkManouche(): void {
  if (!existsSync(path.join(benchDir, 'node_modules/manouche/dist/bin.js'))) throw new Error('packages/manouche is not built (run `pnpm build` at the root)');
}

const djangoProbes = new Map<string, string>();
/** Throws a one-line reason when BENCH_PYTHON cannot import Django and gunicorn (or `module`). */
function checkDjango(module = 'gunicorn'): void {
  if (!djangoProbes.has(module)) {
    const probe = spawnSync(python, ['-c', `import django, ${module}`], { encoding: 'utf8' });
    djangoProbes.set(
      module,
      probe.status === 0 ? '' : `${python} cannot import django and ${module} (install with: apt-get install -y python3-django gunicorn python3-uvicorn)`,
    );
  }
  const problem = djangoProbes.get(module);
  if (problem) throw new Error(problem);
}

/** Runs a setup command to completion; throws with its output's tail when it fails. */
function runStep(what: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): void {
  const result = spawnSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`.trim().split('\n').slice(-6).join(' | ');
    throw new Error(`${what} failed (exit ${result.status ?? result.signal}): ${output}`);
  }
}

interface Spawned {
  child: ChildProcess;
  stderrTail(): string;
}

/** Spawns a server as the leader of its own process group, so that its workers are measured and stopped with it. */
function spawnServer({ command, args, cwd, env }: Command, core?: number): Spawned {
  const [file, argv] = pinned(core, command, args);
  const child = spawn(file, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  return { child, stderrTail: () => stderr.trim().split('\n').slice(-6).join(' | ') };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Polls `url` every `everyMs` until it answers (or the server exits, or 60 s pass); returns the body of a 200, throws on any other status. */
async function waitForPage(url: string, server: Spawned, everyMs = 200): Promise<string> {
  const deadline = Date.now() + 60_000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    let response: Response | undefined;
    if (exited(server.child)) {
      await new Promise((r) => setTimeout(r, 50)); // Let the last of stderr arrive.
      throw new Error(`the server exited (${server.child.exitCode ?? server.child.signalCode}) before answering: ${server.stderrTail()}`);
    }
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    } catch (error) {
      last = String((error as Error).cause ?? error); // Not listening yet.
    }
    if (response) {
      const body = await response.text();
      if (response.status === 200) return body;
      throw new Error(`${url} answered HTTP ${response.status}: ${body.replace(/\s+/g, ' ').slice(0, 200)}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`${url} did not answer 200 within 60 s (last: ${last})`);
}

/** SIGTERM to the whole process group, SIGKILL after 5 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (exited(child) || child.pid === undefined) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error; // ESRCH: the group is already gone.
    }
  };
  signalGroup('SIGTERM');
  const timer = setTimeout(() => signalGroup('SIGKILL'), 5000);
  await gone;
  clearTimeout(timer);
  signalGroup('SIGKILL');
}

// Sent by Django's SecurityMiddleware and XFrameOptionsMiddleware (3.2 has no cross-origin-opener-policy yet):
// every stack must send them, or the suite would compare different responses.
const SECURITY_HEADERS = ['x-frame-options', 'x-content-type-options', 'referrer-policy'];

async function checkSecurityHeaders(url: string): Promise<void> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  await response.arrayBuffer();
  const missing = SECURITY_HEADERS.filter((name) => !response.headers.has(name));
  if (missing.length > 0) throw new Error(`${url} sends no ${missing.join(', ')}: every stack must send the security headers`);
}

interface Running {
  stack: Stack;
  server: Spawned;
  base: string;
  paths: Record<Page['id'], string>;
  bytes: Record<Page['id'], number>;
}

/** Starts a stack and checks its four pages: the text, 20 posts as JSON, a list linking 20 posts, a detail page. */
async function launch(stack: Stack, mode: Mode, db: string): Promise<Running> {
  const port = await freePort();
  const server = spawnServer(stack.command(port, mode.workers, db), mode.serverCore);
  const base = `http://127.0.0.1:${port}`;
  try {
    const list = await waitForPage(`${base}/blog/`, server);
    const links = [...new Set([...list.matchAll(DETAIL_HREF)].map((m) => m[1]!))];
    if (links.length !== LIST_SIZE) throw new Error(`the list page links ${links.length} posts, expected ${LIST_SIZE}`);
    const hello = await waitForPage(`${base}/hello`, server);
    if (hello !== 'Hello, World!') throw new Error(`/hello answered ${JSON.stringify(hello.slice(0, 80))}`);
    await checkSecurityHeaders(`${base}/hello`);
    const json = await waitForPage(`${base}/api/posts`, server);
    const posts = JSON.parse(json) as Array<Record<string, unknown>>;
    if (posts.length !== LIST_SIZE || Object.keys(posts[0]!).sort().join() !== 'id,slug,title') {
      throw new Error(`/api/posts answered ${json.slice(0, 120)}…, expected ${LIST_SIZE} objects of id, title and slug`);
    }
    const detail = await waitForPage(`${base}${links[0]}`, server);
    const paths = { hello: '/hello', json: '/api/posts', list: '/blog/', detail: links[0]! };
    const bytes = { hello: Buffer.byteLength(hello), json: Buffer.byteLength(json), list: Buffer.byteLength(list), detail: Buffer.byteLength(detail) };
    return { stack, server, base, paths, bytes };
  } catch (error) {
    await stop(server.child);
    throw error;
  }
}

interface Sample {
  rps: number;
  perCpuSecond: number;
}

/** One measurement: load for `seconds`, the group's CPU time and peak RSS meanwhile. */
async function measure(r: Running, page: Page, mode: Mode, duration: number): Promise<Sample & { peakRss: number; resets: number }> {
  const pids = groupPids(r.server.child.pid!);
  const cpuBefore = cpuSeconds(pids);
  const rss = samplePeakRss(pids);
  const result = await load(`${r.base}${r.paths[page.id]}`, {
    seconds: duration,
    connections,
    core: mode.loadCore,
    allowResets: r.stack.closesConnections === true,
  });
  const peakRss = rss.stop();
  const cpu = cpuSeconds(pids) - cpuBefore;
  return { rps: result.requests / result.seconds, perCpuSecond: cpu > 0 ? result.requests / cpu : Number.NaN, peakRss, resets: result.resets };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

interface ModeResults {
  mode: Mode;
  samples: Map<string, Sample[]>;
  peakRss: Map<Stack['id'], number>;
  resets: Map<Stack['id'], number>;
  bytes: Map<Stack['id'], Record<Page['id'], number>>;
}

const key = (stack: Stack['id'], page: Page['id']) => `${stack}/${page}`;

/**
 * Each round starts every stack afresh, so that the rounds sample how a process's JIT settles (after the
 * same launch checks, one Fastify process served /hello at about 65k req/s and the next at about 87k).
 */
async function runMode(mode: Mode, stacks: Stack[], db: string, skipped: string[]): Promise<ModeResults> {
  const results: ModeResults = { mode, samples: new Map(), peakRss: new Map(), resets: new Map(), bytes: new Map() };
  for (let round = 0; round < rounds; round++) {
    const running: Running[] = [];
    try {
      for (const stack of stacks) {
        if (skipped.some((reason) => reason.startsWith(`${stack.name} (${mode.label})`))) continue;
        try {
          running.push(await launch(stack, mode, db));
          console.log(`${mode.label}, round ${round + 1}: ${stack.name} ready`);
        } catch (error) {
          skipped.push(`${stack.name} (${mode.label}): ${(error as Error).message}`);
          console.log(`${mode.label}: ${stack.name} skipped: ${(error as Error).message}`);
        }
      }
      for (const r of running) if (!results.bytes.has(r.stack.id)) results.bytes.set(r.stack.id, r.bytes);
      for (const page of PAGES) {
        for (const r of running) await measure(r, page, mode, 2); // Warm-up: JIT, template and statement caches.
        // Stacks alternate within a round, so that drift in the machine's load hits every stack alike.
        for (const r of running) {
          const sample = await measure(r, page, mode, seconds);
          const k = key(r.stack.id, page.id);
          results.samples.set(k, [...(results.samples.get(k) ?? []), sample]);
          results.peakRss.set(r.stack.id, Math.max(results.peakRss.get(r.stack.id) ?? 0, sample.peakRss));
          results.resets.set(r.stack.id, (results.resets.get(r.stack.id) ?? 0) + sample.resets);
          console.log(`${mode.label} ${page.name} ${r.stack.name}: ${Math.round(sample.rps)} req/s, ${Math.round(sample.perCpuSecond)} req/CPU-s`);
        }
      }
    } finally {
      await Promise.all(running.map((r) => stop(r.server.child)));
    }
  }
  return results;
}

interface StartupTarget {
  name: string;
  /** Left out unless this stack is measured (BENCH_STACKS). */
  stack: Stack['id'];
  /** Throws when this server cannot run here. */
  command(port: number, db: string): Command;
}

/** Milliseconds from spawning `target` to its first 200 on /blog/ (polled every 10 ms); the median of `startupRounds`. */
async function startupTimes(targets: StartupTarget[], db: string, skipped: string[]): Promise<Array<[string, number]>> {
  const times = new Map<string, number[]>();
  for (let round = 0; round < startupRounds; round++) {
    for (const target of targets) {
      if (skipped.some((s) => s.startsWith(`${target.name}:`))) continue;
      let server: Spawned | undefined;
      try {
        const port = await freePort();
        const command = target.command(port, db);
        const started = performance.now();
        server = spawnServer(command);
        await waitForPage(`http://127.0.0.1:${port}/blog/`, server, 10);
        times.set(target.name, [...(times.get(target.name) ?? []), performance.now() - started]);
      } catch (error) {
        skipped.push(`${target.name}: ${(error as Error).message}`);
      } finally {
        if (server) await stop(server.child);
      }
    }
  }
  return [...times].map(([name, values]) => [name, median(values)]);
}

const STARTUP: StartupTarget[] = [
  {
    name: 'Manouche `manouche runserver` (with its reloader)',
    stack: 'manouche',
    command: (port, db) => (
      checkManouche(),
      { command: process.execPath, args: ['manage.mjs', 'runserver', `127.0.0.1:${port}`, '--no-access-log'], cwd: manoucheDir, env: manoucheEnv(db) }
    ),
  },
  {
    name: 'Manouche `node dist/server.mjs` (from `manouche build`)',
    stack: 'manouche',
    command: (port, db) => {
      if (!existsSync(path.join(manoucheDir, 'dist/server.mjs'))) throw new Error('`manouche build` did not write dist/server.mjs');
      return { command: process.execPath, args: ['dist/server.mjs', `127.0.0.1:${port}`, '--no-access-log'], cwd: manoucheDir, env: manoucheEnv(db) };
    },
  },
  {
    name: 'Fastify `node server.mjs`',
    stack: 'fastify',
    command: (port, db) => ({ command: process.execPath, args: ['server.mjs'], cwd: fastifyDir, env: { PORT: String(port), BLOG_DB: db } }),
  },
  {
    name: 'Django `manage.py runserver` (with its reloader)',
    stack: 'gunicorn',
    command: (port, db) => (checkDjango(), { command: python, args: ['manage.py', 'runserver', `127.0.0.1:${port}`], cwd: djangoDir, env: djangoEnv(db) }),
  },
  {
    name: 'Django `gunicorn mysite.wsgi` (1 worker)',
    stack: 'gunicorn',
    command: (port, db) => (
      checkDjango(), { command: python, args: ['-m', 'gunicorn', '--bind', `127.0.0.1:${port}`, 'mysite.wsgi'], cwd: djangoDir, env: djangoEnv(db) }
    ),
  },
];

const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && b > 0 ? a / b : undefined);
const mb = (bytes: number | undefined) => (bytes === undefined ? undefined : bytes / 1024 / 1024);

export default async function fullstackBench(): Promise<BenchReport> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'manouche-fullstack-'));
  const skipped: string[] = [];
  const stackIds = wanted(
    'BENCH_STACKS',
    STACKS.map((s) => s.id),
  );
  const stacks = STACKS.filter((s) => stackIds.includes(s.id));
  const modes = MODES.filter((m) => wanted('BENCH_MODES', ['pinned', 'workers']).includes(m.id));
  const loadAverage = () =>
    os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' / ');
  const loadBefore = loadAverage();
  try {
    // One file for all stacks: the same rows, in Django's table layout (the Manouche project declares the same model).
    const db = path.join(dataDir, 'blog.sqlite3');
    runStep('seeding the blog database', process.execPath, [path.join(baselinesDir, 'seed-blog-db.mjs'), db, String(POSTS)], baselinesDir);
    // Built first: the measured Manouche server and the second startup row are `node dist/server.mjs`.
    if (stackIds.includes('manouche')) {
      try {
        checkManouche();
        runStep('manouche build', process.execPath, ['manage.mjs', 'build'], manoucheDir, manoucheEnv(db));
      } catch (error) {
        skipped.push(`${STARTUP[1]!.name}: ${(error as Error).message}`);
      }
    }
    const results: ModeResults[] = [];
    for (const mode of modes) results.push(await runMode(mode, stacks, db, skipped));
    const loadAfterLoad = loadAverage();
    const startup = await startupTimes(
      STARTUP.filter((t) => stackIds.includes(t.stack)),
      db,
      skipped,
    );

    const value = (m: ModeResults | undefined, stack: Stack['id'], page: Page['id'], field: keyof Sample) => {
      const samples = m?.samples.get(key(stack, page));
      return samples ? median(samples.map((s) => s[field])) : undefined;
    };
    const [pinnedMode, workersMode] = [results.find((m) => m.mode.id === 'pinned'), results.find((m) => m.mode.id === 'workers')];
    const bestDjango = (m: ModeResults | undefined, page: Page['id'], field: keyof Sample) =>
      Math.max(...['gunicorn' as const, 'uvicorn' as const].map((id) => value(m, id, page, field) ?? Number.NEGATIVE_INFINITY));
    const finite = (n: number) => (Number.isFinite(n) ? n : undefined);
    // Manouche ÷ Fastify per CPU-second in each round (both measured from fresh processes, one after the other).
    const roundRatioRange = (m: ModeResults | undefined, page: Page['id']) => {
      const ours = m?.samples.get(key('manouche', page));
      const theirs = m?.samples.get(key('fastify', page));
      if (!ours || !theirs || ours.length !== theirs.length) return undefined;
      const perRound = ours.map((s, i) => s.perCpuSecond / theirs[i]!.perCpuSecond).sort((a, b) => a - b);
      return `${perRound[0]!.toFixed(2)}–${perRound[perRound.length - 1]!.toFixed(2)}`;
    };

    const throughput: NonNullable<BenchReport['tables']>[number] = {
      title: 'Requests per second, and per CPU-second of the server (all its processes), medians:',
      columns: ['page', 'stack', '1 process: req/s', '1 process: req/CPU-s', '2 workers: req/s', '2 workers: req/CPU-s'],
      rows: PAGES.flatMap((page) =>
        stacks.map((s) => [
          page.name,
          s.name,
          value(pinnedMode, s.id, page.id, 'rps'),
          value(pinnedMode, s.id, page.id, 'perCpuSecond'),
          value(workersMode, s.id, page.id, 'rps'),
          value(workersMode, s.id, page.id, 'perCpuSecond'),
        ]),
      ),
    };
    const ratios: NonNullable<BenchReport['tables']>[number] = {
      title: 'Manouche ÷ Fastify and Manouche ÷ Django (its faster server on each page), measured in the same run:',
      columns: [
        'page',
        '÷ Fastify, req/CPU-s, 1 process',
        'target',
        'the same, round by round (lowest–highest)',
        '÷ Fastify, req/s, 1 process',
        '÷ Fastify, req/s, 2 workers',
        '÷ Django, req/CPU-s, 1 process',
        '÷ Django, req/s, 2 workers',
      ],
      rows: PAGES.map((page) => [
        page.name,
        ratio(value(pinnedMode, 'manouche', page.id, 'perCpuSecond'), value(pinnedMode, 'fastify', page.id, 'perCpuSecond')),
        `≥ ${page.target.toFixed(2)}`,
        roundRatioRange(pinnedMode, page.id),
        ratio(value(pinnedMode, 'manouche', page.id, 'rps'), value(pinnedMode, 'fastify', page.id, 'rps')),
        ratio(value(workersMode, 'manouche', page.id, 'rps'), value(workersMode, 'fastify', page.id, 'rps')),
        ratio(value(pinnedMode, 'manouche', page.id, 'perCpuSecond'), finite(bestDjango(pinnedMode, page.id, 'perCpuSecond'))),
        ratio(value(workersMode, 'manouche', page.id, 'rps'), finite(bestDjango(workersMode, page.id, 'rps'))),
      ]),
    };
    const memory: NonNullable<BenchReport['tables']>[number] = {
      title: 'Peak resident memory of the server under load (all its processes), and what a second worker brings on /api/posts:',
      columns: ['stack', '1 process: peak RSS (MB)', '2 workers: peak RSS (MB)', '2 workers ÷ 1 process, /api/posts req/s'],
      rows: stacks.map((s) => [
        s.name,
        mb(pinnedMode?.peakRss.get(s.id)),
        mb(workersMode?.peakRss.get(s.id)),
        ratio(value(workersMode, s.id, 'json', 'rps'), value(pinnedMode, s.id, 'json', 'rps')),
      ]),
    };
    const startupTable: NonNullable<BenchReport['tables']>[number] = {
      title: `Startup: from spawning the server to its first 200 on /blog/ (median of ${startupRounds}):`,
      columns: ['server', 'ms'],
      rows: startup.map(([name, ms]) => [name, ms]),
    };

    const manoucheRss = pinnedMode?.peakRss.get('manouche');
    const fastifyRss = pinnedMode?.peakRss.get('fastify');
    const perCpu = PAGES.map((page) => {
      const r = ratio(value(pinnedMode, 'manouche', page.id, 'perCpuSecond'), value(pinnedMode, 'fastify', page.id, 'perCpuSecond'));
      return r === undefined ? undefined : `${page.name} ${r.toFixed(2)}x (target ${page.target})`;
    }).filter(Boolean);
    const scaling = ratio(value(workersMode, 'manouche', 'json', 'rps'), value(pinnedMode, 'manouche', 'json', 'rps'));
    const startupMs = (prefix: string) => startup.find(([name]) => name.startsWith(prefix))?.[1];
    const firstAnswers = [
      ['runserver', startupMs('Manouche `manouche runserver`')],
      ['the built server', startupMs('Manouche `node dist')],
      ['Fastify', startupMs('Fastify')],
    ]
      .filter((entry): entry is [string, number] => entry[1] !== undefined)
      .map(([name, ms]) => `${name} ${Math.round(ms)} ms`);
    const startupSentence = firstAnswers.length > 0 ? `; first answer after startup: ${firstAnswers.join(', ')}` : '';
    const summary =
      perCpu.length > 0
        ? `Manouche per CPU-second, one pinned process, against Fastify: ${perCpu.join(', ')}; peak RSS ${
            manoucheRss && fastifyRss ? `${(manoucheRss / fastifyRss).toFixed(2)}x Fastify's (target ≤ 1.2)` : 'not compared'
          }; --workers 2 ${scaling !== undefined ? `${scaling.toFixed(2)}x one process on /api/posts (target ≥ 1.7)` : 'not compared'}${startupSentence}`
        : `No Manouche figure: ${skipped.find((s) => s.startsWith('Manouche')) ?? 'Manouche did not run'}`;

    const sizes = stacks
      .map((s) => {
        const b = results.find((m) => m.bytes.has(s.id))?.bytes.get(s.id);
        return b ? `${s.name} ${b.hello} / ${b.json} / ${b.list} / ${b.detail} B` : undefined;
      })
      .filter(Boolean)
      .join('; ');
    const resets = results
      .flatMap((m) => [...m.resets].filter(([, n]) => n > 0).map(([id, n]) => `${STACKS.find((s) => s.id === id)!.name} (${m.mode.label}) ${n}`))
      .join('; ');
    const loadGen =
      loadGenerator === 'wrk' ? `wrk (1 thread${canPin ? `, pinned to core ${LOAD_CORE} in the 1-process mode` : ''})` : 'autocannon in the suite process';
    return {
      id: 'fullstack',
      title: 'Full stack: the blog on Manouche vs hand-written Fastify vs Django',
      description:
        `${POSTS} posts of about 155 words (every tenth a draft) in one SQLite file that every stack serves. Pages: /hello (plain text); ` +
        `/api/posts (\`Post.objects.values('id', 'title', 'slug')[:20]\` as JSON); /blog/ (the 20 newest published posts, a template extending a base layout, ` +
        `truncatewords:30, linebreaks and date); a post's detail page (published post by date and slug, linebreaks). ` +
        `Servers: tools/bench/baselines/manouche-blog (built by \`manouche build\`, served by \`node dist/server.mjs --no-access-log --workers N\`, DEBUG off), ` +
        `baselines/fastify-blog (node:cluster for 2 workers), baselines/django-blog (Django ${djangoVersion()}, DEBUG=False) under gunicorn (sync) and uvicorn; ` +
        `Django and Manouche with Security, Common and XFrameOptions middleware; Fastify sends the same four security headers from an onRequest hook, so every stack answers with the same headers. ` +
        `"1 process": one server process (gunicorn: its master and one worker)${canPin ? ` pinned to core ${SERVER_CORE} (taskset)` : ' (taskset missing: not pinned)'}; "2 workers": two, unpinned, beside each stack's primary or master process. ` +
        `Load: ${loadGen}, ${connections} connections, ${rounds} rounds × ${seconds} s per page, every server started afresh for each round (a process's JIT settles differently from run to run), stacks alternating, after a 2 s warm-up per page; medians. ` +
        `CPU-seconds: utime + stime of every process in the server's process group (/proc). Response sizes (hello / JSON / list / detail): ${sizes}. ` +
        (resets ? `Connection resets tolerated (the server closing each connection): ${resets}. ` : '') +
        `Load average (1 / 5 / 15 min) before: ${loadBefore}; after the load runs: ${loadAfterLoad} (a shared machine: compare ratios from one run).` +
        (skipped.length ? ` Not measured: ${skipped.join('; ')}.` : ''),
      rows: [],
      tables: [throughput, ratios, memory, startupTable],
      summary,
      aim: 'per CPU-second /hello ≥ 0.9x Fastify, detail and JSON ≥ 0.85x, list ≥ 1.0x; peak RSS of one process ≤ 1.2x Fastify; --workers 2 ≥ 1.7x one process on JSON; about ten times Django',
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function djangoVersion(): string {
  const probe = spawnSync(python, ['-c', 'import django; print(django.get_version())'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : 'not installed';
}

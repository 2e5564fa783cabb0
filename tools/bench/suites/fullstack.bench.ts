/**
 * The full-stack goal: the seed's blog (middleware, URLconf, ORM query, template inheritance)
 * served by Manouche, against the same two pages hand-written on Fastify + eta + better-sqlite3
 * and written in Django (gunicorn sync workers, and uvicorn/ASGI), all on SQLite with the same
 * 1,000 posts. Each server runs in its own child process group on a free loopback port; the load
 * generator (autocannon) runs here. Every stack gets the same number of processes (BENCH_WORKERS,
 * 2 by default: the machine has two cores). Stacks that cannot start (Django not installed, the
 * Manouche blog not built) are left out and named in the summary.
 *
 * Environment: BENCH_SECONDS (per measurement, default 3), BENCH_ROUNDS (4: each page is measured
 * that many times per stack, alternating stacks, and the median kept), BENCH_CONNECTIONS (50),
 * BENCH_WORKERS (2), BENCH_PYTHON (/usr/bin/python3).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { BenchReport } from '../lib/report.js';

// This file runs from tools/bench/suites (source) or tools/bench/.out (bundle): both sit in tools/bench.
const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rootDir = path.resolve(benchDir, '../..');
const baselinesDir = path.join(benchDir, 'baselines');
const blogAppDir = path.join(rootDir, 'apps', 'blog');

const POSTS = 1000;
const LIST_SIZE = 20;
const DETAIL_HREF = /href="(\/blog\/\d{4}\/\d{1,2}\/\d{1,2}\/[-\w]+\/)"/g;

interface Stack {
  name: string;
  /** The server closes every connection after its response (gunicorn's sync workers): resets are expected. */
  closesConnections?: boolean;
  /** Starts the server on `port`; resolves once it is spawned (readiness is polled separately). */
  start(port: number, dataDir: string): Promise<ChildProcess>;
}

interface Running {
  stack: Stack;
  child: ChildProcess;
  base: string;
  detailPath: string;
  listBytes: number;
  detailBytes: number;
}

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const workers = Number(process.env.BENCH_WORKERS ?? 2);
const python = process.env.BENCH_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

/** Runs a setup command to completion; throws with its output's tail when it fails. */
function runStep(what: string, command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): void {
  const result = spawnSync(command, args, { cwd: options.cwd, env: options.env ?? process.env, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`.trim().split('\n').slice(-6).join(' | ');
    throw new Error(`${what} failed (exit ${result.status ?? result.signal}): ${output}`);
  }
}

/** Spawns a server as the leader of its own process group, so that its workers stop with it. */
function spawnServer(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  child.on('exit', () => {
    (child as ChildProcess & { stderrTail?: string }).stderrTail = stderr.trim().split('\n').slice(-6).join(' | ');
  });
  return child;
}

const STACKS: Stack[] = [
  {
    name: 'Manouche (apps/blog)',
    async start(port, dataDir) {
      if (!existsSync(path.join(blogAppDir, 'manage.mjs'))) throw new Error('apps/blog/manage.mjs does not exist yet');
      if (!existsSync(path.join(rootDir, 'packages/manouche/dist/bin.js'))) throw new Error('packages/manouche is not built (run `pnpm build` at the root)');
      // The blog's own settings, production-like through the settings layer's environment overrides.
      const env = { ...process.env, DATABASE_URL: `sqlite:///${path.join(dataDir, 'manouche.sqlite3')}`, MANOUCHE_DEBUG: 'false' };
      runStep('manouche migrate', process.execPath, ['manage.mjs', 'migrate'], { cwd: blogAppDir, env });
      runStep('manouche seedposts', process.execPath, ['manage.mjs', 'seedposts', '--count', String(POSTS)], { cwd: blogAppDir, env });
      return spawnServer(process.execPath, ['manage.mjs', 'runserver', `127.0.0.1:${port}`, '--workers', String(workers), '--no-access-log'], blogAppDir, env);
    },
  },
  {
    name: 'Fastify + eta + better-sqlite3',
    async start(port, dataDir) {
      const dir = path.join(baselinesDir, 'fastify-blog');
      return spawnServer(process.execPath, ['server.mjs'], dir, {
        PORT: String(port),
        BLOG_DB: path.join(dataDir, 'baseline.sqlite3'),
        WORKERS: String(workers),
      });
    },
  },
  {
    name: 'Django + gunicorn (sync)',
    closesConnections: true,
    async start(port, dataDir) {
      checkDjango();
      const dir = path.join(baselinesDir, 'django-blog');
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
      return spawnServer(python, args, dir, { DJANGO_BLOG_DB: path.join(dataDir, 'baseline.sqlite3'), PYTHONDONTWRITEBYTECODE: '1' });
    },
  },
  {
    name: 'Django + uvicorn (ASGI)',
    async start(port, dataDir) {
      checkDjango();
      runStep('python3 -m uvicorn --version', python, ['-m', 'uvicorn', '--version'], { cwd: baselinesDir });
      const dir = path.join(baselinesDir, 'django-blog');
      const args = [
        '-m',
        'uvicorn',
        'mysite.asgi:application',
        '--workers',
        String(workers),
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--no-access-log',
        '--log-level',
        'warning',
      ];
      return spawnServer(python, args, dir, { DJANGO_BLOG_DB: path.join(dataDir, 'baseline.sqlite3'), PYTHONDONTWRITEBYTECODE: '1' });
    },
  },
];

let djangoChecked: string | undefined;
function checkDjango(): void {
  if (djangoChecked === undefined) {
    const probe = spawnSync(python, ['-c', 'import django, gunicorn; print(django.get_version())'], { encoding: 'utf8' });
    djangoChecked =
      probe.status === 0 ? '' : `${python} cannot import django and gunicorn (install with: apt-get install -y python3-django gunicorn python3-uvicorn)`;
  }
  if (djangoChecked) throw new Error(djangoChecked);
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

/** Polls `url` until it answers 200 (or the child exits, or 60 s pass); returns the body. */
async function waitForPage(url: string, child: ChildProcess): Promise<string> {
  const deadline = Date.now() + 60_000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await new Promise((r) => setTimeout(r, 50));
      const tail = (child as ChildProcess & { stderrTail?: string }).stderrTail;
      throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before answering${tail ? `: ${tail}` : ''}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      const body = await response.text();
      if (response.status === 200) return body;
      last = `HTTP ${response.status}: ${body.replace(/\s+/g, ' ').slice(0, 200)}`;
    } catch (error) {
      last = String((error as Error).cause ?? error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer 200 within 60 s (last: ${last})`);
}

/** SIGTERM to the whole process group, SIGKILL after 5 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error; // ESRCH: the group is already gone.
    }
  };
  signalGroup('SIGTERM');
  const timer = setTimeout(() => signalGroup('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  signalGroup('SIGKILL');
}

/** Starts a stack and checks that its list page links 20 posts and its first detail page answers. */
async function launch(stack: Stack, dataDir: string): Promise<Running> {
  const port = await freePort();
  const child = await stack.start(port, dataDir);
  const base = `http://127.0.0.1:${port}`;
  try {
    const list = await waitForPage(`${base}/blog/`, child);
    const links = [...new Set([...list.matchAll(DETAIL_HREF)].map((m) => m[1]!))];
    if (links.length !== LIST_SIZE) throw new Error(`the list page links ${links.length} posts, expected ${LIST_SIZE}`);
    const detail = await waitForPage(`${base}${links[0]}`, child);
    return { stack, child, base, detailPath: links[0]!, listBytes: Buffer.byteLength(list), detailBytes: Buffer.byteLength(detail) };
  } catch (error) {
    await stop(child);
    throw error;
  }
}

/**
 * Loads `url` with autocannon and returns the completed 2xx requests per second. Unlike
 * lib/measure.ts it can tolerate connection resets: gunicorn's sync workers close every connection
 * after its response, and autocannon writes its next request before it sees the close, so that
 * request is reset by the kernel without reaching the server (only served requests are counted).
 * Any non-2xx answer, timeout or other error fails the run, and so do resets unless `allowResets`.
 */
async function measure(url: string, duration: number, allowResets: boolean): Promise<{ rps: number; resets: number }> {
  const errors = new Map<string, number>();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, duration, connections, pipelining: 1 }, (error, r) => (error ? reject(error) : resolve(r)));
    instance.on('reqError', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? error.message;
      errors.set(code, (errors.get(code) ?? 0) + 1);
    });
  });
  const resets = (errors.get('ECONNRESET') ?? 0) + (errors.get('EPIPE') ?? 0);
  const other = [...errors].filter(([code]) => code !== 'ECONNRESET' && code !== 'EPIPE');
  if (result.non2xx > 0 || other.length > 0 || result.timeouts > 0 || (resets > 0 && !allowResets) || result.requests.total === 0) {
    const detail = [...errors].map(([code, n]) => `${n} × ${code}`).join(', ') || 'no errors';
    throw new Error(`${url}: ${result.non2xx} non-2xx responses, ${result.timeouts} timeouts, ${detail} under load`);
  }
  return { rps: result.requests.average, resets };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export default async function fullstackBench(): Promise<BenchReport> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'manouche-fullstack-'));
  const running: Running[] = [];
  const skipped: string[] = [];
  try {
    runStep(
      'seeding the baseline database',
      process.execPath,
      [path.join(baselinesDir, 'seed-blog-db.mjs'), path.join(dataDir, 'baseline.sqlite3'), String(POSTS)],
      {
        cwd: baselinesDir,
      },
    );
    for (const stack of STACKS) {
      try {
        running.push(await launch(stack, dataDir));
        console.log(`${stack.name}: ready`);
      } catch (error) {
        skipped.push(`${stack.name}: ${(error as Error).message}`);
        console.log(`${stack.name}: skipped: ${(error as Error).message}`);
      }
    }

    const pages = [
      { name: 'list page (20 newest of 1,000)', path: (_r: Running) => '/blog/' },
      { name: 'detail page', path: (r: Running) => r.detailPath },
    ];
    const results = new Map<string, number[]>();
    const resets = new Map<string, number>();
    const key = (stack: string, page: string) => `${stack}\u0000${page}`;
    for (const page of pages) {
      for (const r of running) await measure(`${r.base}${page.path(r)}`, 1, r.stack.closesConnections === true);
      // Rounds alternating stacks, so that drift in the machine's load hits every stack alike.
      for (let round = 0; round < rounds; round++) {
        for (const r of running) {
          const { rps, resets: reset } = await measure(`${r.base}${page.path(r)}`, seconds, r.stack.closesConnections === true);
          resets.set(r.stack.name, (resets.get(r.stack.name) ?? 0) + reset);
          const k = key(r.stack.name, page.name);
          results.set(k, [...(results.get(k) ?? []), rps]);
          console.log(`${r.stack.name} ${page.name}: ${Math.round(rps)} req/s`);
        }
      }
    }

    const rows: BenchReport['rows'] = [];
    const rate = (stack: Stack, page: string) => {
      const values = results.get(key(stack.name, page));
      return values ? median(values) : undefined;
    };
    for (const page of pages) {
      for (const r of running) rows.push({ case: `${page.name}: ${r.stack.name}`, value: rate(r.stack, page.name)!, unit: 'req/s' });
    }
    const [manouche, fastify, gunicorn, uvicorn] = STACKS;
    const ratios: string[] = [];
    for (const page of pages) {
      const ours = rate(manouche!, page.name);
      const f = rate(fastify!, page.name);
      const g = rate(gunicorn!, page.name);
      const u = rate(uvicorn!, page.name);
      const pairs: Array<[string, number | undefined, number | undefined]> = [
        ['Manouche / Fastify', ours, f],
        ['Manouche / Django+gunicorn', ours, g],
        ['Manouche / Django+uvicorn', ours, u],
        ['Fastify / Django+gunicorn (reference)', f, g],
      ];
      for (const [label, a, b] of pairs) if (a !== undefined && b !== undefined) rows.push({ case: `${page.name}: ${label}`, value: a / b, unit: 'x' });
      if (ours === undefined) continue;
      // "Ten times Django" is held against Django's faster server on this page.
      const django = [
        ['gunicorn', g],
        ['uvicorn', u],
      ]
        .filter((e): e is [string, number] => e[1] !== undefined)
        .sort((a, b) => b[1] - a[1])[0];
      ratios.push(
        `${page.name.split(' (')[0]} at ${f !== undefined ? `${(ours / f).toFixed(2)}x Fastify` : 'no Fastify figure'}` +
          ` and ${django ? `${(ours / django[1]).toFixed(1)}x Django (${django[0]}, its faster server here)` : 'no Django figure'}`,
      );
    }
    const spread = [...results]
      .map(([k, values]) => {
        const [stack, page] = k.split('\u0000');
        return `${stack} ${page!.split(' (')[0]} ${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`;
      })
      .join('; ');
    const resetNote = [...resets]
      .filter(([, n]) => n > 0)
      .map(([name, n]) => `${name} ${n}`)
      .join('; ');
    const sizes = running.map((r) => `${r.stack.name} ${r.listBytes} B / ${r.detailBytes} B`).join('; ');
    const summary =
      ratios.length > 0
        ? `Manouche serves the blog's ${ratios.join('; ')}`
        : `No Manouche figure: ${skipped.find((s) => s.startsWith(manouche!.name)) ?? 'the Manouche blog did not run'}`;
    return {
      id: 'fullstack',
      title: 'Full stack: the blog on Manouche vs hand-written Fastify vs Django',
      description:
        `The seed's blog on SQLite with ${POSTS} posts (every tenth a draft): the list page (the 20 newest published posts through a template extending a base layout) ` +
        `and a post's detail page (/blog/<year>/<month>/<day>/<slug>/). autocannon from the suite process, ${connections} connections, ` +
        `the median of ${rounds} × ${seconds} s per page and stack (alternating stacks) after a 1 s warm-up. Every stack runs ${workers} process(es): ` +
        `\`manouche runserver --workers ${workers} --no-access-log\` with DEBUG off; tools/bench/baselines/fastify-blog (node:cluster, ${workers} workers); ` +
        `tools/bench/baselines/django-blog (Django, DEBUG=False, Security/Common/XFrameOptions middleware) under gunicorn --workers ${workers} (sync, no keep-alive) and uvicorn --workers ${workers}. ` +
        `Response sizes (list / detail): ${sizes}. Range of the rounds in req/s: ${spread}.` +
        (resetNote ? ` Connection resets (requests written into a connection the server was closing, not counted): ${resetNote}.` : '') +
        (skipped.length ? ` Not measured: ${skipped.join('; ')}.` : ''),
      rows,
      summary,
      aim: 'nearly as fast as the same page hand-written on Fastify, about ten times Django on the same machine',
    };
  } finally {
    await Promise.all(running.map((r) => stop(r.child)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

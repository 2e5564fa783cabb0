/**
 * The auth goals of issue 15, measured on demand (never as a timed test):
 *
 * 1. CPU per request of the blog's detail page for an anonymous visitor with SessionMiddleware +
 *    CsrfViewMiddleware + AuthenticationMiddleware + MessageMiddleware (and the auth and messages
 *    context processors) against the same project without them. Each configuration runs in its own
 *    server process (apps/blog on one migrated SQLite file), pinned to core 0; the load generator
 *    (lib/http-load.ts: wrk on core 1, else autocannon here) loads one at a time, alternating
 *    configurations for BENCH_ROUNDS rounds, and the server's own CPU time (utime + stime from
 *    /proc/<pid>/stat) is divided by the requests it answered. The median of the rounds is kept.
 *    Aim: at most 10% more with the four middleware.
 * 2. One PBKDF2 verification (`checkPassword` on a `pbkdf2_sha256` hash) at Manouche's default
 *    cost (1,000,000 iterations, Django 5.2's) and at 600,000 (Django 4.2's), beside Django's
 *    `check_password` on the same machine (/usr/bin/python3 with Debian's python3-django; left out
 *    and named in the summary when Django cannot be imported).
 *
 * Environment: BENCH_SECONDS (per measurement, default 5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (10),
 * BENCH_HASH_ROUNDS (7), BENCH_PYTHON (/usr/bin/python3).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load, loadGenerator, pinned } from '../lib/http-load.js';
import { cpuSeconds } from '../lib/process-group.js';
import type { BenchReport } from '../lib/report.js';

// This file runs from tools/bench/suites (source) or a bundle beside it: both sit under tools/bench.
const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rootDir = path.resolve(benchDir, '../..');
const suitesDir = path.join(benchDir, 'suites');
const tsLoader = path.join(rootDir, 'packages/cli/dist/register.js');

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const hashRounds = Number(process.env.BENCH_HASH_ROUNDS ?? 7);
const SERVER_CORE = 0;
const LOAD_CORE = 1;
const python = process.env.BENCH_PYTHON ?? '/usr/bin/python3';

/**
 * Node arguments that run a TypeScript file of this folder as `manage.mjs` runs a project: its own
 * TypeScript (and apps/blog's, imported at run time) through the CLI's loader, the packages from their
 * built dist/ as users run them. (The `source` condition would send packages to src/*.ts inside
 * node_modules, which the loader leaves to Node: ERR_UNKNOWN_FILE_EXTENSION.)
 */
function tsArgs(file: string, args: string[]): string[] {
  if (!existsSync(tsLoader)) throw new Error('packages/cli/dist/register.js is missing: run `pnpm build` at the root first');
  return ['--import', tsLoader, path.join(suitesDir, file), ...args];
}

function runTs(file: string, args: string[]): string {
  const result = spawnSync(process.execPath, tsArgs(file, args), { cwd: benchDir, encoding: 'utf8', timeout: 300_000 });
  if (result.status !== 0)
    throw new Error(
      `${file} ${args.join(' ')} failed (exit ${result.status ?? result.signal}): ${`${result.stderr}`.trim().split('\n').slice(-6).join(' | ')}`,
    );
  return result.stdout;
}

interface Server {
  child: ChildProcess;
  base: string;
  pid: number;
}

/** Starts the blog server in `mode` and waits for its READY line. */
async function startServer(mode: 'with' | 'without', databaseFile: string): Promise<Server> {
  const [command, args] = pinned(SERVER_CORE, process.execPath, tsArgs('auth-blog-server.ts', [mode, databaseFile]));
  const child = spawn(command, args, { cwd: benchDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the ${mode} server did not start within 120 s: ${stderr}`)), 120_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /READY (\d+) (\d+)/.exec(out);
      if (ready) {
        clearTimeout(timer);
        resolve({ child, base: `http://127.0.0.1:${ready[1]}`, pid: Number(ready[2]) });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the ${mode} server exited (${code}) before it was ready: ${stderr}`));
    });
  });
}

/** Loads `url` for `seconds` and returns the server's CPU microseconds per answered request. */
async function cpuPerRequest(server: Server, url: string): Promise<number> {
  const before = cpuSeconds([server.pid]);
  const result = await load(url, { seconds, connections, core: LOAD_CORE });
  const after = cpuSeconds([server.pid]);
  if (result.requests === 0) throw new Error(`${url} answered no request in ${seconds} s`);
  return ((after - before) * 1_000_000) / result.requests;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const DJANGO_HASH_TIMING = `
import json, statistics, sys, time
from django.conf import settings
settings.configure(PASSWORD_HASHERS=['django.contrib.auth.hashers.PBKDF2PasswordHasher'])
import django
django.setup()
from django.contrib.auth.hashers import PBKDF2PasswordHasher, check_password
out = {'version': django.get_version()}
for iterations in (1000000, 600000):
    encoded = PBKDF2PasswordHasher().encode('minor swing 1937', 'seasalt2024abcdefghijk', iterations)
    assert check_password('minor swing 1937', encoded)
    times = []
    for _ in range(int(sys.argv[1])):
        started = time.perf_counter(); check_password('minor swing 1937', encoded); times.append((time.perf_counter() - started) * 1000)
    out[str(iterations)] = statistics.median(times)
print(json.dumps(out))
`;

function djangoHashTiming(): { version: string; [iterations: string]: number | string } | string {
  const result = spawnSync(python, ['-c', DJANGO_HASH_TIMING, String(hashRounds)], { encoding: 'utf8', timeout: 300_000 });
  if (result.status !== 0)
    return `${python} cannot run Django's check_password (apt-get install -y python3-django): ${`${result.stderr}`.trim().split('\n').pop()}`;
  return JSON.parse(result.stdout) as { version: string };
}

export default async function authBench(): Promise<BenchReport> {
  const loadAverage = os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'manouche-auth-bench-'));
  const servers: Server[] = [];
  try {
    const databaseFile = path.join(dataDir, 'blog.sqlite3');
    runTs('auth-blog-server.ts', ['migrate', databaseFile]);
    const withAuth = await startServer('with', databaseFile);
    servers.push(withAuth);
    const without = await startServer('without', databaseFile);
    servers.push(without);
    const list = await (await fetch(`${withAuth.base}/blog/`)).text();
    const detailPath = /href="(\/blog\/\d{4}\/\d{1,2}\/\d{1,2}\/[-\w]+\/)"/.exec(list)?.[1];
    if (!detailPath) throw new Error('the blog list page links no post');
    for (const server of servers) {
      const response = await fetch(`${server.base}${detailPath}`);
      if (response.status !== 200) throw new Error(`${server.base}${detailPath} answered ${response.status}`);
      await response.text();
    }
    // Warm-up of both processes (JIT, template cache), not counted: as long as a measurement, or the first round of the
    // configuration with more code to optimise comes out high.
    for (const server of servers) await load(`${server.base}${detailPath}`, { seconds, connections, core: LOAD_CORE });

    const samples = { with: [] as number[], without: [] as number[] };
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? (['without', 'with'] as const) : (['with', 'without'] as const);
      for (const mode of order) {
        const server = mode === 'with' ? withAuth : without;
        samples[mode].push(await cpuPerRequest(server, `${server.base}${detailPath}`));
        process.stderr.write(`auth bench: round ${round + 1} ${mode}: ${samples[mode].at(-1)!.toFixed(1)} µs CPU/request\n`);
      }
    }
    const cpuWith = median(samples.with);
    const cpuWithout = median(samples.without);
    const overhead = (cpuWith / cpuWithout - 1) * 100;

    const manoucheHash = JSON.parse(runTs('auth-hash-timing.ts', [])) as Record<string, number>;
    const django = djangoHashTiming();
    const rows: BenchReport['rows'] = [
      {
        case: 'blog detail page, anonymous, without session/CSRF/auth/messages middleware (server CPU per request)',
        value: Math.round(cpuWithout),
        unit: 'µs',
      },
      {
        case: 'blog detail page, anonymous, with SessionMiddleware + CsrfViewMiddleware + AuthenticationMiddleware + MessageMiddleware',
        value: Math.round(cpuWith),
        unit: 'µs',
      },
      { case: 'Manouche checkPassword, pbkdf2_sha256, 1,000,000 iterations (the default)', value: Math.round(manoucheHash['1000000']!), unit: 'ms' },
      { case: 'Manouche checkPassword, pbkdf2_sha256, 600,000 iterations', value: Math.round(manoucheHash['600000']!), unit: 'ms' },
    ];
    let djangoSentence: string;
    if (typeof django === 'string') {
      djangoSentence = `Django left out: ${django}.`;
    } else {
      rows.push(
        { case: `Django ${django.version} check_password, pbkdf2_sha256, 1,000,000 iterations`, value: Math.round(Number(django['1000000'])), unit: 'ms' },
        {
          case: `Django ${django.version} check_password, pbkdf2_sha256, 600,000 iterations (Django 4.2's default)`,
          value: Math.round(Number(django['600000'])),
          unit: 'ms',
        },
      );
      djangoSentence = `one PBKDF2 verification at 1,000,000 iterations takes ${manoucheHash['1000000']!.toFixed(0)} ms in Manouche and ${Number(django['1000000']).toFixed(0)} ms in Django ${django.version}.`;
    }
    return {
      id: 'auth',
      title: 'Sessions, CSRF, auth and messages middleware; password hashing',
      description: `Server CPU time per request (median of ${rounds} alternating rounds of ${seconds} s after a warm-up, ${connections} connections, ${loadGenerator === 'wrk' ? 'wrk' : 'autocannon'}; the server pinned to one core) of apps/blog's detail page for anonymous visitors, DEBUG off; one password verification (median of ${hashRounds}). Load average (1 / 5 / 15 min) at the start: ${loadAverage}.`,
      rows,
      summary: `Session + CSRF + authentication + messages middleware add ${overhead.toFixed(1)}% CPU per anonymous request (${cpuWith.toFixed(0)} vs ${cpuWithout.toFixed(0)} µs); ${djangoSentence}`,
      aim: 'at most 10% more CPU per request with the four middleware; PBKDF2 verification in line with Django at the same cost',
    };
  } finally {
    for (const server of servers) server.child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

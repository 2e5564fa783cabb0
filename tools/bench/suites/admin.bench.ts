/**
 * The admin's change list of 10,000 posts (a FK column, one filter, a search) on Manouche and on
 * Django's admin, the same model, data and page, logged in as a superuser. Per stack: the queries
 * the page runs (counted in process through each framework's test client: a constant, not N+1),
 * then page renders per second and per server CPU-second, one server process pinned to one core
 * and the load generator on the other, alternating stacks over BENCH_ROUNDS rounds (median kept).
 * Django comes from Debian's python3-django and gunicorn (sync worker); a stack that cannot start
 * is named in the summary.
 *
 * Environment: BENCH_SECONDS (per round, default 5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (10), BENCH_PYTHON.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { canPin, load, loadGenerator, pinned } from '../lib/http-load.js';
import { cpuSeconds, groupPids } from '../lib/process-group.js';
import type { BenchReport } from '../lib/report.js';

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manoucheDir = path.join(benchDir, 'baselines', 'manouche-admin');
const djangoDir = path.join(benchDir, 'baselines', 'django-admin');
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const python = process.env.BENCH_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const PAGE = '/admin/blog/post/?status__exact=PB&q=manouche';
const [SERVER_CORE, LOAD_CORE] = os.cpus().length >= 2 ? [0, 1] : [undefined, undefined];

interface Prepared {
  queries: number;
  bytes: number;
  cookie: string;
  start(port: number): ChildProcess;
}

interface Stack {
  name: string;
  prepare(dataDir: string): Prepared;
}

/** Runs a setup step; throws with the tail of its output when it fails. */
function step(what: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): string {
  const result = spawnSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`.trim().split('\n').slice(-8).join(' | ');
    throw new Error(`${what} failed: ${output}`);
  }
  return result.stdout;
}

/** The JSON object the setup script printed last. */
function lastJson(output: string): { status: number; queries: number; bytes: number; session: string } {
  const line = output
    .trim()
    .split('\n')
    .reverse()
    .find((text) => text.trim().startsWith('{') || text.trim().startsWith('"{'));
  if (!line) throw new Error(`no JSON in the setup output: ${output.slice(-400)}`);
  const parsed = JSON.parse(line.trim());
  return typeof parsed === 'string' ? JSON.parse(parsed) : parsed;
}

/** Debian's Django version, for the report (bookworm ships 3.2). */
function djangoVersion(): string {
  const result = spawnSync(python, ['-c', 'import django; print(django.get_version())'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : '(not installed)';
}

function spawnServer(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): ChildProcess {
  const [cmd, argv] = pinned(SERVER_CORE, command, args);
  return spawn(cmd, argv, { cwd, env: { ...process.env, ...env }, stdio: 'ignore', detached: true });
}

const STACKS: Stack[] = [
  {
    name: 'Manouche (manouche.contrib.admin)',
    prepare(dataDir) {
      const env = { BENCH_ADMIN_DB: path.join(dataDir, 'manouche.sqlite3') };
      const manage = (what: string, ...args: string[]) => step(`manouche ${what}`, process.execPath, ['manage.mjs', ...args], manoucheDir, env);
      manage('migrate', 'migrate', '--no-input');
      manage('collectstatic', 'collectstatic', '--noinput');
      const code = `return (await import(${JSON.stringify(path.join(manoucheDir, 'bench-setup.ts'))})).run(project, ${JSON.stringify(PAGE)})`;
      const setup = lastJson(manage('setup', 'shell', '-c', code));
      if (setup.status !== 200) throw new Error(`the Manouche change list answered ${setup.status}`);
      return {
        queries: setup.queries,
        bytes: setup.bytes,
        cookie: `sessionid=${setup.session}`,
        start: (port) => spawnServer(process.execPath, ['manage.mjs', 'runserver', `127.0.0.1:${port}`, '--noreload', '--no-access-log'], manoucheDir, env),
      };
    },
  },
  {
    name: `Django ${djangoVersion()} admin (gunicorn, sync)`,
    prepare(dataDir) {
      if (spawnSync(python, ['-c', 'import django, gunicorn']).status !== 0) {
        throw new Error('python3-django and gunicorn are not installed (apt-get install -y python3-django gunicorn)');
      }
      const env = { BENCH_ADMIN_DB: path.join(dataDir, 'django.sqlite3'), BENCH_ADMIN_PAGE: PAGE, PYTHONDONTWRITEBYTECODE: '1' };
      const manage = (what: string, ...args: string[]) => step(`django ${what}`, python, ['manage.py', ...args], djangoDir, env);
      manage('makemigrations', 'makemigrations', 'blog', '--noinput');
      manage('migrate', 'migrate', '--noinput');
      const output = spawnSync(python, ['manage.py', 'shell'], {
        cwd: djangoDir,
        env: { ...process.env, ...env },
        input: `exec(open(${JSON.stringify(path.join(djangoDir, 'bench_setup.py'))}).read())\n`,
        encoding: 'utf8',
        timeout: 300_000,
      });
      if (output.status !== 0) throw new Error(`django setup failed: ${output.stderr.slice(-600)}`);
      const setup = lastJson(output.stdout);
      if (setup.status !== 200) throw new Error(`the Django change list answered ${setup.status}`);
      return {
        queries: setup.queries,
        bytes: setup.bytes,
        cookie: `sessionid=${setup.session}`,
        start: (port) =>
          spawnServer(python, ['-m', 'gunicorn', '--workers', '1', '--bind', `127.0.0.1:${port}`, '--log-level', 'warning', 'adminsite.wsgi'], djangoDir, env),
      };
    },
  },
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(url: string, cookie: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      // A 302 to the login page would mean the session is not accepted: only the page itself counts.
      const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
      if (response.status === 200) return;
      if (response.status !== 502 && response.status !== 503) throw new Error(`${url} answered ${response.status} with the session cookie`);
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer 200 within 60 s`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export default async function adminBench(): Promise<BenchReport> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'manouche-admin-bench-'));
  const running: Array<{ stack: Stack; prepared: Prepared; child: ChildProcess; url: string; rates: number[]; perCpu: number[] }> = [];
  const skipped: string[] = [];
  try {
    for (const stack of STACKS) {
      try {
        const prepared = stack.prepare(dataDir);
        const port = await freePort();
        const child = prepared.start(port);
        const url = `http://127.0.0.1:${port}${PAGE}`;
        await waitUntilServing(url, prepared.cookie, child);
        running.push({ stack, prepared, child, url, rates: [], perCpu: [] });
      } catch (error) {
        skipped.push(`${stack.name}: ${(error as Error).message}`);
      }
    }
    for (const entry of running) await load(entry.url, { seconds: 1, connections, core: LOAD_CORE, headers: { cookie: entry.prepared.cookie } });
    for (let round = 0; round < rounds; round++) {
      for (const entry of round % 2 === 0 ? running : [...running].reverse()) {
        const pids = groupPids(entry.child.pid!);
        const before = cpuSeconds(pids);
        const result = await load(entry.url, { seconds, connections, core: LOAD_CORE, headers: { cookie: entry.prepared.cookie } });
        const used = cpuSeconds(groupPids(entry.child.pid!)) - before;
        entry.rates.push(result.requests / result.seconds);
        entry.perCpu.push(used > 0 ? result.requests / used : 0);
      }
    }
  } finally {
    for (const entry of running) {
      try {
        process.kill(-entry.child.pid!, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  const rows = running.flatMap((entry) => [
    { case: `${entry.stack.name}: queries per page`, value: entry.prepared.queries, unit: 'queries' },
    { case: `${entry.stack.name}: page renders`, value: median(entry.rates), unit: 'pages/s' },
    { case: `${entry.stack.name}: page renders per server CPU-second`, value: median(entry.perCpu), unit: 'pages/CPU-s' },
  ]);
  const [manouche, django] = [running.find((e) => e.stack.name.startsWith('Manouche')), running.find((e) => e.stack.name.startsWith('Django'))];
  const ratio = manouche && django ? median(manouche.perCpu) / median(django.perCpu) : undefined;
  return {
    id: 'admin',
    title: 'Admin: the change list of 10,000 posts vs Django’s admin',
    description:
      `\`GET ${PAGE}\` logged in as a superuser: Post with listDisplay title, slug, author (FK), publish, status; listFilter status; searchFields title, body. ` +
      `10,000 posts by 20 authors in SQLite. One server process ${canPin && SERVER_CORE !== undefined ? 'pinned to core 0, load on core 1' : 'unpinned'} (${loadGenerator}, ${connections} connections), ` +
      `${rounds} alternating rounds of ${seconds} s, medians. Queries counted through each framework's test client on the same page.` +
      (skipped.length ? ` Not measured: ${skipped.join('; ')}.` : ''),
    rows,
    summary:
      ratio !== undefined
        ? `The Manouche admin renders the change list at ${ratio.toFixed(1)}x Django's admin per server CPU-second, in ${manouche!.prepared.queries} queries against Django's ${django!.prepared.queries}.`
        : `Only ${running.map((e) => e.stack.name).join(', ') || 'no stack'} ran: ${skipped.join('; ')}`,
    aim: 'at least 5x Django’s admin, and a constant number of queries per page',
  };
}

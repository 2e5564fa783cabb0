/**
 * Broadcast to one group over two server processes that share Redis, for three stacks in the same run:
 * Manouche (the Redis channel layer), Django Channels with channels_redis under daphne, and socket.io with
 * its Redis adapter. 1,000 WebSocket clients, half on each process, one group; one client's messages are
 * delivered to all of them. Reports deliveries per second (a burst sent back to back) and delivery latency
 * (messages spaced out, send → receive on this process's clock).
 *
 * The Manouche servers run from the workspace source, bundled here with esbuild (channels-broadcast-server.ts);
 * socket.io's is baselines/channels-socketio/server.mjs; Django's is baselines/channels-django (Debian's
 * python3-django-channels, python3-channels-redis and daphne, installed here with apt-get when missing,
 * never in CI). A stack that cannot run is left out of the table with the reason.
 *
 * Env: BENCH_REDIS_URL, BENCH_CLIENTS (1000), BENCH_BURST (200), BENCH_SPACED (40), BENCH_SPACING_MS (250),
 * BENCH_PYTHON (/usr/bin/python3), BENCH_STACKS (`manouche,django,socket.io` by default: the stacks to run).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect as tcpConnect, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { io as socketIo } from 'socket.io-client';
import WebSocket from 'ws';
import type { BenchReport } from '../lib/report.js';

// This file runs bundled into tools/bench/.out: paths start from tools/bench.
const benchDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(benchDir, '.out', 'channels-children');
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const BURST = Number(process.env.BENCH_BURST ?? 200);
const SPACED = Number(process.env.BENCH_SPACED ?? 40);
// Below every stack's burst rate, so latency is measured without a backlog: 1,000 deliveries every 250 ms.
const SPACING_MS = Number(process.env.BENCH_SPACING_MS ?? 250);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const python = process.env.BENCH_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
// The issue says python3-channels; Debian names Channels python3-django-channels.
const DEBIAN_PACKAGES = ['python3-django-channels', 'python3-channels-redis', 'daphne'];
const PYTHON_VERSIONS =
  'import channels, channels_redis, daphne, django; print(f"Channels {channels.__version__}, channels_redis {channels_redis.__version__}, daphne {daphne.__version__}, Django {django.get_version()}")';

/** A connected client: sends a text message to its group, hands every delivery to the runner. */
interface BenchClient {
  say(text: string): void;
  close(): void;
}

/** One stack under test: two server processes and a way to connect clients to them. */
interface Stack {
  /** Its name in BENCH_STACKS. */
  key: string;
  name: string;
  /** Starts the two servers; their ports. */
  start(env: NodeJS.ProcessEnv): Promise<{ ports: number[]; children: ChildProcess[] }>;
  connect(port: number, onMessage: (text: string) => void): Promise<BenchClient>;
}

interface Result {
  deliveriesPerSecond: number;
  /** CPU seconds both server processes spent per 1,000 deliveries of the burst; null off Linux. */
  serverCpuPerThousand: number | null;
  p50: number;
  p99: number;
}

function waitForReadyLine(child: ChildProcess, what: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (data: Buffer) => {
      out += data.toString();
      const match = /READY (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code}`)));
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, what: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = tcpConnect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not listen on ${port} within 30 s`);
}

/** A plain WebSocket client (Manouche and daphne): text frames both ways. */
function connectWebSocket(url: string, onMessage: (text: string) => void): Promise<BenchClient> {
  const ws = new WebSocket(url);
  ws.on('message', (data) => onMessage(data.toString()));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ say: (text) => ws.send(text), close: () => ws.terminate() }));
    ws.once('error', reject);
  });
}

const manouche: Stack = {
  key: 'manouche',
  name: 'Manouche',
  async start(env) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, 'package.json'), JSON.stringify({ type: 'module' }));
    const serverFile = path.join(outDir, 'broadcast-server.mjs');
    await build({
      entryPoints: [path.join(benchDir, 'suites', 'channels-broadcast-server.ts')],
      outfile: serverFile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20.19',
      conditions: ['source'],
      external: ['bufferutil', 'utf-8-validate'],
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: 'error',
    });
    // BENCH_NODE_ARGS: options for the two server processes, such as `--cpu-prof --cpu-prof-dir=/tmp/prof`.
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const children = [0, 1].map(() => spawn(process.execPath, [...nodeArgs, serverFile], { cwd: outDir, env, stdio: ['ignore', 'pipe', 'inherit'] }));
    return { ports: await Promise.all(children.map((child) => waitForReadyLine(child, 'Manouche broadcast server'))), children };
  },
  connect: (port, onMessage) => connectWebSocket(`ws://127.0.0.1:${port}/ws/`, onMessage),
};

const socketIoStack: Stack = {
  key: 'socket.io',
  name: 'socket.io + Redis adapter',
  async start(env) {
    const file = path.join(benchDir, 'baselines', 'channels-socketio', 'server.mjs');
    const children = [0, 1].map(() => spawn(process.execPath, [file], { cwd: path.dirname(file), env, stdio: ['ignore', 'pipe', 'inherit'] }));
    return { ports: await Promise.all(children.map((child) => waitForReadyLine(child, 'socket.io server'))), children };
  },
  connect(port, onMessage) {
    const socket = socketIo(`http://127.0.0.1:${port}`, { transports: ['websocket'], reconnection: false, forceNew: true });
    socket.on('said', (text: string) => onMessage(text));
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve({ say: (text) => socket.emit('say', text), close: () => socket.disconnect() }));
      socket.once('connect_error', reject);
    });
  },
};

/** Why Django's stack cannot run here, or '' when it can (installing Debian's packages when allowed). */
function djangoUnavailable(): string {
  const probe = () => spawnSync(python, ['-c', PYTHON_VERSIONS], { encoding: 'utf8' });
  if (probe().status === 0) return '';
  if (process.env.CI)
    return `${python} cannot import channels, channels_redis and daphne, and CI never installs them (apt-get install -y ${DEBIAN_PACKAGES.join(' ')})`;
  process.stderr.write(`channels bench: installing ${DEBIAN_PACKAGES.join(' ')} with apt-get\n`);
  const install = () =>
    spawnSync('apt-get', ['install', '-y', ...DEBIAN_PACKAGES], { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  let installed = install();
  if (installed.status !== 0) {
    spawnSync('apt-get', ['update'], { encoding: 'utf8' });
    installed = install();
  }
  if (installed.status !== 0)
    return `apt-get install ${DEBIAN_PACKAGES.join(' ')} failed: ${(installed.stderr || installed.error?.message || '').trim().split('\n').pop()}`;
  const after = probe();
  return after.status === 0 ? '' : `${python} still cannot import channels, channels_redis and daphne: ${after.stderr.trim().split('\n').pop()}`;
}

const django: Stack = {
  key: 'django',
  name: 'Django Channels + channels_redis (daphne)',
  async start(env) {
    const dir = path.join(benchDir, 'baselines', 'channels-django');
    const ports = [await freePort(), await freePort()];
    const children = ports.map((port) =>
      spawn(python, ['-m', 'daphne', '-b', '127.0.0.1', '-p', String(port), '-v', '0', 'benchsite.asgi:application'], {
        cwd: dir,
        env: { ...env, PYTHONDONTWRITEBYTECODE: '1' },
        stdio: ['ignore', 'ignore', 'inherit'],
      }),
    );
    await Promise.all(ports.map((port, index) => waitForPort(port, children[index]!, 'daphne')));
    return { ports, children };
  },
  connect: (port, onMessage) => connectWebSocket(`ws://127.0.0.1:${port}/ws/`, onMessage),
};

/** CPU seconds (user + system) a process has used so far, from /proc; null where there is no /proc. */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

function serversCpu(children: ChildProcess[]): number | null {
  const each = children.map((child) => cpuSeconds(child.pid));
  return each.some((value) => value === null) ? null : (each as number[]).reduce((sum, value) => sum + value, 0);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(stack: Stack): Promise<Result> {
  const env = { ...process.env, BENCH_REDIS_URL: REDIS_URL, BENCH_PREFIX: `bench-${randomBytes(4).toString('hex')}` };
  const { ports, children } = await stack.start(env);
  const clients: BenchClient[] = [];
  let expected = 0;
  let delivered = 0;
  let onAllDelivered: (() => void) | undefined;
  const latencies: number[] = [];
  const record = (text: string) => {
    const sentAt = Number(text.split(' ')[1]);
    if (sentAt > 0) latencies.push(performance.now() - sentAt);
    delivered += 1;
    if (delivered === expected) onAllDelivered?.();
  };
  try {
    for (let i = 0; i < CLIENTS; i += 1) clients.push(await stack.connect(ports[i % 2]!, record));
    process.stderr.write(`channels bench: ${stack.name}: ${CLIENTS} clients connected\n`);
    // Let the last group joins land before broadcasting.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const publisher = clients[0]!;
    const waitFor = (count: number) => {
      expected += count;
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${stack.name}: only ${delivered} of ${expected} deliveries arrived within 180 s`)), 180_000);
        const finish = () => {
          clearTimeout(timer);
          resolve();
        };
        if (delivered >= expected) finish();
        else onAllDelivered = finish;
      });
    };

    // Warm-up.
    let done = waitFor(20 * CLIENTS);
    for (let i = 0; i < 20; i += 1) publisher.say('warm 0');
    await done;

    // Throughput: a burst sent back to back.
    done = waitFor(BURST * CLIENTS);
    const cpuBefore = serversCpu(children);
    const started = performance.now();
    for (let i = 0; i < BURST; i += 1) publisher.say('burst 0');
    await done;
    const deliveriesPerSecond = (BURST * CLIENTS) / ((performance.now() - started) / 1000);
    const cpuAfter = serversCpu(children);
    const serverCpuPerThousand = cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1000) / (BURST * CLIENTS);

    // Latency: messages spaced out, so queues do not build up.
    latencies.length = 0;
    done = waitFor(SPACED * CLIENTS);
    for (let i = 0; i < SPACED; i += 1) {
      publisher.say(`spaced ${performance.now()}`);
      await new Promise((resolve) => setTimeout(resolve, SPACING_MS));
    }
    await done;
    latencies.sort((x, y) => x - y);
    return { deliveriesPerSecond, serverCpuPerThousand, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    for (const client of clients) client.close();
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}

export default async function channelsBroadcast(): Promise<BenchReport> {
  const load = os.loadavg().map((value) => value.toFixed(2));
  const versionOf = (name: string) => (createRequire(path.join(benchDir, 'package.json'))(`${name}/package.json`) as { version: string }).version;
  const results = new Map<string, Result>();
  const missing: string[] = [];
  let djangoVersions = '';
  const wanted = (process.env.BENCH_STACKS ?? 'manouche,django,socket.io').split(',');
  const stacks = [manouche, django, socketIoStack].filter((stack) => wanted.includes(stack.key));
  if (!stacks.includes(manouche)) throw new Error('BENCH_STACKS must include manouche: the report compares the others with it.');
  for (const stack of stacks) {
    const unavailable = stack === django ? djangoUnavailable() : '';
    if (unavailable) {
      process.stderr.write(`channels bench: ${stack.name} left out: ${unavailable}\n`);
      missing.push(`${stack.name} left out: ${unavailable}.`);
      continue;
    }
    if (stack === django) djangoVersions = spawnSync(python, ['-c', PYTHON_VERSIONS], { encoding: 'utf8' }).stdout.trim();
    results.set(stack.name, await measure(stack));
  }
  const rows = [...results].flatMap(([name, result]) => [
    { case: `${name}: deliveries per second (burst)`, value: result.deliveriesPerSecond, unit: 'messages/s' },
    { case: `${name}: delivery latency p50 (spaced)`, value: result.p50, unit: 'ms' },
    { case: `${name}: delivery latency p99 (spaced)`, value: result.p99, unit: 'ms' },
    ...(result.serverCpuPerThousand === null
      ? []
      : [{ case: `${name}: server CPU per 1,000 deliveries (burst, both processes)`, value: result.serverCpuPerThousand * 1000, unit: 'ms' }]),
  ]);
  const ours = results.get(manouche.name)!;
  const comparisons = [...results]
    .filter(([name]) => name !== manouche.name)
    .map(
      ([name, other]) =>
        `${(ours.deliveriesPerSecond / other.deliveriesPerSecond).toFixed(2)}x the deliveries/s of ${name} with ${(ours.p99 / other.p99).toFixed(2)}x its p99`,
    );
  return {
    id: 'channels-broadcast',
    title: 'Channels: broadcast to one group over two processes (Redis)',
    description: [
      `${CLIENTS} WebSocket clients in one group, half on each of two server processes per stack sharing one Redis; one client's messages are broadcast to all of them. ${BURST} messages back to back for throughput; ${SPACED} messages ${SPACING_MS} ms apart for latency. The stacks run one after the other in the same run, with the load generator in the suite's process. Server CPU is what both server processes used during the burst (from /proc), per 1,000 deliveries: it depends less on the machine's load than the rates do.`,
      `Django: Debian's python3-django-channels (the package the issue calls python3-channels), python3-channels-redis and daphne${djangoVersions ? ` (${djangoVersions})` : ''}, CHANNEL_LAYERS capacity 1000 as Manouche's. socket.io ${versionOf('socket.io')} with @socket.io/redis-adapter ${versionOf('@socket.io/redis-adapter')} on ioredis, WebSocket transport only. Load average at the start: ${load.join(' / ')} (1/5/15 min), ${os.cpus().length} cores.`,
      ...missing,
    ].join('\n\n'),
    rows,
    summary: `Manouche: ${Math.round(ours.deliveriesPerSecond).toLocaleString('en-US')} deliveries/s, p99 ${ours.p99.toFixed(1)} ms${comparisons.length ? `; ${comparisons.join('; ')}` : ''}`,
    aim: 'ahead of Channels + channels_redis under daphne and socket.io with its Redis adapter',
  };
}

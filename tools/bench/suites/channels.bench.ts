/**
 * Broadcast over the Redis channel layer: 1,000 WebSocket clients in one group, spread over two server
 * processes that share Redis; one client's messages are delivered to all 1,000. Reports deliveries per
 * second (a burst of messages sent back to back) and delivery latency (messages spaced out, send → receive
 * on this process's clock). The servers run from the workspace source, bundled here with esbuild.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import WebSocket from 'ws';
import type { BenchReport } from '../lib/report.js';

// This file runs bundled into tools/bench/.out: paths start from tools/bench.
const benchDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(benchDir, '.out', 'channels-children');
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const BURST = Number(process.env.BENCH_BURST ?? 200);
const SPACED = Number(process.env.BENCH_SPACED ?? 40);
// Below the burst rate, so latency is measured without a backlog: 1,000 deliveries every 250 ms.
const SPACING_MS = Number(process.env.BENCH_SPACING_MS ?? 250);

async function startServer(file: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [file], { cwd: outDir, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (data: Buffer) => {
      out += data.toString();
      const match = /READY (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`broadcast server exited with ${code}`)));
  });
  return { child, port };
}

function connect(port: number, onMessage: (text: string) => void): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/`);
  ws.on('message', (data) => onMessage(data.toString()));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export default async function channelsBroadcast(): Promise<BenchReport> {
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
  const env = { ...process.env, BENCH_PREFIX: `bench-${randomBytes(4).toString('hex')}` };
  const servers = await Promise.all([startServer(serverFile, env), startServer(serverFile, env)]);
  const sockets: WebSocket[] = [];
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
    for (let i = 0; i < CLIENTS; i += 1) sockets.push(await connect(servers[i % 2]!.port, record));
    process.stderr.write(`channels bench: ${CLIENTS} clients connected\n`);
    // Let the last group joins land before broadcasting.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const publisher = sockets[0]!;
    const waitFor = (count: number) => {
      expected += count;
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${delivered} of ${expected} deliveries arrived within 120 s`)), 120_000);
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
    for (let i = 0; i < 20; i += 1) publisher.send('warm 0');
    await done;

    // Throughput: a burst sent back to back.
    done = waitFor(BURST * CLIENTS);
    const started = performance.now();
    for (let i = 0; i < BURST; i += 1) publisher.send('burst 0');
    await done;
    const deliveriesPerSecond = (BURST * CLIENTS) / ((performance.now() - started) / 1000);

    // Latency: messages spaced out, so queues do not build up.
    latencies.length = 0;
    done = waitFor(SPACED * CLIENTS);
    for (let i = 0; i < SPACED; i += 1) {
      publisher.send(`spaced ${performance.now()}`);
      await new Promise((resolve) => setTimeout(resolve, SPACING_MS));
    }
    await done;
    latencies.sort((x, y) => x - y);
    return {
      id: 'channels-broadcast',
      title: 'Channels: broadcast to one group over two processes (Redis layer)',
      description: `${CLIENTS} WebSocket clients in one group, half on each of two server processes sharing Redis; one client's messages are broadcast to all of them. ${BURST} messages back to back for throughput; ${SPACED} messages ${SPACING_MS} ms apart for latency.`,
      rows: [
        { case: 'deliveries per second (burst)', value: deliveriesPerSecond, unit: 'messages/s' },
        { case: 'delivery latency p50 (spaced)', value: percentile(latencies, 50), unit: 'ms' },
        { case: 'delivery latency p99 (spaced)', value: percentile(latencies, 99), unit: 'ms' },
      ],
      summary: `${Math.round(deliveriesPerSecond).toLocaleString('en-US')} deliveries/s, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
      aim: 'ahead of Channels + channels_redis under daphne and socket.io with its Redis adapter (baselines not run this round)',
    };
  } finally {
    for (const socket of sockets) socket.terminate();
    for (const { child } of servers) child.kill('SIGTERM');
  }
}

/**
 * @manouche/server against raw node:http (hello world under autocannon), and WebSocket echo
 * round trips against a raw `ws` server. Each server runs in its own child process; the load
 * generator runs here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { requestsPerSecond } from '../lib/measure.js';
import { cpuSeconds } from '../lib/process-group.js';
import type { BenchReport } from '../lib/report.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// Child scripts live inside tools/bench so they resolve the built @manouche/server from its node_modules.
const outDir = path.join(here, '..', '.out', 'server-children');

const MANOUCHE = `
import { serve } from '@manouche/server';
const enc = (s) => new TextEncoder().encode(s);
const body = enc('Hello, World!');
const headers = [[enc('content-type'), enc('text/plain')]];
const app = async (scope, receive, send) => {
  if (scope.type === 'http') {
    await send({ type: 'http.response.start', status: 200, headers });
    await send({ type: 'http.response.body', body });
  } else if (scope.type === 'websocket') {
    await receive();
    await send({ type: 'websocket.accept' });
    for (;;) {
      const event = await receive();
      if (event.type !== 'websocket.receive') return;
      await send(event.text != null ? { type: 'websocket.send', text: event.text } : { type: 'websocket.send', bytes: event.bytes });
    }
  }
};
const server = await serve(app, { port: 0, accessLog: false, lifespan: 'off', announce: false });
process.stdout.write('READY ' + server.address.port + '\\n');
`;

const RAW = `
import http from 'node:http';
import { WebSocketServer } from 'ws';
const body = Buffer.from('Hello, World!');
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length });
  res.end(body);
});
const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
server.listen(0, '127.0.0.1', () => process.stdout.write('READY ' + server.address().port + '\\n'));
`;

async function startChild(name: string, source: string): Promise<{ port: number; child: ChildProcess }> {
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${name}.mjs`);
  writeFileSync(file, source);
  const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before listening`)));
  });
  return { port, child };
}

/** Sequential echo round trips on one connection for `ms`; returns round trips per second. */
async function echoRoundTrips(port: number, ms: number): Promise<number> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/echo`, { perMessageDeflate: false });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const roundTrip = () =>
    new Promise<void>((resolve) => {
      ws.once('message', () => resolve());
      ws.send('ping payload 0123456789');
    });
  const warmUntil = performance.now() + 300;
  while (performance.now() < warmUntil) await roundTrip();
  let count = 0;
  const began = performance.now();
  while (performance.now() - began < ms) {
    await roundTrip();
    count += 1;
  }
  const rate = (count * 1000) / (performance.now() - began);
  ws.close();
  return rate;
}

/** CPU time (user + system) a process has used, in microseconds; Linux /proc, `undefined` elsewhere. */
function cpuMicros(pid: number): number | undefined {
  return existsSync(`/proc/${pid}/stat`) ? cpuSeconds([pid]) * 1_000_000 : undefined;
}

/** Loads `port` for `seconds`; returns requests/s and the server's CPU microseconds per request. */
async function load(port: number, pid: number, seconds: number): Promise<{ rps: number; cpuPerRequest: number | undefined }> {
  const before = cpuMicros(pid);
  const result = await autocannon({ url: `http://127.0.0.1:${port}/`, duration: seconds, connections: 50, pipelining: 1 });
  const after = cpuMicros(pid);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`port ${port}: ${result.non2xx} non-2xx responses and ${result.errors} errors`);
  const cpuPerRequest = before === undefined || after === undefined ? undefined : (after - before) / result.requests.total;
  return { rps: result.requests.average, cpuPerRequest };
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export default async function serverBench(): Promise<BenchReport> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 3);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
  const manouche = await startChild('manouche', MANOUCHE);
  const raw = await startChild('raw', RAW);
  try {
    await requestsPerSecond(`http://127.0.0.1:${manouche.port}/`, { seconds: 1 });
    await requestsPerSecond(`http://127.0.0.1:${raw.port}/`, { seconds: 1 });
    // Alternate short runs and keep medians: the machine is shared, so load drifts during the suite.
    const http = { ours: [] as number[], raw: [] as number[], oursCpu: [] as number[], rawCpu: [] as number[] };
    const ws = { ours: [] as number[], raw: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      const ours = await load(manouche.port, manouche.child.pid!, seconds);
      const theirs = await load(raw.port, raw.child.pid!, seconds);
      http.ours.push(ours.rps);
      http.raw.push(theirs.rps);
      if (ours.cpuPerRequest !== undefined && theirs.cpuPerRequest !== undefined) {
        http.oursCpu.push(ours.cpuPerRequest);
        http.rawCpu.push(theirs.cpuPerRequest);
      }
      ws.ours.push(await echoRoundTrips(manouche.port, seconds * 500));
      ws.raw.push(await echoRoundTrips(raw.port, seconds * 500));
    }
    const ratio = median(http.ours.map((value, i) => value / http.raw[i]!));
    const wsRatio = median(ws.ours.map((value, i) => value / ws.raw[i]!));
    const cpuRows =
      http.oursCpu.length === 0
        ? []
        : [
            { case: 'raw node:http server CPU per request', value: median(http.rawCpu), unit: 'µs' },
            { case: '@manouche/server server CPU per request', value: median(http.oursCpu), unit: 'µs' },
            { case: 'CPU efficiency (raw CPU / manouche CPU per request)', value: median(http.rawCpu) / median(http.oursCpu), unit: 'x' },
          ];
    const cpuNote = cpuRows.length ? `; per request it uses ${(median(http.oursCpu) / median(http.rawCpu)).toFixed(2)}x the server CPU of raw node:http` : '';
    return {
      id: 'server',
      title: '@manouche/server vs raw node:http',
      description:
        'Hello world (13-byte text/plain) under autocannon (50 connections, keep-alive), each server in its own process; ' +
        'WebSocket echo: sequential round trips of a short text message on one connection, against a raw `ws` server. ' +
        `Medians of ${rounds} alternating rounds; ratios are per round. Server CPU per request (from /proc) is the steadier ` +
        'number on a shared machine: throughput swings with whatever else runs.',
      rows: [
        { case: 'raw node:http hello world', value: median(http.raw), unit: 'req/s' },
        { case: '@manouche/server gateway hello world', value: median(http.ours), unit: 'req/s' },
        { case: 'throughput ratio (manouche / raw)', value: ratio, unit: 'x' },
        ...cpuRows,
        { case: 'raw ws echo round trip', value: median(ws.raw), unit: 'round trips/s' },
        { case: '@manouche/server WebSocket echo round trip', value: median(ws.ours), unit: 'round trips/s' },
        { case: 'WebSocket ratio (manouche / raw ws)', value: wsRatio, unit: 'x' },
      ],
      summary: `@manouche/server serves hello world at ${ratio.toFixed(2)}x raw node:http throughput${cpuNote}, and echoes WebSocket messages at ${wsRatio.toFixed(2)}x raw ws`,
      aim: 'at least 0.85x raw node:http throughput',
    };
  } finally {
    manouche.child.kill('SIGKILL');
    raw.child.kill('SIGKILL');
  }
}

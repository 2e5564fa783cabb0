/**
 * manouche.contrib.staticfiles serving a content-hashed 50 KB file from STATIC_ROOT (through
 * @manouche/server, as a project in production serves it) against a plain `send` server on
 * node:http, each in its own child process, under autocannon from this process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { requestsPerSecond } from '../lib/measure.js';
import type { BenchReport } from '../lib/report.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, '..', '.out', 'staticfiles-children');
const HASHED = 'polls/style.0123456789ab.css';

// Children are bundled from the workspace packages so the suite runs without a prior build.
const MANOUCHE = `
import { serve } from '@manouche/server';
import { serveStaticFiles } from '@manouche/contrib-staticfiles';
const notFound = async (scope, receive, send) => {
  await send({ type: 'http.response.start', status: 404, headers: [] });
  await send({ type: 'http.response.body', body: new Uint8Array() });
};
const app = serveStaticFiles(notFound, { prefix: '/static/', root: process.env.STATIC_ROOT, isImmutable: () => true });
const server = await serve(app, { port: 0, accessLog: false, lifespan: 'off', announce: false });
process.stdout.write('READY ' + server.address.port + '\\n');
`;

const SEND = `
import http from 'node:http';
import send from 'send';
const server = http.createServer((req, res) => {
  if (!req.url.startsWith('/static/')) { res.statusCode = 404; res.end(); return; }
  send(req, req.url.slice('/static'.length), { root: process.env.STATIC_ROOT, maxAge: '1y', immutable: true }).pipe(res);
});
server.listen(0, '127.0.0.1', () => process.stdout.write('READY ' + server.address().port + '\\n'));
`;

async function startChild(name: string, source: string, staticRoot: string): Promise<{ port: number; child: ChildProcess }> {
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
    nodePaths: [path.join(here, '..', 'node_modules')],
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, STATIC_ROOT: staticRoot } });
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export default async function staticfilesBench(): Promise<BenchReport> {
  const staticRoot = mkdtempSync(path.join(os.tmpdir(), 'manouche-bench-static-'));
  const file = path.join(staticRoot, ...HASHED.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  // 50 KB of varied CSS-like text.
  let css = '';
  for (let i = 0; css.length < 50 * 1024; i++)
    css += `.rule-${i} { color: #${((i * 2654435761) % 0xffffff).toString(16).padStart(6, '0')}; margin: ${i % 17}px; }\n`;
  writeFileSync(file, css.slice(0, 50 * 1024));
  const ours = await startChild('manouche-static', MANOUCHE, staticRoot);
  const plain = await startChild('send-static', SEND, staticRoot);
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  try {
    const results = { ours: [] as number[], send: [] as number[] };
    await requestsPerSecond(`http://127.0.0.1:${ours.port}/static/${HASHED}`, { seconds: 1 });
    await requestsPerSecond(`http://127.0.0.1:${plain.port}/static/${HASHED}`, { seconds: 1 });
    for (let round = 0; round < rounds; round++) {
      results.ours.push(await requestsPerSecond(`http://127.0.0.1:${ours.port}/static/${HASHED}`, { seconds }));
      results.send.push(await requestsPerSecond(`http://127.0.0.1:${plain.port}/static/${HASHED}`, { seconds }));
    }
    const ratio = median(results.ours.map((value, i) => value / results.send[i]!));
    return {
      id: 'staticfiles',
      title: 'manouche.contrib.staticfiles vs send',
      description:
        `A content-hashed 50 KB CSS file from STATIC_ROOT, no Accept-Encoding, under autocannon (50 connections, keep-alive); ` +
        `serveStaticFiles behind @manouche/server against send@1 on node:http, each in its own process. Medians of ${rounds} alternating rounds.`,
      rows: [
        { case: 'send on node:http', value: median(results.send), unit: 'req/s' },
        { case: 'manouche staticfiles on @manouche/server', value: median(results.ours), unit: 'req/s' },
        { case: 'throughput ratio (manouche / send)', value: ratio, unit: 'x' },
      ],
      summary: `manouche.contrib.staticfiles serves a hashed 50 KB file at ${ratio.toFixed(2)}x a plain send server`,
      aim: 'at least 0.9x a plain send/serve-static server',
    };
  } finally {
    ours.child.kill('SIGKILL');
    plain.child.kill('SIGKILL');
    rmSync(staticRoot, { recursive: true, force: true });
  }
}

/** Shared helpers of the server tests: start servers, talk raw TCP, build child-process fixtures. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import type { ClientHttp2Session } from 'node:http2';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { expect } from 'vitest';
import type { AsgiApplication, SendEvent } from '@manouche/asgi';
import { encodeHeaders, encodeText } from '@manouche/asgi';
import { serve, type Server, type ServeOptions, type ServerLogger } from '../src/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** A logger that keeps what it is told. */
export function memoryLogger(): ServerLogger & { lines: string[]; text(): string } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => void lines.push(message),
    error: (message, error) => void lines.push(error instanceof Error ? `${message}\n${error.stack}` : message),
    text: () => lines.join('\n'),
  };
}

/** Starts `app` on a free port with quiet defaults for tests. */
export async function start(app: AsgiApplication, options: ServeOptions = {}): Promise<Server & { logger: ReturnType<typeof memoryLogger> }> {
  const logger = memoryLogger();
  const server = await serve(app, { port: 0, accessLog: false, logger, handleSignals: false, lifespan: 'off', ...options });
  return Object.assign(server, { logger });
}

/** An app answering `text` with status 200. */
export function textApp(text: string | ((scope: import('@manouche/asgi').HttpScope) => string)): AsgiApplication {
  return async (scope, _receive, send) => {
    if (scope.type !== 'http') return;
    await send({ type: 'http.response.start', status: 200, headers: encodeHeaders({ 'content-type': 'text/plain' }) });
    await send({ type: 'http.response.body', body: encodeText(typeof text === 'string' ? text : text(scope)) });
  };
}

export const start200: SendEvent = { type: 'http.response.start', status: 200, headers: encodeHeaders({ 'content-type': 'text/plain' }) };

/** Opens a raw TCP connection. */
export function connect(port: number, host = '127.0.0.1'): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, host, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Sends raw bytes and collects everything until the server closes the connection (or `ms` passes). */
export async function rawExchange(port: number, data: string | Buffer, ms = 3000): Promise<{ text: string; closed: boolean }> {
  const socket = await connect(port);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text: Buffer.concat(chunks).toString('latin1'), closed: false });
    }, ms);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text: Buffer.concat(chunks).toString('latin1'), closed: true });
    });
    socket.write(data);
  });
}

/** Waits until `predicate` holds, polling. */
export async function eventually<T>(probe: () => T | Promise<T>, timeoutMs = 5000, what = 'a condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

let certs: { key: string; cert: string } | undefined;
/** A throw-away self-signed certificate for 127.0.0.1/localhost (generated with openssl). */
export function testCertificate(): { key: string; cert: string } {
  if (certs) return certs;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'manouche-server-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  certs = { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  return certs;
}

const fixtureOut = path.join(here, '..', 'node_modules', '.cache', 'server-test-fixtures');
const built = new Map<string, Promise<string>>();
/** Bundles `test/fixtures/<name>.ts` (sources of the workspace packages included) into a runnable .mjs. */
export function buildFixture(name: string): Promise<string> {
  let result = built.get(name);
  if (!result) {
    mkdirSync(fixtureOut, { recursive: true });
    const outfile = path.join(fixtureOut, `${name}.mjs`);
    result = build({
      entryPoints: [path.join(here, 'fixtures', `${name}.ts`)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20.19',
      conditions: ['source'],
      external: ['ws'],
      logLevel: 'error',
    }).then(() => outfile);
    built.set(name, result);
  }
  return result;
}

/** A child process with its output collected. */
export interface Child {
  process: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first stdout match of `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

/** Runs a built fixture with `args`. */
export async function runFixture(name: string, args: string[] = [], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Child> {
  const file = await buildFixture(name);
  const child = spawn(process.execPath, [file, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    process: child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (pattern, timeoutMs = 15_000) =>
      eventually(() => out.match(pattern), timeoutMs, `${pattern} in the output of ${name} (stdout: ${out}; stderr: ${err})`),
  };
}

/** Finds a port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Asserts that two requests on each of two HTTP/2 sessions reported their own session's client address (its local port), in order. */
export function expectOwnClientPerSession(sessions: ClientHttp2Session[], clients: unknown[]): void {
  const ports = sessions.map((session) => session.socket.localPort);
  expect(ports[0]).not.toBe(ports[1]);
  expect(clients).toEqual(
    ports.flatMap((port) => [
      ['127.0.0.1', port],
      ['127.0.0.1', port],
    ]),
  );
}

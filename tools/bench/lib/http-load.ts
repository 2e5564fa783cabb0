/**
 * HTTP load for the server suites: wrk when it is installed (a C load generator, pinned to a core
 * of its own with taskset), else autocannon in this process (which takes a good share of a core
 * itself, so the server under test gets less of the machine).
 */
import { spawn, spawnSync } from 'node:child_process';
import autocannon from 'autocannon';

export interface LoadOptions {
  seconds: number;
  connections: number;
  /** wrk threads (1 by default). */
  threads?: number;
  /** The CPU core wrk runs on (`taskset -c`); anywhere when undefined. */
  core?: number;
  /**
   * The server closes each connection after its response (gunicorn's sync workers): connection
   * resets and read errors are expected then, and counted instead of failing the run.
   */
  allowResets?: boolean;
  /** Request headers sent with every request (a session cookie for pages behind a login). */
  headers?: Record<string, string>;
}

export interface LoadResult {
  /** Responses received. */
  requests: number;
  /** How long the load ran, in seconds. */
  seconds: number;
  /** Connection-level errors tolerated under `allowResets`. */
  resets: number;
}

const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/** Which load generator `load()` uses on this machine. */
export const loadGenerator: 'wrk' | 'autocannon' = process.env.BENCH_LOAD === 'autocannon' || !has('wrk') ? 'autocannon' : 'wrk';

/** Whether `taskset` can pin processes to cores here. */
export const canPin: boolean = has('taskset');

/** Prefixes a command with `taskset -c <core>` when a core is given and taskset exists. */
export function pinned(core: number | undefined, command: string, args: string[]): [string, string[]] {
  return core === undefined || !canPin ? [command, args] : ['taskset', ['-c', String(core), command, ...args]];
}

/**
 * Loads `url` with every connection sending one request after another; throws on any non-2xx answer or
 * unexpected error. A server too slow to answer within the run reports 0 requests.
 */
export async function load(url: string, options: LoadOptions): Promise<LoadResult> {
  return loadGenerator === 'wrk' ? loadWithWrk(url, options) : loadWithAutocannon(url, options);
}

async function loadWithWrk(url: string, options: LoadOptions): Promise<LoadResult> {
  const threads = options.threads ?? 1;
  const [command, args] = pinned(options.core, 'wrk', [
    `-t${threads}`,
    `-c${Math.max(options.connections, threads)}`,
    `-d${options.seconds}s`,
    '--timeout',
    '5s',
    ...Object.entries(options.headers ?? {}).flatMap(([name, value]) => ['-H', `${name}: ${value}`]),
    url,
  ]);
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk ${url} exited with ${code}: ${text.trim()}`))));
  });
  const total = /(\d+) requests in ([\d.]+)(ms|s|m)/.exec(output);
  if (!total) throw new Error(`wrk ${url}: cannot read its report:\n${output}`);
  const seconds = Number(total[2]) * (total[3] === 'ms' ? 0.001 : total[3] === 'm' ? 60 : 1);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const [connect, read, write, timeout] = socket ? socket.slice(1).map(Number) : [0, 0, 0, 0];
  const resets = read! + write!;
  if (non2xx > 0 || connect! > 0 || timeout! > 0 || (resets > 0 && !options.allowResets)) {
    throw new Error(`${url}: ${non2xx} non-2xx/3xx responses, socket errors connect ${connect}, read ${read}, write ${write}, timeout ${timeout} under load`);
  }
  return { requests: Number(total[1]), seconds, resets };
}

async function loadWithAutocannon(url: string, options: LoadOptions): Promise<LoadResult> {
  const errors = new Map<string, number>();
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, duration: options.seconds, connections: options.connections, pipelining: 1, headers: options.headers }, (error, r) =>
      error ? reject(error) : resolve(r),
    );
    instance.on('reqError', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? error.message;
      errors.set(code, (errors.get(code) ?? 0) + 1);
    });
  });
  const seconds = (performance.now() - started) / 1000;
  // autocannon writes the next request before it sees gunicorn's close: that request is reset unserved.
  const resets = (errors.get('ECONNRESET') ?? 0) + (errors.get('EPIPE') ?? 0);
  const other = [...errors].filter(([code]) => code !== 'ECONNRESET' && code !== 'EPIPE');
  if (result.non2xx > 0 || other.length > 0 || result.timeouts > 0 || (resets > 0 && !options.allowResets)) {
    const detail = [...errors].map(([code, n]) => `${n} × ${code}`).join(', ') || 'no errors';
    throw new Error(`${url}: ${result.non2xx} non-2xx responses, ${result.timeouts} timeouts, ${detail} under load`);
  }
  return { requests: result.requests.total, seconds, resets };
}

/** A redis-server of our own on a free port, which a test may kill and restart (the shared one must never be). */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`redis-server did not listen on ${port}`);
}

/** The redis-server binary tests start (REDIS_SERVER_BIN, else the one on PATH). */
export const redisServerBinary = process.env.REDIS_SERVER_BIN ?? 'redis-server';

/**
 * Why a suite that starts its own redis-server skips, or false to run it: without the binary the suite
 * skips with this reason, except in CI (CI=true), where it runs and fails.
 */
export const skipPrivateRedis: string | false =
  process.env.CI === 'true' || process.env.CI === '1' || spawnSync(redisServerBinary, ['--version']).status === 0
    ? false
    : `${redisServerBinary} is not installed: tests that start their own Redis servers skipped`;

export class PrivateRedis {
  private child: ChildProcess | undefined;
  /** `extraArgs`: more redis-server options, such as `['--replicaof', '127.0.0.1', '6380']`. */
  constructor(
    readonly port: number,
    private readonly extraArgs: readonly string[] = [],
  ) {}

  static async start(extraArgs: readonly string[] = []): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort(), extraArgs);
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    // A working directory of its own, gone when the server exits: a replica writes the data it syncs there
    // (dump.rdb), never into the repository.
    const dir = mkdtempSync(path.join(tmpdir(), 'manouche-redis-'));
    const child = spawn(
      redisServerBinary,
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...this.extraArgs],
      {
        stdio: 'ignore',
      },
    );
    this.child = child;
    // Never outlive the test process, even when a test times out before its cleanup.
    const stop = () => child.kill('SIGKILL');
    process.once('exit', stop);
    child.once('exit', () => {
      process.off('exit', stop);
      rmSync(dir, { recursive: true, force: true });
    });
    await waitForPort(this.port, child);
  }

  /** Kills the server at once (no shutdown save: everything in it is gone). */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { eventually, runFixture } from './support.js';

/** One request on a new connection each time, so the kernel may hand it to any worker. */
const get = (url: string) =>
  new Promise<string>((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
const pidOf = async (url: string) => Number(await get(`${url}pid`));

describe('workers', () => {
  it('runs N worker processes on one port, restarts a crashed one, and shuts all down cleanly', async () => {
    const child = await runFixture('cluster-server', ['2']);
    try {
      const [, primaryPid, url] = await child.waitFor(/READY (\d+) (\S+)/);
      const pids = new Set<number>();
      await eventually(
        async () => {
          pids.add(await pidOf(url!));
          return pids.size === 2;
        },
        10_000,
        'two workers answering',
      );
      expect(pids.has(Number(primaryPid))).toBe(false);

      await get(`${url}crash`).catch(() => undefined);
      expect(await pidOf(url!)).toBeGreaterThan(0);
      await eventually(() => child.stderr().includes('starting a new one'), 5000, 'the restart message');
      expect(child.stderr()).toMatch(/Worker \d+ exited \(code 3\); starting a new one/);
      const after = new Set<number>();
      await eventually(
        async () => {
          after.add(await pidOf(url!));
          return after.size === 2;
        },
        10_000,
        'two workers again',
      );
      expect([...after].some((pid) => !pids.has(pid))).toBe(true);

      child.process.kill('SIGTERM');
      const exit = await child.exited;
      expect(exit.code).toBe(0);
      expect(child.stdout().match(/lifespan shutdown/g)).toHaveLength(2);
      await expect(get(`${url}pid`)).rejects.toThrow();
    } finally {
      child.process.kill('SIGKILL');
    }
  }, 30_000);
});

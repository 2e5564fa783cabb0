import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Child } from './support.js';
import { connect, eventually, runFixture } from './support.js';

const MiB = 1024 ** 2;
const TOTAL = 256 * MiB;
/** Socket buffers on both ends of a loopback connection (tcp_wmem + autotuned tcp_rmem) plus a chunk stay well under this. */
const BUFFERS = 64 * MiB;

describe('response backpressure', () => {
  let child: Child;
  let url: string;
  beforeAll(async () => {
    child = await runFixture('stream-server');
    url = (await child.waitFor(/READY (\S+)/))[1]!;
  });
  afterAll(() => {
    child.process.kill('SIGTERM');
  });
  const progress = async () => (await (await fetch(`${url}progress`)).json()) as { handed: number; waiting: boolean };

  it('holds the app in send() while the client reads nothing, then delivers every byte', async () => {
    const socket = await connect(Number(new URL(url).port));
    let received = 0;
    let headerEnd = -1;
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      if (headerEnd === -1) {
        head += chunk.toString('latin1');
        headerEnd = head.indexOf('\r\n\r\n');
        if (headerEnd !== -1) received += Buffer.byteLength(head, 'latin1') - headerEnd - 4;
      } else received += chunk.length;
    });
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.pause();
    socket.write(`GET /big?bytes=${TOTAL} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);

    // The app ends up waiting in send() at the same byte count: the server stopped taking chunks it cannot write.
    let previous = -1;
    const stalled = await eventually(
      async () => {
        const now = await progress();
        const settled = now.waiting && now.handed === previous;
        previous = now.handed;
        return settled ? now : undefined;
      },
      20_000,
      'the app to wait in send() for the paused client',
    );
    expect(stalled.handed).toBeGreaterThan(0);
    expect(stalled.handed).toBeLessThan(BUFFERS);

    socket.resume();
    await ended;
    expect(received).toBe(TOTAL);
    expect((await progress()).handed).toBe(TOTAL);
  }, 120_000);
});

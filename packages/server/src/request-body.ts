/**
 * Reads a request body for the app as `http.request` events, one chunk at a time: the socket
 * is paused while the app is not receiving, a body over the size limit stops the reading, and so
 * does a body arriving slower than the minimum data rate while the app waits for it.
 */
import type { Readable } from 'node:stream';
import type { HttpReceiveEvent } from '@manouche/asgi';

const EMPTY = new Uint8Array(0);
/** Chunks read ahead of the app before the socket is paused. */
const READ_AHEAD = 2;

/** @internal The minimum data rate a body must keep while the app waits for it (Kestrel's MinRequestBodyDataRate). */
export interface BodyRate {
  /** Bytes per second; 0 disables the check. */
  minBytesPerSecond: number;
  /** Milliseconds of waiting before the rate is enforced. */
  gracePeriodMs: number;
}

/** @internal */
export class RequestBody {
  /** True once the last `http.request` (or a disconnect) has been handed out. */
  done = false;
  private readonly chunks: Buffer[] = [];
  private started = false;
  private ended = false;
  private gone = false;
  private bytes = 0;
  private wake: (() => void) | undefined;
  /** Milliseconds the app has spent waiting for body bytes so far. */
  private waitedMs = 0;
  private slowTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly stream: Readable,
    private readonly maxBytes: number,
    /** Called once when the body grows past `maxBytes`. */
    private readonly onTooLarge: () => void,
    /** Resolves when the client connection (or the response) closes. */
    private readonly closed: () => Promise<void>,
    private readonly rate: BodyRate,
    /** Called once when the body arrives slower than `rate` while the app waits. */
    private readonly onTooSlow: () => void,
  ) {}

  /** The next `http.request` event, or `http.disconnect` when the client left mid-body. */
  async next(): Promise<HttpReceiveEvent> {
    if (!this.started) this.start();
    for (;;) {
      const chunk = this.chunks.shift();
      if (chunk !== undefined) {
        if (this.chunks.length < READ_AHEAD) this.stream.resume();
        const last = this.ended && this.chunks.length === 0;
        if (last) this.done = true;
        return { type: 'http.request', body: chunk, more_body: !last };
      }
      if (this.ended) {
        this.done = true;
        return { type: 'http.request', body: EMPTY, more_body: false };
      }
      if (this.gone) {
        this.done = true;
        return { type: 'http.disconnect' };
      }
      await this.waitForData();
    }
  }

  /**
   * Waits for the next chunk (or the end). Only this waiting counts towards the data rate: a client
   * is not to blame for the time the app spends elsewhere while the socket is paused.
   */
  private async waitForData(): Promise<void> {
    const { minBytesPerSecond, gracePeriodMs } = this.rate;
    if (minBytesPerSecond <= 0) {
      await new Promise<void>((resolve) => (this.wake = resolve));
      return;
    }
    // The waiting time the bytes received so far pay for; past it (and the grace period) the body is too slow.
    const allowedMs = Math.max(gracePeriodMs, (this.bytes * 1000) / minBytesPerSecond);
    const began = performance.now();
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      this.slowTimer = setTimeout(() => this.tooSlow(), Math.max(0, allowedMs - this.waitedMs));
    });
    clearTimeout(this.slowTimer);
    this.waitedMs += performance.now() - began;
  }

  private tooSlow(): void {
    if (this.gone || this.ended) return;
    this.stream.pause();
    this.chunks.length = 0;
    this.gone = true;
    this.onTooSlow();
    this.notify();
  }

  private start(): void {
    this.started = true;
    const stream = this.stream;
    stream.on('data', (chunk: Buffer) => {
      this.bytes += chunk.length;
      if (this.bytes > this.maxBytes) {
        stream.pause();
        this.chunks.length = 0;
        this.gone = true;
        this.onTooLarge();
      } else {
        this.chunks.push(chunk);
        if (this.chunks.length >= READ_AHEAD) stream.pause();
      }
      this.notify();
    });
    stream.on('end', () => {
      this.ended = true;
      this.notify();
    });
    void this.closed().then(() => {
      this.gone = true;
      this.notify();
    });
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

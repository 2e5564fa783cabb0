/** @internal Per-channel message queues held in this process, with capacity and expiry; shared by both layers. */
import { ChannelFull } from '../errors.js';
import type { ChannelMessage } from '../names.js';
import { SlicedHandOff, type HandOffTarget } from './sliced-hand-off.js';

interface Waiter {
  resolve(message: ChannelMessage): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
}

/** @internal A channel's queue: kept by a caller that pushes to the same channels often, to skip the name lookup. */
export interface LocalQueue extends HandOffTarget {
  readonly channel: string;
  /** Set once the channel is deleted: pushes to it are dropped. */
  deleted: boolean;
  items: Array<{ message: ChannelMessage; expiresAt: number }>;
  waiters: Waiter[];
  /** Signals whose abort already rejects this queue's waiters: a consumer passes the same one on every receive. */
  watched: WeakSet<AbortSignal> | undefined;
}

/** @internal */
export class LocalQueues {
  private readonly queues = new Map<string, LocalQueue>();
  /** How messages reach listening consumers (see sliced-hand-off.ts). */
  private readonly handOff = new SlicedHandOff();

  constructor(
    private readonly capacityOf: (channel: string) => number,
    private readonly expirySeconds: number,
  ) {}

  /** Creates the queue of a channel this process receives on. */
  open(channel: string): void {
    this.queue(channel);
  }

  private queue(channel: string): LocalQueue {
    let queue = this.queues.get(channel);
    if (!queue) this.queues.set(channel, (queue = { channel, deleted: false, items: [], waiters: [], listener: undefined, handOff: [], watched: undefined }));
    return queue;
  }

  private dropExpired(queue: LocalQueue, now: number): void {
    while (queue.items.length > 0 && queue.items[0]!.expiresAt <= now) queue.items.shift();
  }

  /** Queues a message; returns false (or throws ChannelFull when `strict`) at capacity. */
  push(channel: string, message: ChannelMessage, strict: boolean): boolean {
    return this.pushTo(this.queue(channel), message, strict);
  }

  /** As push(), to a queue from find(); a deleted one takes nothing (and reports no lack of room). */
  pushTo(queue: LocalQueue, message: ChannelMessage, strict: boolean): boolean {
    if (queue.deleted) return true;
    const channel = queue.channel;
    if (queue.listener) {
      this.handOff.add(queue, message);
      return true;
    }
    const waiter = queue.waiters.shift();
    if (waiter) {
      waiter.resolve(message);
      return true;
    }
    const now = Date.now();
    this.dropExpired(queue, now);
    const capacity = this.capacityOf(channel);
    if (queue.items.length >= capacity) {
      if (strict) throw new ChannelFull(`Channel "${channel}" is full: it holds ${capacity} messages (its capacity) that nobody has received.`);
      return false;
    }
    queue.items.push({ message, expiresAt: now + this.expirySeconds * 1000 });
    return true;
  }

  /**
   * Hands every message of `channel` to `onMessage` (a few turns at most after it arrives, see
   * sliced-hand-off.ts), starting with those waiting; returns the function that stops it. The listener
   * never waits, so capacity never applies to it.
   */
  listen(channel: string, onMessage: (message: ChannelMessage) => void): () => void {
    const queue = this.queue(channel);
    this.dropExpired(queue, Date.now());
    queue.listener = onMessage;
    for (const item of queue.items.splice(0)) this.handOff.add(queue, item.message);
    return () => {
      if (queue.listener !== onMessage) return;
      queue.listener = undefined;
      this.handOff.forget(queue);
    };
  }

  /** Whether a message can be queued now without exceeding capacity. */
  hasRoom(channel: string): boolean {
    const queue = this.queues.get(channel);
    if (!queue || queue.waiters.length > 0 || queue.listener) return true;
    this.dropExpired(queue, Date.now());
    return queue.items.length < this.capacityOf(channel);
  }

  /** The next unexpired message, waiting for one; rejects with the signal's reason when aborted. */
  take(channel: string, signal?: AbortSignal): Promise<ChannelMessage> {
    const queue = this.queue(channel);
    this.dropExpired(queue, Date.now());
    const item = queue.items.shift();
    if (item) return Promise.resolve(item.message);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (signal && !queue.watched?.has(signal)) {
      (queue.watched ??= new WeakSet()).add(signal);
      // One listener per signal and queue, not one per receive: adding and removing listeners costs more than the delivery.
      signal.addEventListener(
        'abort',
        () => {
          const aborted = queue.waiters.filter((waiter) => waiter.signal === signal);
          queue.waiters = queue.waiters.filter((waiter) => waiter.signal !== signal);
          for (const waiter of aborted) waiter.reject(signal.reason);
        },
        { once: true },
      );
    }
    return new Promise<ChannelMessage>((resolve, reject) => queue.waiters.push({ resolve, reject, signal }));
  }

  /** Whether someone in this process receives on `channel` (or messages wait there). */
  has(channel: string): boolean {
    return this.queues.has(channel);
  }

  /** The queue of `channel` when someone in this process receives on it. */
  find(channel: string): LocalQueue | undefined {
    return this.queues.get(channel);
  }

  delete(channel: string): void {
    const queue = this.queues.get(channel);
    if (!queue) return;
    queue.deleted = true;
    this.handOff.forget(queue);
    this.queues.delete(channel);
  }

  clear(): void {
    this.handOff.clear();
    for (const queue of this.queues.values()) queue.deleted = true;
    this.queues.clear();
  }
}

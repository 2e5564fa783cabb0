/** @internal Per-channel message queues held in this process, with capacity and expiry; shared by both layers. */
import { ChannelFull } from '../errors.js';
import type { ChannelMessage } from '../names.js';

interface Waiter {
  resolve(message: ChannelMessage): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
}

interface Queue {
  items: Array<{ message: ChannelMessage; expiresAt: number }>;
  waiters: Waiter[];
  /** Signals whose abort already rejects this queue's waiters: a consumer passes the same one on every receive. */
  watched: WeakSet<AbortSignal> | undefined;
}

/** @internal */
export class LocalQueues {
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly capacityOf: (channel: string) => number,
    private readonly expirySeconds: number,
  ) {}

  /** Creates the queue of a channel this process receives on. */
  open(channel: string): void {
    this.queue(channel);
  }

  private queue(channel: string): Queue {
    let queue = this.queues.get(channel);
    if (!queue) this.queues.set(channel, (queue = { items: [], waiters: [], watched: undefined }));
    return queue;
  }

  private dropExpired(queue: Queue, now: number): void {
    while (queue.items.length > 0 && queue.items[0]!.expiresAt <= now) queue.items.shift();
  }

  /** Queues a message; returns false (or throws ChannelFull when `strict`) at capacity. */
  push(channel: string, message: ChannelMessage, strict: boolean): boolean {
    const queue = this.queue(channel);
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

  /** Whether a message can be queued now without exceeding capacity. */
  hasRoom(channel: string): boolean {
    const queue = this.queues.get(channel);
    if (!queue || queue.waiters.length > 0) return true;
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

  delete(channel: string): void {
    this.queues.delete(channel);
  }

  clear(): void {
    this.queues.clear();
  }
}

/** The interface every channel layer implements, and the options they share (Channels' BaseChannelLayer). */
import type { ChannelMessage } from '../names.js';

/**
 * Options every layer understands (CHANNEL_LAYERS[alias].CONFIG, camelCase or Channels' snake_case).
 *
 * @example
 * const layer = new InMemoryChannelLayer({ expiry: 30, groupExpiry: 3600, capacity: 200 });
 */
export interface ChannelLayerOptions {
  /** Seconds a message waits in a channel before it is dropped. Default 60. */
  expiry?: number;
  /** Seconds a channel stays in a group without being re-added. Default 86400. */
  groupExpiry?: number;
  /** Messages a channel holds before `send` throws ChannelFull (group sends skip full channels). Default 100. */
  capacity?: number;
  /** Per-channel capacities by name pattern, first match wins: `{ '^websocket\\.': 20 }`. */
  channelCapacity?: Record<string, number>;
}

/**
 * A channel layer: point-to-point channels and named groups of channels (Channels' layer API, camelCase).
 *
 * @example
 * const layer: ChannelLayer = getChannelLayer()!;
 * const channel = await layer.newChannel();
 * await layer.send(channel, { type: 'chat.message', text: 'hi' });
 * await layer.receive(channel); // { type: 'chat.message', text: 'hi' }
 */
export interface ChannelLayer {
  /** Sends a message to one channel; throws ChannelFull at capacity. */
  send(channel: string, message: ChannelMessage): Promise<void>;
  /** Waits for the next message on `channel` (a channel from `newChannel()` on this layer). */
  receive(channel: string, signal?: AbortSignal): Promise<ChannelMessage>;
  /** A new unique channel name this process can receive on. */
  newChannel(prefix?: string): Promise<string>;
  /** Adds a channel to a group (refreshing its group expiry). */
  groupAdd(group: string, channel: string): Promise<void>;
  /** Removes a channel from a group. */
  groupDiscard(group: string, channel: string): Promise<void>;
  /** Sends a message to every channel of a group; full channels are skipped. */
  groupSend(group: string, message: ChannelMessage): Promise<void>;
  /** Forgets a channel this process received on (a consumer that ended): pending messages are dropped. */
  discardChannel(channel: string): void;
  /** Releases connections and timers. */
  close(): Promise<void>;
}

/** @internal The options with defaults applied. */
export interface ResolvedLayerOptions {
  expiry: number;
  groupExpiry: number;
  capacity: number;
  channelCapacity: Array<[RegExp, number]>;
}

/** @internal */
export function resolveLayerOptions(options: ChannelLayerOptions & Record<string, unknown>): ResolvedLayerOptions {
  const pick = (camel: string, snake: string, fallback: number): number => {
    const value = options[camel] ?? options[snake];
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !(value > 0))
      throw new TypeError(`Channel layer option ${camel} must be a positive number, got ${JSON.stringify(value)}.`);
    return value;
  };
  const perChannel = (options.channelCapacity ?? options.channel_capacity ?? {}) as Record<string, number>;
  return {
    expiry: pick('expiry', 'expiry', 60),
    groupExpiry: pick('groupExpiry', 'group_expiry', 86_400),
    capacity: pick('capacity', 'capacity', 100),
    channelCapacity: Object.entries(perChannel).map(([pattern, capacity]) => [new RegExp(pattern), capacity]),
  };
}

/** @internal The capacity of one channel. */
export function capacityOf(options: ResolvedLayerOptions, channel: string): number {
  for (const [pattern, capacity] of options.channelCapacity) if (pattern.test(channel)) return capacity;
  return options.capacity;
}

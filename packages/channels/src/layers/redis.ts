/**
 * The Redis channel layer (channels_redis' RedisChannelLayer) on ioredis: groups reach consumers in
 * every process and machine that shares the Redis server.
 *
 * Layout: each process receives on one Redis list (`<prefix>:ch:specific.<process id>!`); the channels
 * its consumers get from `newChannel()` are `specific.<process id>!<random>`, and messages for them carry
 * their full names so the process hands each to the right consumer. A group is a sorted set of channel
 * names scored by the time they joined; `groupSend` runs one script that drops expired members and pushes
 * one message per receiving process, whatever the number of consumers there.
 */
import { randomBytes } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { stderrLogger, type Logger } from '@manouche/core';
import { ChannelFull, ChannelsConfigurationError, InvalidMessage, MessageLost } from '../errors.js';
import { validateChannelName, validateGroupName, validateMessage, type ChannelMessage } from '../names.js';
import { capacityOf, resolveLayerOptions, type ChannelLayer, type ChannelLayerOptions, type ResolvedLayerOptions } from './channel-layer.js';
import { LocalQueues } from './local-queues.js';

/** Options of the Redis layer (CHANNEL_LAYERS[alias].CONFIG). */
export interface RedisChannelLayerOptions extends ChannelLayerOptions {
  /** One Redis server: `['redis://127.0.0.1:6379/0']` (a URL, or `{ address }`). Default `redis://127.0.0.1:6379`. */
  hosts?: Array<string | { address: string }>;
  /** Prefix of every key, so several projects can share one Redis. Default `asgi`. */
  prefix?: string;
  /** Messages waiting for one process before sends to it fail with ChannelFull. Default 10000. */
  processCapacity?: number;
  /** Where connection losses and dropped messages are reported. Default stderr. */
  logger?: Logger;
  /** The CHANNEL_LAYERS alias, for log lines. */
  alias?: string;
}

const SEND_SCRIPT = `
if redis.call('LLEN', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1`;

// KEYS[1] group; ARGV: list-key prefix, now ms, group expiry ms, message expiry ms, capacity, list ttl s, message JSON.
const GROUP_SEND_SCRIPT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[2]) - tonumber(ARGV[3]))
local members = redis.call('ZRANGE', KEYS[1], 0, -1)
local buckets = {}
local order = {}
for _, channel in ipairs(members) do
  local bang = string.find(channel, '!', 1, true)
  local key = channel
  if bang then key = string.sub(channel, 1, bang) end
  if not buckets[key] then
    buckets[key] = {}
    table.insert(order, key)
  end
  table.insert(buckets[key], channel)
end
local dropped = 0
for _, key in ipairs(order) do
  local list = ARGV[1] .. key
  if redis.call('LLEN', list) < tonumber(ARGV[5]) then
    redis.call('RPUSH', list, '{"c":' .. cjson.encode(buckets[key]) .. ',"x":' .. ARGV[4] .. ',"m":' .. ARGV[7] .. '}')
    redis.call('EXPIRE', list, ARGV[6])
  else
    dropped = dropped + #buckets[key]
  end
end
return dropped`;

interface Envelope {
  /** Full channel names the message is for. */
  c: string[];
  /** Expiry, ms since the epoch. */
  x: number;
  m: ChannelMessage;
}

type ScriptedRedis = Redis & {
  channelsSend(key: string, envelope: string, capacity: number, ttl: number): Promise<number>;
  channelsGroupSend(
    group: string,
    listPrefix: string,
    now: number,
    groupExpiryMs: number,
    expiresAt: number,
    capacity: number,
    ttl: number,
    message: string,
  ): Promise<number>;
};

function hostUrl(options: RedisChannelLayerOptions): string {
  const hosts = options.hosts ?? ['redis://127.0.0.1:6379'];
  if (!Array.isArray(hosts) || hosts.length !== 1) {
    throw new ChannelsConfigurationError(
      `The Redis channel layer${options.alias ? ` '${options.alias}'` : ''} needs exactly one entry in CONFIG.hosts (such as ['redis://127.0.0.1:6379/0']); got ${JSON.stringify(hosts)}. Sharding over several servers is not supported: use one server or Redis Cluster's proxy.`,
    );
  }
  const host = hosts[0]!;
  const url = typeof host === 'string' ? host : host.address;
  if (typeof url !== 'string' || !/^rediss?:\/\//.test(url)) {
    throw new ChannelsConfigurationError(`CONFIG.hosts of the Redis channel layer must hold a redis:// or rediss:// URL; got ${JSON.stringify(host)}.`);
  }
  return url;
}

function serialize(message: ChannelMessage): string {
  try {
    return JSON.stringify(message);
  } catch (error) {
    throw new InvalidMessage(`A message of type "${message.type}" cannot be sent through Redis: it must be JSON-serializable (${(error as Error).message}).`);
  }
}

/**
 * The channel layer to use when a site runs on more than one process.
 *
 * @example
 * const layer = new RedisChannelLayer({ hosts: ['redis://127.0.0.1:6379/0'], prefix: 'mysite' });
 * await layer.groupSend('chat_lobby', { type: 'chat.message', message: 'hello' });
 */
export class RedisChannelLayer implements ChannelLayer {
  private readonly options: ResolvedLayerOptions;
  private readonly prefix: string;
  private readonly processCapacity: number;
  private readonly logger: Logger;
  private readonly label: string;
  private readonly url: string;
  private readonly processName = `specific.${randomBytes(9).toString('hex')}!`;
  private readonly queues: LocalQueues;
  /** Groups joined by this process's channels: re-added when Redis comes back empty. */
  private readonly memberships = new Map<string, Set<string>>();
  private writerClient: ScriptedRedis | undefined;
  private readerClient: Redis | undefined;
  private reading = false;
  private closed = false;

  constructor(options: RedisChannelLayerOptions = {}) {
    this.options = resolveLayerOptions(options as ChannelLayerOptions & Record<string, unknown>);
    this.url = hostUrl(options);
    this.prefix = options.prefix ?? 'asgi';
    this.processCapacity = options.processCapacity ?? 10_000;
    this.logger = options.logger ?? stderrLogger;
    this.label = `Channel layer${options.alias ? ` '${options.alias}'` : ''} (Redis ${new URL(this.url).host})`;
    this.queues = new LocalQueues((channel) => capacityOf(this.options, channel), this.options.expiry);
  }

  private connect(role: string): Redis {
    const options: RedisOptions = {
      // A command cut off by a lost connection is never resent: it may have run already, and resending would duplicate the message.
      autoResendUnfulfilledCommands: false,
      retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2000),
      maxRetriesPerRequest: 20,
      connectionName: `manouche-channels-${role}`,
    };
    const client = new Redis(this.url, options);
    let lost = false;
    let lastError = 'connection closed';
    // Without an error listener ioredis prints every failed reconnection; the loss is reported once, on close.
    client.on('error', (error: Error) => (lastError = error.message));
    client.on('close', () => {
      if (lost || this.closed) return;
      lost = true;
      this.logger.warn(
        `${this.label}: lost the ${role} connection (${lastError}); reconnecting. Messages being ${role === 'reader' ? 'received' : 'sent'} at that moment are lost, never resent or duplicated.`,
      );
    });
    client.on('ready', () => {
      if (!lost) return;
      lost = false;
      this.logger.warn(`${this.label}: the ${role} connection is back.`);
      if (role === 'writer') void this.restoreMemberships();
    });
    return client;
  }

  private get writer(): ScriptedRedis {
    if (!this.writerClient) {
      const client = this.connect('writer');
      client.defineCommand('channelsSend', { numberOfKeys: 1, lua: SEND_SCRIPT });
      client.defineCommand('channelsGroupSend', { numberOfKeys: 1, lua: GROUP_SEND_SCRIPT });
      this.writerClient = client as ScriptedRedis;
    }
    return this.writerClient;
  }

  private listKey(channel: string): string {
    const bang = channel.indexOf('!');
    return `${this.prefix}:ch:${bang === -1 ? channel : channel.slice(0, bang + 1)}`;
  }

  private groupKey(group: string): string {
    return `${this.prefix}:group:${group}`;
  }

  private lost(what: string, error: unknown): MessageLost {
    const message = `${this.label}: ${what} was lost: ${(error as Error).message}. It is not retried, so it is never delivered twice.`;
    this.logger.warn(message);
    return new MessageLost(message, { cause: error });
  }

  async send(channel: string, message: ChannelMessage): Promise<void> {
    validateChannelName(channel);
    validateMessage(message);
    const envelope = `{"c":${JSON.stringify([channel])},"x":${Date.now() + this.options.expiry * 1000},"m":${serialize(message)}}`;
    const capacity = channel.includes('!') ? this.processCapacity : capacityOf(this.options, channel);
    let queued: number;
    try {
      queued = await this.writer.channelsSend(this.listKey(channel), envelope, capacity, Math.ceil(this.options.expiry) + 1);
    } catch (error) {
      throw this.lost(`a "${message.type}" message to channel ${channel}`, error);
    }
    if (queued === 0) throw new ChannelFull(`Channel "${channel}" is full: ${capacity} messages wait in Redis (its capacity) that nobody has received.`);
  }

  async receive(channel: string, signal?: AbortSignal): Promise<ChannelMessage> {
    validateChannelName(channel);
    if (channel.includes('!')) {
      if (!channel.startsWith(this.processName)) {
        throw new ChannelsConfigurationError(
          `${this.label}: channel ${channel} belongs to another process; receive only on channels from this layer's newChannel().`,
        );
      }
      this.startReading();
      return this.queues.take(channel, signal);
    }
    return this.receiveShared(channel, signal);
  }

  /** A channel any process may read (a worker's channel): one blocking pop at a time. */
  private async receiveShared(channel: string, signal?: AbortSignal): Promise<ChannelMessage> {
    const client = this.writer.duplicate();
    client.on('error', () => undefined);
    const onAbort = () => client.disconnect();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        if (signal?.aborted) throw signal.reason;
        const popped = await client.blpop(this.listKey(channel), 1);
        if (!popped) continue;
        const envelope = JSON.parse(popped[1]) as Envelope;
        if (envelope.x > Date.now()) return envelope.m;
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      client.disconnect();
    }
  }

  async newChannel(prefix = 'specific.'): Promise<string> {
    const name = `${this.processName}${prefix === 'specific.' ? '' : prefix}${randomBytes(9).toString('hex')}`;
    this.queues.open(name);
    this.startReading();
    return name;
  }

  /** One loop per process moves messages from its Redis list to the local channels. */
  private startReading(): void {
    if (this.reading || this.closed) return;
    this.reading = true;
    const reader = (this.readerClient = this.connect('reader'));
    const key = this.listKey(this.processName);
    void (async () => {
      while (!this.closed) {
        try {
          const popped = await reader.blpop(key, 1);
          if (!popped) continue;
          this.deliver(popped[1]);
          // Drain what else is waiting in one round trip.
          const more = await reader.lpop(key, 500);
          for (const raw of more ?? []) this.deliver(raw);
        } catch {
          if (this.closed) return;
          // The connection broke mid-read (logged by the 'error' handler): wait until ioredis reconnects.
          await new Promise<void>((resolve) => {
            if (reader.status === 'ready') setTimeout(resolve, 50);
            else reader.once('ready', () => resolve());
            reader.once('end', () => resolve());
          });
        }
      }
    })();
  }

  private deliver(raw: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(raw) as Envelope;
    } catch (error) {
      this.logger.warn(`${this.label}: dropped a message that is not JSON from ${this.listKey(this.processName)}: ${(error as Error).message}`);
      return;
    }
    if (envelope.x <= Date.now()) return;
    for (const channel of envelope.c) {
      if (!this.queues.has(channel)) continue;
      if (!this.queues.push(channel, envelope.c.length > 1 ? structuredClone(envelope.m) : envelope.m, false)) {
        this.logger.warn(
          `${this.label}: channel ${channel} is full (${capacityOf(this.options, channel)} messages); a "${envelope.m.type}" message to it was dropped.`,
        );
      }
    }
  }

  async groupAdd(group: string, channel: string): Promise<void> {
    validateGroupName(group);
    validateChannelName(channel);
    if (channel.startsWith(this.processName)) {
      let members = this.memberships.get(group);
      if (!members) this.memberships.set(group, (members = new Set()));
      members.add(channel);
    }
    const key = this.groupKey(group);
    await this.writer.multi().zadd(key, Date.now(), channel).expire(key, Math.ceil(this.options.groupExpiry)).exec();
  }

  async groupDiscard(group: string, channel: string): Promise<void> {
    validateGroupName(group);
    validateChannelName(channel);
    this.forgetMembership(group, channel);
    await this.writer.zrem(this.groupKey(group), channel);
  }

  private forgetMembership(group: string, channel: string): void {
    const members = this.memberships.get(group);
    if (!members) return;
    members.delete(channel);
    if (members.size === 0) this.memberships.delete(group);
  }

  async groupSend(group: string, message: ChannelMessage): Promise<void> {
    validateGroupName(group);
    validateMessage(message);
    const now = Date.now();
    let dropped: number;
    try {
      dropped = await this.writer.channelsGroupSend(
        this.groupKey(group),
        `${this.prefix}:ch:`,
        now,
        this.options.groupExpiry * 1000,
        now + this.options.expiry * 1000,
        this.processCapacity,
        Math.ceil(this.options.expiry) + 1,
        serialize(message),
      );
    } catch (error) {
      throw this.lost(`a "${message.type}" message to group ${group}`, error);
    }
    if (dropped > 0)
      this.logger.warn(
        `${this.label}: ${dropped} channels of group ${group} are on processes whose queues are full; a "${message.type}" message was dropped for them.`,
      );
  }

  /** Redis restarted empty (or evicted the groups): this process's channels join their groups again. */
  private async restoreMemberships(): Promise<void> {
    const entries = [...this.memberships].flatMap(([group, channels]) => [...channels].map((channel) => [group, channel] as const));
    if (entries.length === 0) return;
    const now = Date.now();
    const batch = this.writer.multi();
    for (const [group, channel] of entries) batch.zadd(this.groupKey(group), now, channel).expire(this.groupKey(group), Math.ceil(this.options.groupExpiry));
    try {
      await batch.exec();
      this.logger.warn(`${this.label}: re-added ${entries.length} group memberships of this process.`);
    } catch (error) {
      this.logger.warn(`${this.label}: could not re-add group memberships after reconnecting: ${(error as Error).message}`);
    }
  }

  discardChannel(channel: string): void {
    this.queues.delete(channel);
    for (const group of [...this.memberships.keys()]) this.forgetMembership(group, channel);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.queues.clear();
    this.readerClient?.disconnect();
    if (this.writerClient) await this.writerClient.quit().catch(() => this.writerClient?.disconnect());
  }
}

/**
 * The Redis channel layer (channels_redis' RedisChannelLayer) on ioredis: groups reach consumers in
 * every process and machine that shares the Redis server (or the same list of servers, sharded by name).
 *
 * Layout: each process receives on one Redis list (`<prefix>:ch:specific.<process id>!`); the channels
 * its consumers get from `newChannel()` are `specific.<process id>!<random>`, and messages for them carry
 * their full names so the process hands each to the right consumer. A group is a sorted set of channel
 * names scored by the time they joined; `groupSend` runs one script that drops expired members and pushes
 * one message per receiving process, whatever the number of consumers there.
 *
 * With several hosts, each name lives on the host `shardOf` picks: a group's sorted set on its group
 * name's host, a process's list on the host of `specific.<process id>!`. A group send then reads the members
 * from the group's host and pushes to each process's list on that list's host.
 */
import { randomBytes } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { stderrLogger, type Logger } from '@manouche/core';
import { ChannelFull, ChannelsConfigurationError, InvalidMessage, MessageLost } from '../errors.js';
import { validateChannelName, validateGroupName, validateMessage, type ChannelMessage } from '../names.js';
import { capacityOf, resolveLayerOptions, type ChannelLayer, type ChannelLayerOptions, type ResolvedLayerOptions } from './channel-layer.js';
import { listenToChannel, type ListenableChannelLayer } from './channel-listener.js';
import { EnvelopeRecipients } from './envelope-recipients.js';
import { LocalQueues } from './local-queues.js';
import { MessageCopies } from './message-copies.js';
import { redisHostUrls, shardOf, type RedisHost } from './redis-hosts.js';
import { defineChannelScripts, type ScriptedRedis } from './redis-scripts.js';

/**
 * Options of the Redis layer (CHANNEL_LAYERS[alias].CONFIG).
 *
 * @example
 * const options: RedisChannelLayerOptions = { hosts: ['redis://10.0.0.1:6379/0', 'redis://10.0.0.2:6379/0'], prefix: 'mysite', capacity: 1000 };
 */
export interface RedisChannelLayerOptions extends ChannelLayerOptions {
  /**
   * The Redis servers: `['redis://127.0.0.1:6379/0']` (URLs, `{ address }` objects or `[host, port]` pairs).
   * Several hosts shard channels and groups among them by consistent hashing; every process lists them in
   * the same order. Default `redis://127.0.0.1:6379`.
   */
  hosts?: RedisHost[];
  /** Prefix of every key, so several projects can share one Redis. Default `asgi`. */
  prefix?: string;
  /** Messages waiting for one process before sends to it fail with ChannelFull. Default 10000. */
  processCapacity?: number;
  /** Where connection losses and dropped messages are reported. Default stderr. */
  logger?: Logger;
  /** The CHANNEL_LAYERS alias, for log lines. */
  alias?: string;
}

interface Envelope {
  /** Full channel names the message is for. */
  c: string[];
  /** Expiry, ms since the epoch. */
  x: number;
  m: ChannelMessage;
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
export class RedisChannelLayer implements ChannelLayer, ListenableChannelLayer {
  private readonly options: ResolvedLayerOptions;
  private readonly prefix: string;
  private readonly processCapacity: number;
  private readonly logger: Logger;
  private readonly alias: string | undefined;
  private readonly urls: string[];
  private readonly processName = `specific.${randomBytes(9).toString('hex')}!`;
  /** The host holding this process's list. */
  private readonly processShard: number;
  private readonly queues: LocalQueues;
  private readonly recipients: EnvelopeRecipients;
  /** Groups joined by this process's channels: re-added when Redis comes back empty. */
  private readonly memberships = new Map<string, Set<string>>();
  private readonly writerClients: Array<ScriptedRedis | undefined> = [];
  private readerClient: Redis | undefined;
  private reading = false;
  private closed = false;

  constructor(options: RedisChannelLayerOptions = {}) {
    this.options = resolveLayerOptions(options as ChannelLayerOptions & Record<string, unknown>);
    this.urls = redisHostUrls(options.hosts, options.alias);
    this.processShard = shardOf(this.processName, this.urls.length);
    this.prefix = options.prefix ?? 'asgi';
    this.processCapacity = options.processCapacity ?? 10_000;
    this.logger = options.logger ?? stderrLogger;
    this.alias = options.alias;
    this.queues = new LocalQueues((channel) => capacityOf(this.options, channel), this.options.expiry);
    this.recipients = new EnvelopeRecipients(this.queues);
  }

  /** `Channel layer 'default' (Redis host:port)` for log lines about one host (every host without `shard`). */
  private label(shard?: number): string {
    const hosts = (shard === undefined ? this.urls : [this.urls[shard]!]).map((url) => new URL(url).host).join(', ');
    return `Channel layer${this.alias ? ` '${this.alias}'` : ''} (Redis ${hosts})`;
  }

  /** The host holding a channel or group name: a process-specific channel lives where its process's list is. */
  private shardOfName(name: string): number {
    const bang = name.indexOf('!');
    return shardOf(bang === -1 ? name : name.slice(0, bang + 1), this.urls.length);
  }

  private connect(role: 'reader' | 'writer', shard: number): Redis {
    const options: RedisOptions = {
      // A command cut off by a lost connection is never resent: it may have run already, and resending would duplicate the message.
      autoResendUnfulfilledCommands: false,
      retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2000),
      maxRetriesPerRequest: 20,
      connectionName: `manouche-channels-${role}`,
    };
    const client = new Redis(this.urls[shard]!, options);
    let lost = false;
    let lastError = 'connection closed';
    // Without an error listener ioredis prints every failed reconnection; the loss is reported once, on close.
    client.on('error', (error: Error) => (lastError = error.message));
    client.on('close', () => {
      if (lost || this.closed) return;
      lost = true;
      this.logger.warn(
        `${this.label(shard)}: lost the ${role} connection (${lastError}); reconnecting. Messages being ${role === 'reader' ? 'received' : 'sent'} at that moment are lost, never resent or duplicated.`,
      );
    });
    client.on('ready', () => {
      if (!lost) return;
      lost = false;
      this.logger.warn(`${this.label(shard)}: the ${role} connection is back.`);
      if (role === 'writer') void this.restoreMemberships(shard);
    });
    return client;
  }

  private writer(shard: number): ScriptedRedis {
    let client = this.writerClients[shard];
    if (!client) {
      client = defineChannelScripts(this.connect('writer', shard));
      this.writerClients[shard] = client;
    }
    return client;
  }

  private listKey(channel: string): string {
    const bang = channel.indexOf('!');
    return `${this.prefix}:ch:${bang === -1 ? channel : channel.slice(0, bang + 1)}`;
  }

  private groupKey(group: string): string {
    return `${this.prefix}:group:${group}`;
  }

  private lost(what: string, error: unknown, shard: number): MessageLost {
    const message = `${this.label(shard)}: ${what} was lost: ${(error as Error).message}. It is not retried, so it is never delivered twice.`;
    this.logger.warn(message);
    return new MessageLost(message, { cause: error });
  }

  async send(channel: string, message: ChannelMessage): Promise<void> {
    validateChannelName(channel);
    validateMessage(message);
    const envelope = `{"c":${JSON.stringify([channel])},"x":${Date.now() + this.options.expiry * 1000},"m":${serialize(message)}}`;
    const capacity = channel.includes('!') ? this.processCapacity : capacityOf(this.options, channel);
    const shard = this.shardOfName(channel);
    let queued: number;
    try {
      queued = await this.writer(shard).channelsSend(this.listKey(channel), envelope, capacity, Math.ceil(this.options.expiry) + 1);
    } catch (error) {
      throw this.lost(`a "${message.type}" message to channel ${channel}`, error, shard);
    }
    if (queued === 0) throw new ChannelFull(`Channel "${channel}" is full: ${capacity} messages wait in Redis (its capacity) that nobody has received.`);
  }

  receive(channel: string, signal?: AbortSignal): Promise<ChannelMessage> {
    // Not async: a loop receiving every message comes through here, and the extra promise an async function adds is measurable.
    try {
      validateChannelName(channel);
      if (!channel.includes('!')) return this.receiveShared(channel, signal);
      this.checkOwnChannel(channel);
      this.startReading();
      return this.queues.take(channel, signal);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** @internal Consumers take their messages here: see channel-listener.ts. */
  [listenToChannel](channel: string, onMessage: (message: ChannelMessage) => void): () => void {
    validateChannelName(channel);
    this.checkOwnChannel(channel);
    this.startReading();
    return this.queues.listen(channel, onMessage);
  }

  private checkOwnChannel(channel: string): void {
    if (!channel.startsWith(this.processName)) {
      throw new ChannelsConfigurationError(
        `${this.label()}: channel ${channel} belongs to another process; receive only on channels from this layer's newChannel().`,
      );
    }
  }

  /** A channel any process may read (a worker's channel): one blocking pop at a time. */
  private async receiveShared(channel: string, signal?: AbortSignal): Promise<ChannelMessage> {
    const client = this.writer(this.shardOfName(channel)).duplicate();
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
    const reader = (this.readerClient = this.connect('reader', this.processShard));
    const key = this.listKey(this.processName);
    void (async () => {
      while (!this.closed) {
        try {
          // What waits is taken in one round trip; the loop blocks only when nothing does.
          const waiting = await reader.lpop(key, 500);
          if (waiting && waiting.length > 0) {
            for (const raw of waiting) this.deliver(raw);
            continue;
          }
          const popped = await reader.blpop(key, 1);
          if (popped) this.deliver(popped[1]);
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
    let envelope: ReturnType<EnvelopeRecipients['read']>;
    try {
      envelope = this.recipients.read(raw);
    } catch (error) {
      this.logger.warn(
        `${this.label(this.processShard)}: dropped a message that is not JSON from ${this.listKey(this.processName)}: ${(error as Error).message}`,
      );
      return;
    }
    const { body, recipients } = envelope;
    if (body.x <= Date.now()) return;
    const copies = new MessageCopies(body.m, raw);
    for (const recipient of recipients) {
      const queue = this.recipients.queueOf(recipient);
      if (queue === undefined) continue;
      if (!this.queues.pushTo(queue, copies.next(), false)) {
        this.logger.warn(
          `${this.label(this.processShard)}: channel ${queue.channel} is full (${capacityOf(this.options, queue.channel)} messages); a "${body.m.type}" message to it was dropped.`,
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
    await this.writer(this.shardOfName(group)).multi().zadd(key, Date.now(), channel).expire(key, Math.ceil(this.options.groupExpiry)).exec();
  }

  async groupDiscard(group: string, channel: string): Promise<void> {
    validateGroupName(group);
    validateChannelName(channel);
    this.forgetMembership(group, channel);
    await this.writer(this.shardOfName(group)).zrem(this.groupKey(group), channel);
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
    const body = serialize(message);
    const groupShard = this.shardOfName(group);
    let dropped: number;
    try {
      dropped =
        this.urls.length === 1
          ? await this.writer(0).channelsGroupSend(
              this.groupKey(group),
              `${this.prefix}:ch:`,
              now,
              this.options.groupExpiry * 1000,
              now + this.options.expiry * 1000,
              this.processCapacity,
              Math.ceil(this.options.expiry) + 1,
              body,
            )
          : await this.groupSendSharded(group, groupShard, now, body);
    } catch (error) {
      throw this.lost(`a "${message.type}" message to group ${group}`, error, (error as { shard?: number }).shard ?? groupShard);
    }
    if (dropped > 0)
      this.logger.warn(
        `${this.label()}: ${dropped} channels of group ${group} are on processes whose queues are full; a "${message.type}" message was dropped for them.`,
      );
  }

  /**
   * A group send over several hosts: the members come from the group's host, then each receiving process's
   * list gets one message on its own host. (One host does both in one script, one round trip.)
   */
  private async groupSendSharded(group: string, groupShard: number, now: number, body: string): Promise<number> {
    const members = await this.writer(groupShard).channelsGroupMembers(this.groupKey(group), now, this.options.groupExpiry * 1000);
    const byList = new Map<string, string[]>();
    for (const channel of members) {
      const key = this.listKey(channel);
      const channels = byList.get(key);
      if (channels) channels.push(channel);
      else byList.set(key, [channel]);
    }
    const expiresAt = now + this.options.expiry * 1000;
    const ttl = Math.ceil(this.options.expiry) + 1;
    const counts = await Promise.all(
      [...byList].map(async ([key, channels]) => {
        const shard = this.shardOfName(channels[0]!);
        const envelope = `{"c":${JSON.stringify(channels)},"x":${expiresAt},"m":${body}}`;
        try {
          return (await this.writer(shard).channelsSend(key, envelope, this.processCapacity, ttl)) === 0 ? channels.length : 0;
        } catch (error) {
          throw Object.assign(error as Error, { shard });
        }
      }),
    );
    return counts.reduce((sum, count) => sum + count, 0);
  }

  /** Redis restarted empty (or evicted the groups): this process's channels join their groups on that host again. */
  private async restoreMemberships(shard: number): Promise<void> {
    const entries = [...this.memberships]
      .filter(([group]) => this.shardOfName(group) === shard)
      .flatMap(([group, channels]) => [...channels].map((channel) => [group, channel] as const));
    if (entries.length === 0) return;
    const now = Date.now();
    const batch = this.writer(shard).multi();
    for (const [group, channel] of entries) batch.zadd(this.groupKey(group), now, channel).expire(this.groupKey(group), Math.ceil(this.options.groupExpiry));
    try {
      await batch.exec();
      this.logger.warn(`${this.label(shard)}: re-added ${entries.length} group memberships of this process.`);
    } catch (error) {
      this.logger.warn(`${this.label(shard)}: could not re-add group memberships after reconnecting: ${(error as Error).message}`);
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
    await Promise.all(this.writerClients.map((client) => client?.quit().catch(() => client.disconnect())));
  }
}

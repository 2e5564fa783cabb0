/** The in-memory channel layer (Channels' InMemoryChannelLayer): one process, for development and tests. */
import { randomBytes } from 'node:crypto';
import { validateChannelName, validateGroupName, validateMessage, type ChannelMessage } from '../names.js';
import { capacityOf, resolveLayerOptions, type ChannelLayer, type ChannelLayerOptions, type ResolvedLayerOptions } from './channel-layer.js';
import { LocalQueues } from './local-queues.js';

/**
 * A channel layer inside one process: groups reach only consumers of this process, so use the
 * Redis layer as soon as the site runs more than one process.
 *
 * @example
 * const layer = new InMemoryChannelLayer({ capacity: 100, expiry: 60 });
 * const channel = await layer.newChannel();
 * await layer.groupAdd('chat_lobby', channel);
 * await layer.groupSend('chat_lobby', { type: 'chat.message', message: 'hello' });
 * await layer.receive(channel); // { type: 'chat.message', message: 'hello' }
 */
export class InMemoryChannelLayer implements ChannelLayer {
  private readonly options: ResolvedLayerOptions;
  private readonly queues: LocalQueues;
  private readonly groups = new Map<string, Map<string, number>>();

  constructor(options: ChannelLayerOptions = {}) {
    this.options = resolveLayerOptions(options as ChannelLayerOptions & Record<string, unknown>);
    this.queues = new LocalQueues((channel) => capacityOf(this.options, channel), this.options.expiry);
  }

  async send(channel: string, message: ChannelMessage): Promise<void> {
    validateChannelName(channel);
    validateMessage(message);
    this.queues.push(channel, structuredClone(message), true);
  }

  receive(channel: string, signal?: AbortSignal): Promise<ChannelMessage> {
    validateChannelName(channel);
    return this.queues.take(channel, signal);
  }

  async newChannel(prefix = 'specific.'): Promise<string> {
    return `${prefix}inmemory!${randomBytes(9)
      .toString('base64url')
      .replace(/[^a-zA-Z0-9]/g, 'x')}`;
  }

  async groupAdd(group: string, channel: string): Promise<void> {
    validateGroupName(group);
    validateChannelName(channel);
    let members = this.groups.get(group);
    if (!members) this.groups.set(group, (members = new Map()));
    members.set(channel, Date.now());
  }

  async groupDiscard(group: string, channel: string): Promise<void> {
    validateGroupName(group);
    validateChannelName(channel);
    const members = this.groups.get(group);
    if (!members) return;
    members.delete(channel);
    if (members.size === 0) this.groups.delete(group);
  }

  async groupSend(group: string, message: ChannelMessage): Promise<void> {
    validateGroupName(group);
    validateMessage(message);
    const members = this.groups.get(group);
    if (!members) return;
    const oldest = Date.now() - this.options.groupExpiry * 1000;
    for (const [channel, addedAt] of members) {
      if (addedAt < oldest) {
        members.delete(channel);
        continue;
      }
      // A full channel is skipped, as in Channels: one slow member must not stop the broadcast.
      this.queues.push(channel, structuredClone(message), false);
    }
  }

  discardChannel(channel: string): void {
    this.queues.delete(channel);
    for (const [group, members] of this.groups) {
      members.delete(channel);
      if (members.size === 0) this.groups.delete(group);
    }
  }

  /** Drops every channel and group (Channels' flush()). */
  async flush(): Promise<void> {
    this.queues.clear();
    this.groups.clear();
  }

  async close(): Promise<void> {
    await this.flush();
  }
}

/**
 * @internal Reads an envelope from a process's Redis list: its expiry and message, and the local queues of
 * the channels it names. While a group does not change, every message to it names the same channels:
 * their queues are remembered by the exact text of that list, so a message costs one comparison instead
 * of parsing hundreds of names and looking each one up.
 */
import type { ChannelMessage } from '../names.js';
import type { LocalQueue, LocalQueues } from './local-queues.js';

/** @internal What a message carries besides its channel names (the envelope is `{"c":[names],"x":…,"m":…}`). */
export interface EnvelopeBody {
  /** Expiry, ms since the epoch. */
  x: number;
  m: ChannelMessage;
}

/** @internal A channel an envelope names, with its queue when this process receives on it. */
export interface Recipient {
  readonly channel: string;
  queue: LocalQueue | undefined;
}

/** Channel lists remembered; a process whose consumers are in more groups than this finds the others by name. */
const REMEMBERED_LISTS = 8;

/** @internal */
export class EnvelopeRecipients {
  private readonly remembered: Array<{ namesJson: string; recipients: Recipient[] }> = [];

  constructor(private readonly queues: LocalQueues) {}

  /** Parses `raw`; throws on JSON that is not an envelope. */
  read(raw: string): { body: EnvelopeBody; recipients: Recipient[] } {
    // Channel names hold no `]` or quotes, so the list ends at the first `],"x":`.
    const listEnd = raw.startsWith('{"c":[') ? raw.indexOf('],"x":') : -1;
    if (listEnd === -1) {
      const whole = JSON.parse(raw) as EnvelopeBody & { c: string[] };
      return { body: whole, recipients: whole.c.map((channel) => ({ channel, queue: undefined })) };
    }
    const body = JSON.parse(`{${raw.slice(listEnd + 2)}`) as EnvelopeBody;
    return { body, recipients: this.recipientsOf(raw.slice(5, listEnd + 1)) };
  }

  /** The recipient's queue, if it has one now: one closed (or not yet opened) when its list was remembered is looked up again. */
  queueOf(recipient: Recipient): LocalQueue | undefined {
    if (recipient.queue === undefined || recipient.queue.deleted) recipient.queue = this.queues.find(recipient.channel);
    return recipient.queue;
  }

  private recipientsOf(namesJson: string): Recipient[] {
    for (const entry of this.remembered) if (entry.namesJson === namesJson) return entry.recipients;
    const recipients = (JSON.parse(namesJson) as string[]).map((channel): Recipient => ({ channel, queue: undefined }));
    this.remembered.unshift({ namesJson, recipients });
    if (this.remembered.length > REMEMBERED_LISTS) this.remembered.pop();
    return recipients;
  }
}

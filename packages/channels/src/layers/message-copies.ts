/** @internal One copy of a message per consumer an envelope from Redis reaches, made as cheaply as the message allows. */
import type { ChannelMessage } from '../names.js';

/**
 * @internal Each consumer gets its own message object, so one handler changing it cannot change what the
 * next one sees (consumers run while the copies are being made). A message whose values are all strings,
 * numbers, booleans or null is copied field by field; any other is parsed again from the envelope's JSON.
 */
export class MessageCopies {
  private readonly flat: boolean;
  private parsedOnce = false;
  private messageJson: string | undefined;

  constructor(
    /** The envelope's message, parsed from `envelopeJson`; never handed out while copies are still to be made from it. */
    private readonly message: ChannelMessage,
    private readonly envelopeJson: string,
  ) {
    this.flat = isFlat(message);
  }

  next(): ChannelMessage {
    if (this.flat) return { ...this.message };
    // The parsed envelope goes to the first consumer: later copies come from the JSON, which nothing can change.
    if (!this.parsedOnce) {
      this.parsedOnce = true;
      return this.message;
    }
    // The message is the envelope's last field and channel names hold no quotes, so its JSON follows the first `,"m":`.
    this.messageJson ??= this.envelopeJson.slice(this.envelopeJson.indexOf(',"m":') + 5, -1);
    return JSON.parse(this.messageJson) as ChannelMessage;
  }
}

function isFlat(message: ChannelMessage): boolean {
  for (const key in message) {
    const value = message[key];
    if (typeof value === 'object' && value !== null) return false;
  }
  return true;
}

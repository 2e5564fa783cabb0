import type { EmailMessage } from '../email-message.js';
import { outbox } from '../outbox.js';
import { BaseEmailBackend } from './base.js';

/**
 * Keeps messages in memory, in `outbox`, instead of sending them (Django's locmem backend, for
 * tests). Each message is built first, so a header injection fails here as it would on send.
 *
 * @example
 * await sendMail('Hi', 'Body', null, ['to@example.com'], { connection: new LocmemEmailBackend() });
 * outbox.length; // 1
 */
export class LocmemEmailBackend extends BaseEmailBackend {
  async sendMessages(messages: readonly EmailMessage[]): Promise<number> {
    let count = 0;
    for (const message of messages) {
      await message.message();
      outbox.push(message);
      count++;
    }
    return count;
  }
}

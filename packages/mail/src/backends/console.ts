import type { Writable } from 'node:stream';
import type { EmailMessage } from '../email-message.js';
import { BaseEmailBackend, type BackendOptions } from './base.js';

/** Options of the console backend. */
export interface ConsoleBackendOptions extends BackendOptions {
  /** Where messages are written; stdout by default. */
  stream?: Writable;
}

/**
 * The line written after each message.
 *
 * @example
 * const messages = captured.split(MESSAGE_SEPARATOR).filter(Boolean); // one entry per message the console backend wrote
 */
export const MESSAGE_SEPARATOR = `${'-'.repeat(79)}\n`;

function write(stream: Writable, text: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => stream.write(text, (error) => (error ? reject(error) : resolve())));
}

/**
 * Writes every message, headers and MIME parts, to stdout (Django's console backend, for development).
 *
 * @example
 * // settings: EMAIL_BACKEND: 'manouche.mail.backends.console.EmailBackend'
 * await sendMail('Hi', 'Body', null, ['to@example.com'], { connection: new ConsoleEmailBackend() });
 */
export class ConsoleEmailBackend extends BaseEmailBackend {
  protected stream: Writable;

  constructor(options: ConsoleBackendOptions = {}) {
    super(options);
    this.stream = options.stream ?? process.stdout;
  }

  /** Writes one message and its separator. @internal */
  protected async writeMessage(message: EmailMessage): Promise<void> {
    const bytes = await message.message();
    await write(this.stream, bytes);
    await write(this.stream, `\n${MESSAGE_SEPARATOR}`);
  }

  async sendMessages(messages: readonly EmailMessage[]): Promise<number> {
    let count = 0;
    try {
      await this.open();
      for (const message of messages) {
        await this.writeMessage(message);
        count++;
      }
    } catch (error) {
      if (!this.failSilently) throw error;
    } finally {
      await this.close();
    }
    return count;
  }
}

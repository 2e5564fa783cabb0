import type { EmailMessage } from '../email-message.js';
import { BaseEmailBackend } from './base.js';

/** Drops every message, reporting them as sent (Django's dummy backend). */
export class DummyEmailBackend extends BaseEmailBackend {
  async sendMessages(messages: readonly EmailMessage[]): Promise<number> {
    return messages.length;
  }
}

import type { EmailMessage } from '../email-message.js';
import { BaseEmailBackend } from './base.js';

/**
 * Drops every message, reporting them as sent (Django's dummy backend).
 *
 * @example
 * // settings: EMAIL_BACKEND: 'manouche.mail.backends.dummy.EmailBackend'
 * await new DummyEmailBackend().sendMessages([message]); // 1, nothing sent
 */
export class DummyEmailBackend extends BaseEmailBackend {
  async sendMessages(messages: readonly EmailMessage[]): Promise<number> {
    return messages.length;
  }
}

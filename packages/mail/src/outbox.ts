import type { EmailMessage } from './email-message.js';

/**
 * The messages the locmem backend "sent", in order (Django's django.core.mail.outbox): tests read
 * it to check what a view mailed. Empty it between tests with `outbox.length = 0`.
 *
 * @example
 * expect(mail.outbox[0]!.subject).toBe('Password reset on example.com');
 */
export const outbox: EmailMessage[] = [];

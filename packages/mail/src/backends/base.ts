import type { EmailMessage } from '../email-message.js';

/**
 * Options every backend accepts.
 *
 * @example
 * const connection = await getConnection(undefined, { failSilently: true });
 */
export interface BackendOptions {
  /** Swallow delivery errors instead of throwing them. */
  failSilently?: boolean;
}

/**
 * Where mail goes (Django's email backends): `sendMessages` delivers a batch and resolves to how
 * many were sent; `open`/`close` bracket a batch that shares one connection. A custom backend
 * implements this and is named in EMAIL_BACKEND as `'module.ExportName'`.
 *
 * @example
 * // myapp/mail.ts, named in settings as EMAIL_BACKEND: 'myapp.mail.LogBackend'
 * export class LogBackend extends BaseEmailBackend { async sendMessages(messages: readonly EmailMessage[]) { console.log(messages.map((m) => m.subject)); return messages.length; } }
 */
export interface EmailBackend {
  open(): Promise<void>;
  close(): Promise<void>;
  sendMessages(messages: readonly EmailMessage[]): Promise<number>;
}

/**
 * A backend class as EMAIL_BACKEND names it.
 *
 * @example
 * const Backend: EmailBackendClass = LocmemEmailBackend;
 * const connection = new Backend({ failSilently: true });
 */
export type EmailBackendClass = new (options?: BackendOptions & Record<string, unknown>) => EmailBackend;

/**
 * What the built-in backends share: `failSilently`, and no connection to open by default.
 *
 * @example
 * class SlackEmailBackend extends BaseEmailBackend {
 *   async sendMessages(messages: readonly EmailMessage[]) { for (const m of messages) await postToSlack(m.subject); return messages.length; }
 * }
 */
export abstract class BaseEmailBackend implements EmailBackend {
  readonly failSilently: boolean;
  constructor(options: BackendOptions = {}) {
    this.failSilently = options.failSilently ?? false;
  }
  async open(): Promise<void> {}
  async close(): Promise<void> {}
  abstract sendMessages(messages: readonly EmailMessage[]): Promise<number>;
}

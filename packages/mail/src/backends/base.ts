import type { EmailMessage } from '../email-message.js';

/** Options every backend accepts. */
export interface BackendOptions {
  /** Swallow delivery errors instead of throwing them. */
  failSilently?: boolean;
}

/**
 * Where mail goes (Django's email backends): `sendMessages` delivers a batch and resolves to how
 * many were sent; `open`/`close` bracket a batch that shares one connection. A custom backend
 * implements this and is named in EMAIL_BACKEND as `'module.ExportName'`.
 */
export interface EmailBackend {
  open(): Promise<void>;
  close(): Promise<void>;
  sendMessages(messages: readonly EmailMessage[]): Promise<number>;
}

/** A backend class as EMAIL_BACKEND names it. */
export type EmailBackendClass = new (options?: BackendOptions & Record<string, unknown>) => EmailBackend;

/** What the built-in backends share: `failSilently`, and no connection to open by default. */
export abstract class BaseEmailBackend implements EmailBackend {
  readonly failSilently: boolean;
  constructor(options: BackendOptions = {}) {
    this.failSilently = options.failSilently ?? false;
  }
  async open(): Promise<void> {}
  async close(): Promise<void> {}
  abstract sendMessages(messages: readonly EmailMessage[]): Promise<number>;
}

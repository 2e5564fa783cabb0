import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { EmailMessage } from '../email-message.js';
import { MailConfigurationError, MailDeliveryError } from '../errors.js';
import { mailSettings } from '../mail-settings.js';
import { BaseEmailBackend, type BackendOptions } from './base.js';

/** Options of the SMTP backend; each defaults to its EMAIL_* setting. */
export interface SmtpBackendOptions extends BackendOptions {
  host?: string;
  port?: number;
  username?: string;
  password?: string;
  /** STARTTLS after connecting (EMAIL_USE_TLS, usually port 587). */
  useTls?: boolean;
  /** TLS from the first byte (EMAIL_USE_SSL, usually port 465). */
  useSsl?: boolean;
  /** Seconds (EMAIL_TIMEOUT). */
  timeout?: number | null;
  /** PEM file of a client certificate (chain) to present (EMAIL_SSL_CERTFILE). */
  sslCertfile?: string | null;
  /** PEM file of that certificate's private key (EMAIL_SSL_KEYFILE). */
  sslKeyfile?: string | null;
  /** TLS options for the connection, e.g. `{ ca }` for a server with a private certificate authority. */
  tls?: ConnectionOptions;
}

function readPem(file: string, setting: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new MailConfigurationError(`${setting} '${file}' cannot be read: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Sends through an SMTP server with nodemailer (Django's smtp backend): EMAIL_HOST, EMAIL_PORT,
 * EMAIL_HOST_USER / EMAIL_HOST_PASSWORD (AUTH when a user is set), EMAIL_USE_TLS (STARTTLS) or
 * EMAIL_USE_SSL (implicit TLS) with EMAIL_SSL_CERTFILE / EMAIL_SSL_KEYFILE as client certificate,
 * EMAIL_TIMEOUT. A batch shares one connection; the envelope
 * goes to every recipient (to, cc and bcc), the headers name only to and cc.
 *
 * @example
 * const connection = new SmtpEmailBackend({ host: 'smtp.example.com', port: 587, username: 'app', password: 'secret', useTls: true });
 * await sendMail('Hi', 'Body', null, ['to@example.com'], { connection });
 */
export class SmtpEmailBackend extends BaseEmailBackend {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  readonly useTls: boolean;
  readonly useSsl: boolean;
  readonly timeout: number | null;
  readonly sslCertfile: string | null;
  readonly sslKeyfile: string | null;
  private readonly tls: ConnectionOptions | undefined;
  private transport: Transporter<SMTPTransport.SentMessageInfo> | undefined;

  constructor(options: SmtpBackendOptions = {}) {
    super(options);
    const settings = mailSettings();
    this.host = options.host ?? settings.EMAIL_HOST;
    this.port = options.port ?? settings.EMAIL_PORT;
    this.username = options.username ?? settings.EMAIL_HOST_USER;
    this.password = options.password ?? settings.EMAIL_HOST_PASSWORD;
    this.useTls = options.useTls ?? settings.EMAIL_USE_TLS;
    this.useSsl = options.useSsl ?? settings.EMAIL_USE_SSL;
    this.timeout = options.timeout === undefined ? settings.EMAIL_TIMEOUT : options.timeout;
    this.sslCertfile = options.sslCertfile === undefined ? settings.EMAIL_SSL_CERTFILE : options.sslCertfile;
    this.sslKeyfile = options.sslKeyfile === undefined ? settings.EMAIL_SSL_KEYFILE : options.sslKeyfile;
    this.tls = options.tls;
    if (this.useTls && this.useSsl) {
      throw new MailConfigurationError(
        'EMAIL_USE_TLS and EMAIL_USE_SSL are mutually exclusive: set only one of them to true (TLS = STARTTLS on port 587, SSL = implicit TLS on port 465).',
      );
    }
  }

  /** Opens the connection a batch shares (done by sendMessages when needed). */
  override async open(): Promise<void> {
    if (this.transport) return;
    const timeout = this.timeout === null ? undefined : this.timeout * 1000;
    const tls: ConnectionOptions = { ...this.tls };
    if (this.sslCertfile) tls.cert = readPem(this.sslCertfile, 'EMAIL_SSL_CERTFILE');
    if (this.sslKeyfile) tls.key = readPem(this.sslKeyfile, 'EMAIL_SSL_KEYFILE');
    // Loaded on the first send: nodemailer is as big as the rest of a server, and most processes never mail.
    const { default: nodemailer } = await import('nodemailer');
    if (this.transport) return; // opened by another send while the module loaded
    this.transport = nodemailer.createTransport({
      host: this.host,
      port: this.port,
      secure: this.useSsl,
      // Django's rule: STARTTLS only when EMAIL_USE_TLS is on, and then it must succeed.
      requireTLS: this.useTls,
      ignoreTLS: !this.useTls && !this.useSsl,
      auth: this.username ? { user: this.username, pass: this.password } : undefined,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      tls,
      pool: true,
      maxConnections: 1,
    } as SMTPTransport.Options);
  }

  override async close(): Promise<void> {
    this.transport?.close();
    this.transport = undefined;
  }

  async sendMessages(messages: readonly EmailMessage[]): Promise<number> {
    if (messages.length === 0) return 0;
    const opened = !this.transport;
    let sent = 0;
    try {
      await this.open();
      for (const message of messages) {
        const recipients = message.recipients();
        if (recipients.length === 0) continue;
        const raw = await message.message();
        try {
          await this.transport!.sendMail({ envelope: { from: message.sender(), to: recipients }, raw });
        } catch (error) {
          throw new MailDeliveryError(`SMTP delivery to ${this.host}:${this.port} failed: ${(error as Error).message}`, { cause: error });
        }
        sent++;
      }
    } catch (error) {
      // Only delivery failures are silenced: a malformed message is the caller's bug.
      if (!(this.failSilently && error instanceof MailDeliveryError)) throw error;
    } finally {
      if (opened) await this.close();
    }
    return sent;
  }
}

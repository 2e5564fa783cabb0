import { readFileSync } from 'node:fs';
import path from 'node:path';
import type Mail from 'nodemailer/lib/mailer/index.js';
import type { EmailBackend } from './backends/base.js';
import { getConnection } from './connection.js';
import { forbidMultiLineHeader } from './header-check.js';
import { mailSettings } from './mail-settings.js';

/**
 * A file attached to a message.
 *
 * @example
 * new EmailMessage({ subject: 'Report', to: ['boss@example.com'], attachments: [{ filename: 'report.csv', content: 'a,b\n1,2\n', mimetype: 'text/csv' }] });
 */
export interface EmailAttachment {
  filename: string;
  content: string | Uint8Array;
  /** The MIME type; guessed from the file name when left out. */
  mimetype?: string;
}

/**
 * What an {@link EmailMessage} is made of (Django's EmailMessage arguments).
 *
 * @example
 * const init: EmailMessageInit = { subject: 'Hello', body: 'Body goes here', to: ['to1@example.com'], bcc: ['bcc@example.com'], headers: { 'Message-ID': 'foo' } };
 * await new EmailMessage(init).send();
 */
export interface EmailMessageInit {
  subject?: string;
  body?: string;
  /** The sender; DEFAULT_FROM_EMAIL when left out. */
  fromEmail?: string | null;
  to?: readonly string[];
  cc?: readonly string[];
  /** Recipients that get the message without appearing in its headers. */
  bcc?: readonly string[];
  replyTo?: readonly string[];
  /** Extra headers; `From`, `To`, `Cc` and `Reply-To` here replace the header made from the fields above. */
  headers?: Record<string, string>;
  attachments?: readonly EmailAttachment[];
  /** The backend to send with; a new one from EMAIL_BACKEND when left out. */
  connection?: EmailBackend;
}

function addressList(name: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') throw new TypeError(`"${name}" must be a list of addresses, not a single string: write ['${value}']`);
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw new TypeError(`"${name}" must be a list of address strings`);
  return [...value];
}

/**
 * One email (Django's EmailMessage): subject, plain-text body, sender, recipients (to, cc, bcc),
 * Reply-To, extra headers and attachments. `send()` delivers it through EMAIL_BACKEND. A newline in
 * the subject, an address or a header is refused with BadHeaderError.
 *
 * @example
 * const message = new EmailMessage({ subject: 'Report', body: 'Attached.', to: ['boss@example.com'], replyTo: ['me@example.com'] });
 * message.attach('report.csv', 'a,b\n1,2\n', 'text/csv');
 * await message.send();
 */
export class EmailMessage {
  subject: string;
  body: string;
  fromEmail: string | null;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  extraHeaders: Record<string, string>;
  attachments: EmailAttachment[];
  connection: EmailBackend | undefined;
  /** `plain`, or `html` to send the body itself as HTML. */
  contentSubtype: 'plain' | 'html' = 'plain';

  constructor(init: EmailMessageInit = {}) {
    this.subject = init.subject ?? '';
    this.body = init.body ?? '';
    this.fromEmail = init.fromEmail ?? null;
    this.to = addressList('to', init.to);
    this.cc = addressList('cc', init.cc);
    this.bcc = addressList('bcc', init.bcc);
    this.replyTo = addressList('replyTo', init.replyTo);
    this.extraHeaders = { ...init.headers };
    this.attachments = [...(init.attachments ?? [])];
    this.connection = init.connection;
  }

  /** Every recipient: to, cc and bcc (the SMTP envelope). */
  recipients(): string[] {
    return [...this.to, ...this.cc, ...this.bcc].filter((address) => address !== '');
  }

  /** The sender address the envelope uses: `fromEmail`, or DEFAULT_FROM_EMAIL. */
  sender(): string {
    return this.fromEmail ?? mailSettings().DEFAULT_FROM_EMAIL;
  }

  /**
   * Attaches content as a file.
   *
   * @example
   * message.attach('invoice.pdf', pdfBytes, 'application/pdf');
   */
  attach(filename: string, content: string | Uint8Array, mimetype?: string): this {
    this.attachments.push({ filename, content, mimetype });
    return this;
  }

  /** Attaches a file from disk, named after its base name; the MIME type is guessed when not given. */
  attachFile(filePath: string, mimetype?: string): this {
    return this.attach(path.basename(filePath), readFileSync(filePath), mimetype);
  }

  /** The nodemailer message options: the fields, checked for header injection. @internal */
  mailOptions(): Mail.Options {
    const headers: Record<string, string> = {};
    const replaced = new Map<string, string>();
    for (const [name, value] of Object.entries(this.extraHeaders)) {
      forbidMultiLineHeader(name, value);
      const lower = name.toLowerCase();
      if (['from', 'to', 'cc', 'reply-to'].includes(lower)) replaced.set(lower, value);
      else headers[name] = value;
    }
    forbidMultiLineHeader('Subject', this.subject);
    const from = replaced.get('from') ?? this.sender();
    forbidMultiLineHeader('From', from);
    const fields: Array<[string, string[]]> = [
      ['To', this.to],
      ['Cc', this.cc],
      ['Bcc', this.bcc],
      ['Reply-To', this.replyTo],
    ];
    for (const [name, list] of fields) for (const address of list) forbidMultiLineHeader(name, address);
    const options: Mail.Options = {
      from,
      to: replaced.get('to') ?? (this.to.length > 0 ? this.to : undefined),
      cc: replaced.get('cc') ?? (this.cc.length > 0 ? this.cc : undefined),
      replyTo: replaced.get('reply-to') ?? (this.replyTo.length > 0 ? this.replyTo : undefined),
      subject: this.subject,
      headers,
      attachments: this.attachments.map((attachment) => ({
        filename: attachment.filename,
        content: typeof attachment.content === 'string' ? attachment.content : Buffer.from(attachment.content),
        contentType: attachment.mimetype,
      })),
    };
    if (this.contentSubtype === 'html') options.html = this.body;
    else options.text = this.body;
    return options;
  }

  /** The message as sent: RFC 5322 bytes with MIME parts, Date and Message-ID (Bcc is not among the headers). */
  async message(): Promise<Buffer> {
    // nodemailer is loaded by the first message built, not by every process that imports mail.
    const { default: MailComposer } = await import('nodemailer/lib/mail-composer/index.js');
    return new MailComposer(this.mailOptions()).compile().build();
  }

  /**
   * Sends the message with its connection (or a new one from EMAIL_BACKEND); resolves to the
   * number sent (0 without recipients). With `failSilently`, delivery errors are swallowed.
   */
  async send(failSilently = false): Promise<number> {
    if (this.recipients().length === 0) return 0;
    const connection = this.connection ?? (await getConnection(undefined, { failSilently }));
    return connection.sendMessages([this]);
  }
}

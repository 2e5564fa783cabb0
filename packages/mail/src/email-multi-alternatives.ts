import type Mail from 'nodemailer/lib/mailer/index.js';
import { EmailMessage, type EmailMessageInit } from './email-message.js';

/** Another rendering of the body, such as its HTML version. */
export interface EmailAlternative {
  content: string;
  mimetype: string;
}

/**
 * An email with alternative renderings of its body (Django's EmailMultiAlternatives): the plain
 * text body plus, typically, an HTML version; mail clients show the richest they support.
 *
 * @example
 * const message = new EmailMultiAlternatives({ subject: 'Welcome', body: 'Hello!', to: ['ana@example.com'] });
 * message.attachAlternative('<p>Hello!</p>', 'text/html');
 * await message.send();
 */
export class EmailMultiAlternatives extends EmailMessage {
  alternatives: EmailAlternative[];

  constructor(init: EmailMessageInit & { alternatives?: readonly EmailAlternative[] } = {}) {
    super(init);
    this.alternatives = [...(init.alternatives ?? [])];
  }

  /** Adds a rendering of the body in another MIME type. */
  attachAlternative(content: string, mimetype: string): this {
    if (!content || !mimetype) throw new TypeError('attachAlternative(content, mimetype) needs both the content and its MIME type, such as "text/html"');
    this.alternatives.push({ content, mimetype });
    return this;
  }

  /** @internal */
  override mailOptions(): Mail.Options {
    const options = super.mailOptions();
    const html = this.alternatives.find((alternative) => alternative.mimetype === 'text/html');
    if (html && options.html === undefined) options.html = html.content;
    const others = this.alternatives.filter((alternative) => alternative !== html || options.html !== html.content);
    if (others.length > 0) options.alternatives = others.map((alternative) => ({ content: alternative.content, contentType: alternative.mimetype }));
    return options;
  }
}

/** Every error @manouche/mail raises, each with a stable code. */

/**
 * A header value (subject, an address, a custom header) contains a newline: refused so no header can be injected (Django's BadHeaderError).
 *
 * @example
 * await sendMail('Hi\nBcc: victim@example.com', 'Body', null, ['to@example.com']); // BadHeaderError
 */
export class BadHeaderError extends Error {
  readonly code = 'MANOUCHE_MAIL_BAD_HEADER';
  constructor(message: string) {
    super(message);
    this.name = 'BadHeaderError';
  }
}

/**
 * The mail settings or a backend's options cannot work (unknown EMAIL_BACKEND, TLS and SSL both on, configureMail never called).
 *
 * @example
 * // EMAIL_BACKEND: 'django.core.mail.backends.smtp.EmailBackend'
 * await getConnection(); // MailConfigurationError: … is Django's name: write 'manouche.mail.backends.smtp.EmailBackend' instead.
 */
export class MailConfigurationError extends Error {
  readonly code = 'MANOUCHE_MAIL_IMPROPERLY_CONFIGURED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MailConfigurationError';
  }
}

/**
 * A message could not be delivered (the SMTP server refused it, the connection failed, the file could not be written).
 *
 * @example
 * try { await sendMail('Hi', 'Body', null, ['to@example.com']); }
 * catch (error) { if (error instanceof MailDeliveryError) logger.error(error.message, error.cause); }
 */
export class MailDeliveryError extends Error {
  readonly code = 'MANOUCHE_MAIL_DELIVERY_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MailDeliveryError';
  }
}

/** Every error @manouche/mail raises, each with a stable code. */

/** A header value (subject, an address, a custom header) contains a newline: refused so no header can be injected (Django's BadHeaderError). */
export class BadHeaderError extends Error {
  readonly code = 'MANOUCHE_MAIL_BAD_HEADER';
  constructor(message: string) {
    super(message);
    this.name = 'BadHeaderError';
  }
}

/** The mail settings or a backend's options cannot work (unknown EMAIL_BACKEND, TLS and SSL both on, configureMail never called). */
export class MailConfigurationError extends Error {
  readonly code = 'MANOUCHE_MAIL_IMPROPERLY_CONFIGURED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MailConfigurationError';
  }
}

/** A message could not be delivered (the SMTP server refused it, the connection failed, the file could not be written). */
export class MailDeliveryError extends Error {
  readonly code = 'MANOUCHE_MAIL_DELIVERY_FAILED';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MailDeliveryError';
  }
}

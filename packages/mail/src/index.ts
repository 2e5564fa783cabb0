/** Hands the project's EMAIL_* settings to the mail functions. */
export { configureMail, type ImportModule } from './mail-settings.js';
/** Send one message, many over one connection, or to ADMINS / MANAGERS. */
export { sendMail, sendMassMail, mailAdmins, mailManagers, type SendMailOptions, type MassMailMessage } from './send-mail.js';
/** One email, and one with alternative renderings (HTML). */
export { EmailMessage, type EmailMessageInit, type EmailAttachment } from './email-message.js';
export { EmailMultiAlternatives, type EmailAlternative } from './email-multi-alternatives.js';
/** A backend instance from EMAIL_BACKEND, and the built-in backends by name. */
export { getConnection, BUILTIN_EMAIL_BACKENDS } from './connection.js';
/** The backend interface and the built-in backends. */
export { BaseEmailBackend, type EmailBackend, type EmailBackendClass, type BackendOptions } from './backends/base.js';
export { SmtpEmailBackend, type SmtpBackendOptions } from './backends/smtp.js';
export { ConsoleEmailBackend, MESSAGE_SEPARATOR, type ConsoleBackendOptions } from './backends/console.js';
export { FileEmailBackend, type FileBackendOptions } from './backends/filebased.js';
export { LocmemEmailBackend } from './backends/locmem.js';
export { DummyEmailBackend } from './backends/dummy.js';
/** What the locmem backend sent (Django's mail.outbox). */
export { outbox } from './outbox.js';
/** Every error the mail package raises. */
export { BadHeaderError, MailConfigurationError, MailDeliveryError } from './errors.js';

import type { EmailBackend } from './backends/base.js';
import { getConnection } from './connection.js';
import { EmailMessage } from './email-message.js';
import { EmailMultiAlternatives } from './email-multi-alternatives.js';
import { mailSettings } from './mail-settings.js';

/**
 * Options of {@link sendMail}.
 *
 * @example
 * await sendMail('Welcome', 'Hi!', null, ['new@example.com'], { failSilently: true, htmlMessage: '<p>Hi!</p>' });
 */
export interface SendMailOptions {
  /** Swallow delivery errors. */
  failSilently?: boolean;
  /** SMTP user for this call instead of EMAIL_HOST_USER. */
  authUser?: string;
  /** SMTP password for this call instead of EMAIL_HOST_PASSWORD. */
  authPassword?: string;
  /** A backend to send with instead of a new EMAIL_BACKEND one. */
  connection?: EmailBackend;
  /** An HTML version of the message, sent as an alternative. */
  htmlMessage?: string;
}

async function connectionFor(options: Omit<SendMailOptions, 'htmlMessage'>): Promise<EmailBackend> {
  if (options.connection) return options.connection;
  const backendOptions: Record<string, unknown> = { failSilently: options.failSilently ?? false };
  if (options.authUser !== undefined) backendOptions.username = options.authUser;
  if (options.authPassword !== undefined) backendOptions.password = options.authPassword;
  return getConnection(undefined, backendOptions);
}

/**
 * Sends one message to `recipientList` (Django's send_mail); `fromEmail` null means
 * DEFAULT_FROM_EMAIL. Resolves to the number of messages sent (0 or 1).
 *
 * @example
 * await sendMail('Subject here', 'Here is the message.', 'from@example.com', ['to@example.com'], { htmlMessage: '<p>Here is the message.</p>' });
 */
export async function sendMail(
  subject: string,
  message: string,
  fromEmail: string | null,
  recipientList: readonly string[],
  options: SendMailOptions = {},
): Promise<number> {
  const connection = await connectionFor(options);
  const mail = new EmailMultiAlternatives({ subject, body: message, fromEmail, to: recipientList, connection });
  if (options.htmlMessage) mail.attachAlternative(options.htmlMessage, 'text/html');
  return mail.send();
}

/**
 * One message of {@link sendMassMail}: subject, body, sender (null = DEFAULT_FROM_EMAIL), recipients.
 *
 * @example
 * const reminder: MassMailMessage = ['Reminder', 'The poll closes tonight.', null, ['voter@example.com']];
 * await sendMassMail([reminder]);
 */
export type MassMailMessage = readonly [subject: string, message: string, fromEmail: string | null, recipientList: readonly string[]];

/**
 * Sends several messages over one connection (Django's send_mass_mail); each message goes to its
 * own recipient list. Resolves to the number sent.
 *
 * @example
 * await sendMassMail([
 *   ['Hi', 'First', null, ['a@example.com']],
 *   ['Hi', 'Second', null, ['b@example.com']],
 * ]);
 */
export async function sendMassMail(messages: readonly MassMailMessage[], options: Omit<SendMailOptions, 'htmlMessage'> = {}): Promise<number> {
  const connection = await connectionFor(options);
  const built = messages.map(([subject, body, fromEmail, to]) => new EmailMessage({ subject, body, fromEmail, to, connection }));
  return connection.sendMessages(built);
}

function addressesOf(list: ReadonlyArray<string | readonly [string, string]>): string[] {
  return list.map((entry) => (typeof entry === 'string' ? entry : entry[1]));
}

async function mailStaff(
  list: ReadonlyArray<string | readonly [string, string]>,
  subject: string,
  message: string,
  options: Omit<SendMailOptions, 'authUser' | 'authPassword'>,
): Promise<number> {
  if (list.length === 0) return 0;
  const settings = mailSettings();
  const mail = new EmailMultiAlternatives({
    subject: `${settings.EMAIL_SUBJECT_PREFIX}${subject}`,
    body: message,
    fromEmail: settings.SERVER_EMAIL,
    to: addressesOf(list),
    connection: options.connection ?? (await getConnection(undefined, { failSilently: options.failSilently ?? false })),
  });
  if (options.htmlMessage) mail.attachAlternative(options.htmlMessage, 'text/html');
  return mail.send();
}

/**
 * Mails the site admins (ADMINS) from SERVER_EMAIL, the subject prefixed with EMAIL_SUBJECT_PREFIX
 * (Django's mail_admins); does nothing when ADMINS is empty.
 *
 * @example
 * await mailAdmins('Disk almost full', 'Only 2% left on /srv.');
 */
export function mailAdmins(subject: string, message: string, options: Omit<SendMailOptions, 'authUser' | 'authPassword'> = {}): Promise<number> {
  return mailStaff(mailSettings().ADMINS, subject, message, options);
}

/**
 * Mails the site managers (MANAGERS) as {@link mailAdmins} mails the admins (Django's mail_managers).
 *
 * @example
 * await mailManagers('Broken link', 'https://example.com/blog/old-post/ was linked from /about/.');
 */
export function mailManagers(subject: string, message: string, options: Omit<SendMailOptions, 'authUser' | 'authPassword'> = {}): Promise<number> {
  return mailStaff(mailSettings().MANAGERS, subject, message, options);
}

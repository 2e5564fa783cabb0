/** The settings the mail functions read, handed over once by `configureMail` (the meta-package calls it in setup). */
import type { MailSettings, Settings } from '@manouche/contracts';
import { MailConfigurationError } from './errors.js';

/** Loads a module by dotted name, for a custom EMAIL_BACKEND. */
export type ImportModule = (specifier: string) => Promise<Record<string, unknown>>;

/** The mail settings with Django's defaults filled in. */
export type ResolvedMailSettings = Readonly<MailSettings>;

const DEFAULTS: MailSettings = {
  EMAIL_BACKEND: 'manouche.mail.backends.smtp.EmailBackend',
  EMAIL_HOST: 'localhost',
  EMAIL_PORT: 25,
  EMAIL_HOST_USER: '',
  EMAIL_HOST_PASSWORD: '',
  EMAIL_USE_TLS: false,
  EMAIL_USE_SSL: false,
  EMAIL_TIMEOUT: null,
  EMAIL_SSL_CERTFILE: null,
  EMAIL_SSL_KEYFILE: null,
  EMAIL_FILE_PATH: null,
  EMAIL_SUBJECT_PREFIX: '[Manouche] ',
  DEFAULT_FROM_EMAIL: 'webmaster@localhost',
  SERVER_EMAIL: 'root@localhost',
  ADMINS: [],
  MANAGERS: [],
};

let configured: { settings: ResolvedMailSettings; importModule?: ImportModule } | undefined;

/**
 * Hands the project's settings to the mail functions: EMAIL_BACKEND and the EMAIL_* settings,
 * DEFAULT_FROM_EMAIL, SERVER_EMAIL, ADMINS, MANAGERS. Settings not given take Django's defaults.
 * `importModule` loads a custom EMAIL_BACKEND (`'myproject.mail.Backend'`).
 *
 * @example
 * configureMail({ EMAIL_BACKEND: 'manouche.mail.backends.console.EmailBackend', DEFAULT_FROM_EMAIL: 'site@example.com' });
 */
export function configureMail(settings: Partial<MailSettings> | Settings, options: { importModule?: ImportModule } = {}): void {
  const merged = { ...DEFAULTS } as Record<string, unknown>;
  for (const name of Object.keys(DEFAULTS)) {
    const value = (settings as Record<string, unknown>)[name];
    if (value !== undefined) merged[name] = value;
  }
  configured = { settings: Object.freeze(merged) as unknown as ResolvedMailSettings, importModule: options.importModule };
}

/** The configured settings; a clear error before `configureMail` was called. @internal */
export function mailSettings(): ResolvedMailSettings {
  if (!configured) {
    throw new MailConfigurationError(
      'The mail settings are not configured: call configureMail(settings) first (the manouche meta-package does it when the project is set up).',
    );
  }
  return configured.settings;
}

/** The importModule given to configureMail, if any. @internal */
export function mailImportModule(): ImportModule | undefined {
  return configured?.importModule;
}

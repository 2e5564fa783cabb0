import type { BackendOptions, EmailBackend, EmailBackendClass } from './backends/base.js';
import { ConsoleEmailBackend } from './backends/console.js';
import { DummyEmailBackend } from './backends/dummy.js';
import { FileEmailBackend } from './backends/filebased.js';
import { LocmemEmailBackend } from './backends/locmem.js';
import { SmtpEmailBackend } from './backends/smtp.js';
import { MailConfigurationError } from './errors.js';
import { mailImportModule, mailSettings } from './mail-settings.js';

/**
 * The built-in backends by EMAIL_BACKEND name.
 *
 * @example
 * const Backend = BUILTIN_EMAIL_BACKENDS['manouche.mail.backends.locmem.EmailBackend'];
 * const connection = new Backend!({ failSilently: true });
 */
export const BUILTIN_EMAIL_BACKENDS: Readonly<Record<string, EmailBackendClass>> = {
  'manouche.mail.backends.smtp.EmailBackend': SmtpEmailBackend as EmailBackendClass,
  'manouche.mail.backends.console.EmailBackend': ConsoleEmailBackend as EmailBackendClass,
  'manouche.mail.backends.locmem.EmailBackend': LocmemEmailBackend as EmailBackendClass,
  'manouche.mail.backends.filebased.EmailBackend': FileEmailBackend as EmailBackendClass,
  'manouche.mail.backends.dummy.EmailBackend': DummyEmailBackend as EmailBackendClass,
};

async function backendClass(name: string): Promise<EmailBackendClass> {
  const builtin = BUILTIN_EMAIL_BACKENDS[name];
  if (builtin) return builtin;
  const django = /^django\.core\.mail\.backends\.(\w+)\.EmailBackend$/.exec(name);
  if (django) {
    const manouche = `manouche.mail.backends.${django[1]}.EmailBackend`;
    throw new MailConfigurationError(
      manouche in BUILTIN_EMAIL_BACKENDS
        ? `EMAIL_BACKEND '${name}' is Django's name: write '${manouche}' instead.`
        : `EMAIL_BACKEND '${name}' is a Django backend Manouche does not have; the built-in backends are ${Object.keys(BUILTIN_EMAIL_BACKENDS).join(', ')}.`,
    );
  }
  const dot = name.lastIndexOf('.');
  const importModule = mailImportModule();
  if (dot <= 0 || !importModule) {
    throw new MailConfigurationError(
      `EMAIL_BACKEND '${name}' is not a built-in backend (${Object.keys(BUILTIN_EMAIL_BACKENDS).join(', ')})` +
        (dot <= 0 ? ' nor a dotted path "module.ExportName".' : ', and configureMail() was given no importModule to load it with.'),
    );
  }
  let module: Record<string, unknown>;
  try {
    module = await importModule(name.slice(0, dot));
  } catch (error) {
    throw new MailConfigurationError(`EMAIL_BACKEND '${name}': cannot import module '${name.slice(0, dot)}': ${(error as Error).message}`, { cause: error });
  }
  const found = module?.[name.slice(dot + 1)];
  if (typeof found !== 'function') {
    throw new MailConfigurationError(`EMAIL_BACKEND '${name}': module '${name.slice(0, dot)}' has no backend class '${name.slice(dot + 1)}'.`);
  }
  return found as EmailBackendClass;
}

/**
 * A backend instance (Django's get_connection): the class `backend` names, EMAIL_BACKEND by
 * default, created with `options` (`failSilently`, and the backend's own, such as `host` for smtp).
 * Open it to send several batches over one connection, and close it after.
 *
 * @example
 * const connection = await getConnection();
 * await connection.open();
 * await connection.sendMessages([first, second]);
 * await connection.close();
 */
export async function getConnection(backend?: string, options: BackendOptions & Record<string, unknown> = {}): Promise<EmailBackend> {
  const Backend = await backendClass(backend ?? mailSettings().EMAIL_BACKEND);
  return new Backend(options);
}

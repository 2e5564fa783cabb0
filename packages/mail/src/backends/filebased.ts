import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, statSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { MailConfigurationError } from '../errors.js';
import { mailSettings } from '../mail-settings.js';
import { ConsoleEmailBackend } from './console.js';
import type { BackendOptions } from './base.js';

/** Options of the file backend. */
export interface FileBackendOptions extends BackendOptions {
  /** The folder; EMAIL_FILE_PATH by default. */
  filePath?: string;
}

function timestamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

/**
 * Writes the messages of each batch to a new `.log` file in EMAIL_FILE_PATH (Django's filebased
 * backend), in the console backend's format. The folder is created when missing.
 *
 * @example
 * // settings: EMAIL_BACKEND: 'manouche.mail.backends.filebased.EmailBackend', EMAIL_FILE_PATH: '/tmp/app-messages'
 * await sendMail('Hi', 'Body', null, ['to@example.com'], { connection: new FileEmailBackend({ filePath: '/tmp/app-messages' }) });
 */
export class FileEmailBackend extends ConsoleEmailBackend {
  /** The folder messages are written to. */
  readonly filePath: string;
  private file: WriteStream | undefined;
  private fileName: string | undefined;

  constructor(options: FileBackendOptions = {}) {
    super(options);
    const folder = options.filePath ?? mailSettings().EMAIL_FILE_PATH;
    if (!folder) throw new MailConfigurationError('The file email backend needs a folder: set EMAIL_FILE_PATH (or pass { filePath }).');
    this.filePath = path.resolve(folder);
    try {
      if (!statSync(this.filePath, { throwIfNoEntry: false })) mkdirSync(this.filePath, { recursive: true });
      else if (!statSync(this.filePath).isDirectory()) throw new MailConfigurationError(`EMAIL_FILE_PATH '${this.filePath}' exists but is not a folder.`);
    } catch (error) {
      if (error instanceof MailConfigurationError) throw error;
      throw new MailConfigurationError(`EMAIL_FILE_PATH '${this.filePath}' cannot be created: ${(error as Error).message}`, { cause: error });
    }
  }

  /** The file of the current batch (created on first write): `<YYYYMMDD-HHMMSS>-<random>.log`. */
  getFilename(): string {
    this.fileName ??= path.join(this.filePath, `${timestamp(new Date())}-${randomBytes(6).toString('hex')}.log`);
    return this.fileName;
  }

  override async open(): Promise<void> {
    if (this.file) return;
    this.file = createWriteStream(this.getFilename(), { flags: 'a' });
    this.stream = this.file;
  }

  override async close(): Promise<void> {
    const file = this.file;
    if (!file) return;
    this.file = undefined;
    this.fileName = undefined;
    await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}

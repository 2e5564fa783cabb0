import { mkdir, readdir, readFile, rename, rm, writeFile, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SessionCreateError, SessionInterrupted, UnknownSessionEngine } from '../errors.js';
import { isValidSessionKey } from '../session-key.js';
import { SessionStore, type SessionData, type SessionStoreSettings } from '../session-base.js';

const PREFIX = 'sessionid';

function folderOf(settings: SessionStoreSettings): string {
  const configured = settings.SESSION_FILE_PATH;
  if (configured !== null && configured !== undefined && typeof configured !== 'string') {
    throw new UnknownSessionEngine(`SESSION_FILE_PATH must be a folder path or null, got ${typeof configured}`);
  }
  return configured ?? tmpdir();
}

interface StoredFile {
  expires: string;
  data: string;
}

/**
 * Sessions as files (`manouche.contrib.sessions.backends.file`): one file `sessionid<key>` per
 * session in SESSION_FILE_PATH (the temporary folder by default), holding the expiry and the signed data.
 *
 * @example
 * // settings: SESSION_ENGINE: 'manouche.contrib.sessions.backends.file', SESSION_FILE_PATH: '/var/lib/mysite/sessions'
 * await request.session.set('visits', 1); // written to /var/lib/mysite/sessions/sessionid<key>
 */
export class FileSessionStore extends SessionStore {
  private fileFor(key: string): string {
    if (!isValidSessionKey(key)) throw new SessionInterrupted('Invalid characters in session key');
    return path.join(folderOf(this.settings), `${PREFIX}${key}`);
  }

  private async read(key: string): Promise<StoredFile | undefined> {
    try {
      return JSON.parse(await readFile(this.fileFor(key), 'utf8')) as StoredFile;
    } catch {
      return undefined;
    }
  }

  protected async load(): Promise<SessionData> {
    const stored = this.sessionKey === null ? undefined : await this.read(this.sessionKey);
    if (!stored || typeof stored.data !== 'string' || !(new Date(stored.expires).getTime() > Date.now())) {
      if (stored && this.sessionKey) await this.deleteStored(this.sessionKey);
      this.forgetKey();
      return {};
    }
    return this.decode(stored.data);
  }

  async exists(key: string): Promise<boolean> {
    return (await this.read(key)) !== undefined;
  }

  async save(mustCreate = false): Promise<void> {
    if (this.sessionKey === null) return this.create();
    const file = this.fileFor(this.sessionKey);
    await mkdir(path.dirname(file), { recursive: true });
    const content = JSON.stringify({ expires: (await this.getExpiryDate()).toISOString(), data: this.encode(await this.dataForSave()) } satisfies StoredFile);
    if (mustCreate) {
      try {
        const handle = await open(file, 'wx', 0o600);
        await handle.writeFile(content);
        await handle.close();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new SessionCreateError('session file exists');
        throw error;
      }
      return;
    }
    if (!(await this.exists(this.sessionKey))) throw new SessionInterrupted();
    // Write beside and rename, so a concurrent reader never sees half a file.
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, content, { mode: 0o600 });
    await rename(temporary, file);
  }

  protected async deleteStored(key: string | null = this.sessionKey): Promise<void> {
    if (key === null || !isValidSessionKey(key)) return;
    await rm(this.fileFor(key), { force: true });
  }

  /** Deletes the files of expired sessions. */
  static async clearExpired(settings: SessionStoreSettings): Promise<boolean> {
    const folder = folderOf(settings);
    let names: string[];
    try {
      names = await readdir(folder);
    } catch {
      return true;
    }
    for (const name of names) {
      if (!name.startsWith(PREFIX) || !isValidSessionKey(name.slice(PREFIX.length))) continue;
      const file = path.join(folder, name);
      try {
        const stored = JSON.parse(await readFile(file, 'utf8')) as StoredFile;
        if (new Date(stored.expires).getTime() > Date.now()) continue;
      } catch {
        // An unreadable session file is as good as expired.
      }
      await rm(file, { force: true });
    }
    return true;
  }
}

/**
 * File cache (Django's FileBasedCache): one file per key in the LOCATION folder, named by the
 * MD5 of the key, holding the expiry and the serialized value. Files are written to a temporary
 * name and renamed, so readers never see half a file. clear() removes only this cache's files.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BaseCache, MISSING, type CacheParams, type ExpiresAt } from '../base-cache.js';
import { InvalidCacheBackendError } from '../errors.js';
import { deserializeValue, serializeValue } from '../serializer.js';

const SUFFIX = '.mcache';
const HEADER = 'manouche-cache 1 ';

function parseFile(bytes: Buffer): { expiresAt: ExpiresAt; value: Buffer } | undefined {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) return undefined;
  const header = bytes.subarray(0, newline).toString('latin1');
  if (!header.startsWith(HEADER)) return undefined;
  const expires = header.slice(HEADER.length);
  return { expiresAt: expires === 'never' ? null : Number(expires), value: bytes.subarray(newline + 1) };
}

/**
 * @example
 * // CACHES: { default: { BACKEND: 'manouche.cache.backends.filebased.FileBasedCache', LOCATION: '/var/tmp/mysite_cache' } }
 */
export class FileBasedCache extends BaseCache {
  /** The absolute folder. */
  readonly dir: string;

  constructor(params: CacheParams, alias = 'default', baseDir = process.cwd()) {
    super(params, alias);
    if (typeof params.LOCATION !== 'string' || params.LOCATION === '') {
      throw new InvalidCacheBackendError(
        `CACHES["${alias}"].LOCATION must be the folder of the file cache, such as "/var/tmp/mysite_cache", got ${JSON.stringify(params.LOCATION)}.`,
      );
    }
    this.dir = path.resolve(baseDir, params.LOCATION);
  }

  private fileFor(key: string): string {
    return path.join(this.dir, createHash('md5').update(key).digest('hex') + SUFFIX);
  }

  private async readEntry(file: string): Promise<{ expiresAt: ExpiresAt; value: Buffer } | undefined> {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const entry = parseFile(bytes);
    if (!entry || (entry.expiresAt !== null && entry.expiresAt <= Date.now())) {
      await rm(file, { force: true });
      return undefined;
    }
    return entry;
  }

  private async listFiles(): Promise<string[]> {
    try {
      return (await readdir(this.dir)).filter((name) => name.endsWith(SUFFIX)).map((name) => path.join(this.dir, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** Django's _cull: at MAX_ENTRIES files, remove a random 1/CULL_FREQUENCY of them (all with 0). */
  private async cull(): Promise<void> {
    const files = await this.listFiles();
    if (files.length < this.maxEntries) return;
    if (this.cullFrequency === 0) {
      await this.clear();
      return;
    }
    const count = Math.floor(files.length / this.cullFrequency);
    for (let i = 0; i < count; i++) {
      const pick = i + Math.floor(Math.random() * (files.length - i));
      [files[i], files[pick]] = [files[pick]!, files[i]!];
      await rm(files[i]!, { force: true });
    }
  }

  protected async readValue(key: string): Promise<unknown> {
    const entry = await this.readEntry(this.fileFor(key));
    return entry ? deserializeValue(entry.value) : MISSING;
  }

  private async writeEntry(file: string, value: Buffer, expiresAt: ExpiresAt): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const temp = path.join(this.dir, `.tmp-${randomBytes(8).toString('hex')}`);
    await writeFile(temp, Buffer.concat([Buffer.from(`${HEADER}${expiresAt === null ? 'never' : expiresAt}\n`, 'latin1'), value]));
    await rename(temp, file);
  }

  protected async writeValue(key: string, value: unknown, expiresAt: ExpiresAt, mode: 'set' | 'add'): Promise<boolean> {
    const bytes = serializeValue(value, `key "${key}"`);
    const file = this.fileFor(key);
    if (mode === 'add' && (await this.readEntry(file))) return false;
    await this.cull();
    await this.writeEntry(file, bytes, expiresAt);
    return true;
  }

  protected async removeValue(key: string): Promise<boolean> {
    const file = this.fileFor(key);
    const present = (await this.readEntry(file)) !== undefined;
    await rm(file, { force: true });
    return present;
  }

  protected async touchValue(key: string, expiresAt: ExpiresAt): Promise<boolean> {
    const file = this.fileFor(key);
    const entry = await this.readEntry(file);
    if (!entry) return false;
    await this.writeEntry(file, entry.value, expiresAt);
    return true;
  }

  async clear(): Promise<void> {
    for (const file of await this.listFiles()) await rm(file, { force: true });
  }
}

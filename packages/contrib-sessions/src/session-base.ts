import type { Settings } from '@manouche/contracts';
import { BadSignature, sign, unsign } from '@manouche/core';
import { SessionCreateError } from './errors.js';
import { isValidSessionKey, newSessionKey } from './session-key.js';

/**
 * The key under which a per-session expiry is kept (Django's `_session_expiry`).
 *
 * @example
 * await request.session.setExpiry(300);
 * await request.session.get(EXPIRY_KEY); // 300
 */
export const EXPIRY_KEY = '_session_expiry';

/**
 * Session data: JSON values by key.
 *
 * @example
 * const data: SessionData = Object.fromEntries(await request.session.items()); // { visits: 3 }
 */
export type SessionData = Record<string, unknown>;

/** The settings a session store reads. */
export type SessionStoreSettings = Pick<Settings, 'SECRET_KEY'> & {
  readonly SESSION_COOKIE_AGE?: unknown;
  readonly SESSION_EXPIRE_AT_BROWSER_CLOSE?: unknown;
  readonly SESSION_FILE_PATH?: unknown;
  readonly [name: string]: unknown;
};

/**
 * A session store class, as SESSION_ENGINE names one.
 *
 * @example
 * const Store: SessionStoreClass = sessionEngine(settings);
 * const session = new Store(null, settings); // a new, empty session
 * await Store.clearExpired(settings);
 */
export interface SessionStoreClass {
  new (sessionKey: string | null | undefined, settings: SessionStoreSettings): SessionStore;
  /** Deletes expired sessions (what `clearsessions` calls); false when the store cannot (signed cookies). */
  clearExpired(settings: SessionStoreSettings): Promise<boolean>;
}

/**
 * `request.session`: a lazily loaded dictionary of JSON values (Django's SessionBase). Reads
 * load the data once; writes mark it modified, and SessionMiddleware saves it after the view.
 * Subclasses implement storage: `load`, `exists`, `create`, `save`, `delete`.
 *
 * @example
 * const visits = ((await request.session.get('visits')) as number | undefined) ?? 0;
 * await request.session.set('visits', visits + 1);
 */
export abstract class SessionStore {
  /** True once the data was changed; the middleware saves only then (or with SESSION_SAVE_EVERY_REQUEST). */
  modified = false;
  /** True once the data was read or written; the response then varies on Cookie. */
  accessed = false;
  private cache: SessionData | undefined;
  private key: string | null;

  constructor(
    sessionKey: string | null | undefined,
    /** The project settings (SECRET_KEY, SESSION_*). */
    readonly settings: SessionStoreSettings,
  ) {
    this.key = isValidSessionKey(sessionKey) ? sessionKey : null;
  }

  /** The session key (null until the session is saved for the first time). */
  get sessionKey(): string | null {
    return this.key;
  }

  /** The salt separating this store's signed data from every other signed value. */
  protected get keySalt(): string {
    return `manouche.contrib.sessions.${this.constructor.name}`;
  }

  /** Signs and encodes session data (JSON, HMAC-SHA256 with SECRET_KEY). */
  encode(data: SessionData): string {
    return sign(Buffer.from(JSON.stringify(data)).toString('base64url'), { key: this.settings.SECRET_KEY, salt: this.keySalt });
  }

  /** Decodes data made by {@link encode}; tampered or unreadable data is an empty session, never an error. */
  decode(text: string): SessionData {
    try {
      const json = Buffer.from(unsign(text, { key: this.settings.SECRET_KEY, salt: this.keySalt }), 'base64url').toString('utf8');
      const data = JSON.parse(json) as unknown;
      return data && typeof data === 'object' && !Array.isArray(data) ? (data as SessionData) : {};
    } catch (error) {
      if (error instanceof BadSignature || error instanceof SyntaxError) return {};
      throw error;
    }
  }

  /** Whether there is stored data to load (a session key, or for signed cookies the cookie). */
  protected hasStoredData(): boolean {
    return this.key !== null;
  }

  /** The loaded data (loads on first use). */
  protected async data(): Promise<SessionData> {
    this.accessed = true;
    this.cache ??= this.hasStoredData() ? await this.load() : {};
    return this.cache;
  }

  /** The value of `key`, or `defaultValue`. */
  async get<T = unknown>(key: string, defaultValue?: T): Promise<T | undefined> {
    // Once loaded, no second await: auth reads two keys of every session.
    this.accessed = true;
    const data = this.cache ?? (await this.data());
    return Object.hasOwn(data, key) ? (data[key] as T) : defaultValue;
  }

  /** Sets `key` to a JSON value. */
  async set(key: string, value: unknown): Promise<void> {
    if (value === undefined) throw new TypeError(`Session value for '${key}' is undefined: store null, or delete the key`);
    JSON.stringify(value);
    (await this.data())[key] = value;
    this.modified = true;
  }

  /** Removes `key`; returns its value (Django's pop). */
  async delete(key: string): Promise<unknown> {
    const data = await this.data();
    if (!Object.hasOwn(data, key)) return undefined;
    const value = data[key];
    delete data[key];
    this.modified = true;
    return value;
  }

  /** Whether `key` is set. */
  async has(key: string): Promise<boolean> {
    return Object.hasOwn(await this.data(), key);
  }

  /** The keys that are set. */
  async keys(): Promise<string[]> {
    return Object.keys(await this.data());
  }

  /** `[key, value]` pairs. */
  async items(): Promise<Array<[string, unknown]>> {
    return Object.entries(await this.data());
  }

  /** Whether the session holds no data and has no key (a visitor who never stored anything). */
  isEmpty(): boolean {
    return this.key === null && (this.cache === undefined || Object.keys(this.cache).length === 0);
  }

  /** Removes every key but keeps the session key. */
  async clear(): Promise<void> {
    this.cache = {};
    this.accessed = true;
    this.modified = true;
  }

  /** Deletes the stored session and starts an empty one with no key (logout). */
  async flush(): Promise<void> {
    this.cache = {};
    this.accessed = true;
    this.modified = true;
    await this.deleteStored();
    this.key = null;
  }

  /** Keeps the data under a new key and deletes the old one (login: no session fixation). */
  async cycleKey(): Promise<void> {
    const data = await this.data();
    const oldKey = this.key;
    this.cache = data;
    await this.create();
    if (oldKey) await this.deleteStored(oldKey);
  }

  /**
   * Sets when the session expires: seconds of inactivity, a Date, 0 for "when the browser
   * closes", or null to return to the global policy (SESSION_COOKIE_AGE).
   */
  async setExpiry(value: number | Date | null): Promise<void> {
    if (value === null) {
      await this.delete(EXPIRY_KEY);
      return;
    }
    await this.set(EXPIRY_KEY, value instanceof Date ? value.toISOString() : value);
  }

  private cookieAge(): number {
    const age = this.settings.SESSION_COOKIE_AGE;
    return typeof age === 'number' ? age : 1_209_600;
  }

  /** Seconds until the session expires, counted from `modification` (now). */
  async getExpiryAge(options: { modification?: Date; expiry?: unknown } = {}): Promise<number> {
    const expiry = 'expiry' in options ? options.expiry : await this.get(EXPIRY_KEY);
    if (typeof expiry === 'number') return expiry === 0 ? this.cookieAge() : expiry;
    if (typeof expiry !== 'string') return this.cookieAge();
    const modification = options.modification ?? new Date();
    return Math.floor((new Date(expiry).getTime() - modification.getTime()) / 1000);
  }

  /** When the session expires. */
  async getExpiryDate(options: { modification?: Date; expiry?: unknown } = {}): Promise<Date> {
    const expiry = 'expiry' in options ? options.expiry : await this.get(EXPIRY_KEY);
    if (typeof expiry === 'string') return new Date(expiry);
    const modification = options.modification ?? new Date();
    return new Date(modification.getTime() + (await this.getExpiryAge({ modification, expiry })) * 1000);
  }

  /** Whether the cookie should last only until the browser closes. */
  async getExpireAtBrowserClose(): Promise<boolean> {
    const expiry = await this.get(EXPIRY_KEY);
    if (expiry === undefined || expiry === null) return this.settings.SESSION_EXPIRE_AT_BROWSER_CLOSE === true;
    return expiry === 0;
  }

  /** A key no stored session has. */
  protected async newKey(): Promise<string> {
    for (;;) {
      const key = newSessionKey();
      if (!(await this.exists(key))) return key;
    }
  }

  /** Saves the data under a fresh key, retrying when the key was taken meanwhile. */
  async create(): Promise<void> {
    for (;;) {
      this.key = await this.newKey();
      try {
        await this.save(true);
      } catch (error) {
        if (error instanceof SessionCreateError) continue;
        throw error;
      }
      this.modified = true;
      return;
    }
  }

  /** The data (loaded) and the key as the middleware saves them. @internal */
  protected async dataForSave(): Promise<SessionData> {
    return this.cache ?? (this.hasStoredData() ? await this.data() : {});
  }

  /** Reads the stored data of {@link sessionKey}; an unknown or expired key gives `{}` and clears the key. */
  protected abstract load(): Promise<SessionData>;
  /** Whether a session with `key` is stored. */
  abstract exists(key: string): Promise<boolean>;
  /** Stores the data; with `mustCreate`, throws SessionCreateError when the key is taken; without it, SessionInterrupted when the row is gone. */
  abstract save(mustCreate?: boolean): Promise<void>;
  /** Deletes the stored session `key` (this one's by default). */
  protected abstract deleteStored(key?: string | null): Promise<void>;

  /** @internal Clears the key after a failed load. */
  protected forgetKey(): void {
    this.key = null;
  }
}

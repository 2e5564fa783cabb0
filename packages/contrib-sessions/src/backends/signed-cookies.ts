import { unsign, sign } from '@manouche/core';
import { SessionStore, type SessionData, type SessionStoreSettings } from '../session-base.js';

/**
 * Sessions kept entirely in the cookie (`manouche.contrib.sessions.backends.signed_cookies`):
 * the cookie value is the signed, timestamped JSON data, so nothing is stored on the server.
 * Data is readable by the client (signed, not encrypted); a tampered or expired cookie is an empty session.
 *
 * @example
 * // settings: SESSION_ENGINE: 'manouche.contrib.sessions.backends.signed_cookies'
 * await request.session.set('theme', 'dark'); // the sessionid cookie now carries the signed data
 */
export class SignedCookieSessionStore extends SessionStore {
  private signed: string | null;

  constructor(sessionKey: string | null | undefined, settings: SessionStoreSettings) {
    super(null, settings);
    this.signed = sessionKey ?? null;
  }

  /** The cookie value: the signed data (null while the session is empty and unsaved). */
  override get sessionKey(): string | null {
    return this.signed;
  }

  protected override hasStoredData(): boolean {
    return this.signed !== null;
  }

  protected async load(): Promise<SessionData> {
    if (this.signed === null) return {};
    try {
      const maxAge = typeof this.settings.SESSION_COOKIE_AGE === 'number' ? this.settings.SESSION_COOKIE_AGE : undefined;
      const json = Buffer.from(unsign(this.signed, { key: this.settings.SECRET_KEY, salt: this.keySalt, maxAge }), 'base64url').toString('utf8');
      const data = JSON.parse(json) as unknown;
      if (data && typeof data === 'object' && !Array.isArray(data)) return data as SessionData;
    } catch {
      // Tampered, expired or unreadable: an empty session, as Django's signed_cookies backend.
    }
    this.signed = null;
    return {};
  }

  async exists(_key: string): Promise<boolean> {
    return false;
  }

  override async create(): Promise<void> {
    await this.save(true);
    this.modified = true;
  }

  async save(_mustCreate = false): Promise<void> {
    const data = await this.dataForSave();
    this.signed = sign(Buffer.from(JSON.stringify(data)).toString('base64url'), { key: this.settings.SECRET_KEY, salt: this.keySalt });
  }

  protected async deleteStored(_key?: string | null): Promise<void> {
    this.signed = null;
  }

  override isEmpty(): boolean {
    return this.signed === null && super.isEmpty();
  }

  override async cycleKey(): Promise<void> {
    // The cookie is the data: saving re-signs it with a new timestamp.
    await this.save();
  }

  /** Signed cookies expire in the browser: nothing to clear on the server. */
  static async clearExpired(_settings: SessionStoreSettings): Promise<boolean> {
    return false;
  }
}

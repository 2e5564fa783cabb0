import { IntegrityError } from '@manouche/orm';
import { SessionCreateError, SessionInterrupted } from '../errors.js';
import { Session } from '../models.js';
import { SessionStore, type SessionData, type SessionStoreSettings } from '../session-base.js';

/**
 * Sessions in the database (`manouche.contrib.sessions.backends.db`, the default): one
 * `django_session` row per session, its data signed JSON.
 *
 * @example
 * // settings: SESSION_ENGINE: 'manouche.contrib.sessions.backends.db' (the default)
 * await request.session.set('visits', 1); // a django_session row after the response
 */
export class DbSessionStore extends SessionStore {
  /** The DATABASES alias sessions live in. */
  static using = 'default';

  private get objects() {
    return Session.objects.using((this.constructor as typeof DbSessionStore).using);
  }

  protected async load(): Promise<SessionData> {
    const row = this.sessionKey === null ? undefined : await this.objects.filter({ sessionKey: this.sessionKey, expireDate__gt: new Date() }).first();
    if (!row) {
      this.forgetKey();
      return {};
    }
    return this.decode(row.sessionData);
  }

  async exists(key: string): Promise<boolean> {
    return this.objects.filter({ sessionKey: key }).exists();
  }

  async save(mustCreate = false): Promise<void> {
    if (this.sessionKey === null) return this.create();
    const data = await this.dataForSave();
    const values = { sessionData: this.encode(data), expireDate: await this.getExpiryDate() };
    if (mustCreate) {
      try {
        await this.objects.create({ sessionKey: this.sessionKey, ...values });
      } catch (error) {
        if (error instanceof IntegrityError) throw new SessionCreateError(`Session key ${this.sessionKey.slice(0, 4)}… is taken`);
        throw error;
      }
      return;
    }
    const updated = await this.objects.filter({ sessionKey: this.sessionKey }).update(values);
    if (updated === 0) throw new SessionInterrupted();
  }

  protected async deleteStored(key: string | null = this.sessionKey): Promise<void> {
    if (key === null) return;
    await this.objects.filter({ sessionKey: key }).delete();
  }

  /** Deletes every expired row. */
  static async clearExpired(_settings: SessionStoreSettings): Promise<boolean> {
    await Session.objects.using(this.using).filter({ expireDate__lt: new Date() }).delete();
    return true;
  }
}

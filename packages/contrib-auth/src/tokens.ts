import { createHash, createHmac } from 'node:crypto';
import { authSettings } from './auth-settings.js';
import { constantTimeEquals } from './hashers.js';
import type { AbstractBaseUser } from './models.js';

const EPOCH_2001 = Date.UTC(2001, 0, 1) / 1000;

/**
 * Django's PasswordResetTokenGenerator: `<timestamp base36>-<hmac>` tokens bound to the user's
 * id, password hash, last login and email, so a token stops working once the password changes or
 * the user logs in, and after PASSWORD_RESET_TIMEOUT seconds.
 *
 * @example
 * const token = defaultTokenGenerator.makeToken(user);
 * defaultTokenGenerator.checkToken(user, token); // true until used or expired
 */
export class PasswordResetTokenGenerator {
  keySalt = 'manouche.contrib.auth.tokens.PasswordResetTokenGenerator';
  /** The signing key; SECRET_KEY when null. */
  secret: string | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  private secondsSince2001(): number {
    return Math.floor(this.now() / 1000 - EPOCH_2001);
  }

  /** A token for `user`. */
  makeToken(user: AbstractBaseUser): string {
    return this.tokenWithTimestamp(user, this.secondsSince2001());
  }

  /** Whether `token` is valid for `user` now. */
  checkToken(user: AbstractBaseUser | null | undefined, token: string | null | undefined): boolean {
    if (!user || typeof token !== 'string') return false;
    const dash = token.indexOf('-');
    if (dash <= 0 || dash > 13) return false;
    const timestamp = Number.parseInt(token.slice(0, dash), 36);
    if (!Number.isSafeInteger(timestamp) || timestamp.toString(36) !== token.slice(0, dash)) return false;
    if (!constantTimeEquals(this.tokenWithTimestamp(user, timestamp), token)) return false;
    return this.secondsSince2001() - timestamp <= authSettings().PASSWORD_RESET_TIMEOUT;
  }

  private tokenWithTimestamp(user: AbstractBaseUser, timestamp: number): string {
    const secret = this.secret ?? authSettings().SECRET_KEY;
    const key = createHash('sha256').update(`${this.keySalt}${secret}`).digest();
    const digest = createHmac('sha256', key).update(this.hashValue(user, timestamp)).digest('hex');
    let short = '';
    for (let i = 0; i < digest.length; i += 2) short += digest[i];
    return `${timestamp.toString(36)}-${short}`;
  }

  /** What the token is bound to: id, password hash, last login (to the second), timestamp, email. */
  protected hashValue(user: AbstractBaseUser, timestamp: number): string {
    const lastLogin = user.lastLogin ? Math.floor(user.lastLogin.getTime() / 1000) : '';
    const emailField = (user.constructor as unknown as { EMAIL_FIELD?: string }).EMAIL_FIELD ?? 'email';
    const email = (user as unknown as Record<string, unknown>)[emailField] ?? '';
    return `${String(user.pk)}${user.password}${lastLogin}${timestamp}${String(email)}`;
  }
}

/**
 * The generator the password reset views use.
 *
 * @example
 * const link = `/reset/${encodeUid(user.pk)}/${defaultTokenGenerator.makeToken(user)}/`;
 */
export const defaultTokenGenerator = new PasswordResetTokenGenerator();

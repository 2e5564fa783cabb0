import type { BaseCache } from '@manouche/cache';
import { createHmac } from 'node:crypto';

/**
 * The verdict of {@link LoginThrottle.check}.
 *
 * @example
 * const { allowed, retryAfter }: ThrottleVerdict = await loginThrottleFor(request).check(username, address);
 */
export interface ThrottleVerdict {
  allowed: boolean;
  /** Seconds until another attempt is allowed (when not allowed). */
  retryAfter: number;
}

/**
 * Limits of {@link LoginThrottle}.
 *
 * @example
 * new LoginThrottle({ perUsername: 5, perAddress: 20, windowSeconds: 900, secret: settings.SECRET_KEY, cache: caches.get('default') });
 */
export interface LoginThrottleOptions {
  /** Failures per username within the window before logins for it are refused (0: no limit). */
  perUsername: number;
  /** Failures per client address within the window (0: no limit). */
  perAddress: number;
  /** Seconds a failure counts. */
  windowSeconds: number;
  /** Keys the HMAC that hides usernames and addresses (SECRET_KEY). */
  secret: string;
  /** Where the counts live: the project's default cache, so every server process shares them. */
  cache: BaseCache;
  /** The clock, in milliseconds. */
  now?: () => number;
}

/** A window is counted in this many slices: a failure leaves the count when its slice has left the window. */
const SLICES = 10;

/**
 * Counts failed logins per username and per client address over a sliding window, in a cache
 * (the default one: locmem in one process, Redis or the database cache to share the counts
 * between processes and machines). The window is cut in ten slices, each an atomic counter
 * (`add` + `incr`), so concurrent failures are all counted. Keys are HMACs, and failures are
 * counted the same for usernames that exist and those that do not, so the counters reveal nothing
 * about which accounts exist.
 *
 * @example
 * const verdict = await throttle.check(username, address);
 * if (!verdict.allowed) return tooManyAttempts(verdict.retryAfter);
 */
export class LoginThrottle {
  private readonly now: () => number;
  private readonly sliceSeconds: number;
  private readonly slices: number;

  constructor(private readonly options: LoginThrottleOptions) {
    this.now = options.now ?? Date.now;
    this.sliceSeconds = Math.max(1, Math.ceil(options.windowSeconds / SLICES));
    this.slices = Math.max(1, Math.ceil(options.windowSeconds / this.sliceSeconds));
  }

  private key(kind: 'username' | 'address', value: string): string {
    const normalized = kind === 'username' ? value.normalize('NFKC').toLowerCase() : value;
    const digest = createHmac('sha256', this.options.secret).update(`manouche.contrib.auth.throttle.${kind}:${normalized}`).digest('base64url');
    return `manouche.auth.throttle.${kind}.${digest}`;
  }

  private currentSlice(): number {
    return Math.floor(this.now() / 1000 / this.sliceSeconds);
  }

  /** The failure counts of the slices still in the window, oldest first. */
  private async counts(key: string): Promise<Array<{ slice: number; count: number }>> {
    const current = this.currentSlice();
    const slices = Array.from({ length: this.slices }, (_, i) => current - this.slices + 1 + i);
    const found = await this.options.cache.getMany<number>(slices.map((slice) => `${key}.${slice}`));
    return slices.map((slice) => ({ slice, count: Number(found[`${key}.${slice}`] ?? 0) }));
  }

  private async verdictFor(key: string, limit: number): Promise<ThrottleVerdict> {
    if (limit <= 0) return { allowed: true, retryAfter: 0 };
    const counts = await this.counts(key);
    let remaining = counts.reduce((sum, { count }) => sum + count, 0);
    if (remaining < limit) return { allowed: true, retryAfter: 0 };
    // Wait until enough of the oldest slices have left the window to bring the count under the limit.
    const nowSeconds = this.now() / 1000;
    for (const { slice, count } of counts) {
      remaining -= count;
      if (remaining < limit) return { allowed: false, retryAfter: Math.max(1, Math.ceil((slice + this.slices) * this.sliceSeconds - nowSeconds)) };
    }
    return { allowed: false, retryAfter: this.options.windowSeconds };
  }

  /** Whether a login for `username` from `address` may be tried now. */
  async check(username: string, address: string | null): Promise<ThrottleVerdict> {
    const verdicts = [await this.verdictFor(this.key('username', username), this.options.perUsername)];
    if (address) verdicts.push(await this.verdictFor(this.key('address', address), this.options.perAddress));
    const refused = verdicts.filter((verdict) => !verdict.allowed);
    return refused.length === 0 ? { allowed: true, retryAfter: 0 } : { allowed: false, retryAfter: Math.max(...refused.map((verdict) => verdict.retryAfter)) };
  }

  /** Counts a failed login. */
  async recordFailure(username: string, address: string | null): Promise<void> {
    const slice = this.currentSlice();
    const timeout = (this.slices + 1) * this.sliceSeconds;
    for (const key of [this.key('username', username), ...(address ? [this.key('address', address)] : [])]) {
      const sliceKey = `${key}.${slice}`;
      await this.options.cache.add(sliceKey, 0, timeout);
      try {
        await this.options.cache.incr(sliceKey);
      } catch {
        // The counter expired between add and incr (or was evicted): this failure starts it again.
        await this.options.cache.set(sliceKey, 1, timeout);
      }
    }
  }

  /** Forgets the username's failures after a successful login. */
  async recordSuccess(username: string): Promise<void> {
    const key = this.key('username', username);
    const current = this.currentSlice();
    await this.options.cache.deleteMany(Array.from({ length: this.slices }, (_, i) => `${key}.${current - i}`));
  }
}

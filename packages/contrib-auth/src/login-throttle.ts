import { createHmac } from 'node:crypto';

/** The verdict of {@link LoginThrottle.check}. */
export interface ThrottleVerdict {
  allowed: boolean;
  /** Seconds until another attempt is allowed (when not allowed). */
  retryAfter: number;
}

/** Limits of {@link LoginThrottle}. */
export interface LoginThrottleOptions {
  /** Failures per username within the window before logins for it are refused (0: no limit). */
  perUsername: number;
  /** Failures per client address within the window (0: no limit). */
  perAddress: number;
  /** Seconds a failure counts. */
  windowSeconds: number;
  /** Keys the HMAC that hides usernames and addresses (SECRET_KEY). */
  secret: string;
  /** The clock, in milliseconds. */
  now?: () => number;
}

/**
 * Counts failed logins per username and per client address in a sliding window. Keys are
 * HMACs, and failures are counted the same for usernames that exist and those that do not, so
 * the counters reveal nothing about which accounts exist. Counts live in this process's memory
 * (one server process; several processes each count on their own).
 *
 * @example
 * const verdict = throttle.check(username, address);
 * if (!verdict.allowed) return tooManyAttempts(verdict.retryAfter);
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly now: () => number;

  constructor(private readonly options: LoginThrottleOptions) {
    this.now = options.now ?? Date.now;
  }

  private key(kind: 'username' | 'address', value: string): string {
    const normalized = kind === 'username' ? value.normalize('NFKC').toLowerCase() : value;
    return createHmac('sha256', this.options.secret).update(`manouche.contrib.auth.throttle.${kind}:${normalized}`).digest('base64url');
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.options.windowSeconds * 1000;
    const list = (this.failures.get(key) ?? []).filter((at) => at > cutoff);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  private verdictFor(key: string, limit: number): ThrottleVerdict {
    if (limit <= 0) return { allowed: true, retryAfter: 0 };
    const list = this.recent(key);
    if (list.length < limit) return { allowed: true, retryAfter: 0 };
    const oldestCounted = list[list.length - limit]!;
    return { allowed: false, retryAfter: Math.max(1, Math.ceil((oldestCounted + this.options.windowSeconds * 1000 - this.now()) / 1000)) };
  }

  /** Whether a login for `username` from `address` may be tried now. */
  check(username: string, address: string | null): ThrottleVerdict {
    const verdicts = [this.verdictFor(this.key('username', username), this.options.perUsername)];
    if (address) verdicts.push(this.verdictFor(this.key('address', address), this.options.perAddress));
    const refused = verdicts.filter((verdict) => !verdict.allowed);
    return refused.length === 0 ? { allowed: true, retryAfter: 0 } : { allowed: false, retryAfter: Math.max(...refused.map((verdict) => verdict.retryAfter)) };
  }

  /** Counts a failed login. */
  recordFailure(username: string, address: string | null): void {
    const at = this.now();
    for (const key of [this.key('username', username), ...(address ? [this.key('address', address)] : [])]) {
      this.recent(key);
      this.failures.set(key, [...(this.failures.get(key) ?? []), at]);
    }
  }

  /** Forgets the username's failures after a successful login. */
  recordSuccess(username: string): void {
    this.failures.delete(this.key('username', username));
  }

  /** How many keys are tracked (for tests and metrics). */
  get size(): number {
    return this.failures.size;
  }
}

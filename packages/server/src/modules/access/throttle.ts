// Slows down guessing: after a few failed sign-ins for one address (or many from one IP address),
// further attempts are refused for a growing time, even with the right password. Sign-in has its
// own budget of attempts per IP address, apart from the other anonymous writes (reset requests,
// first setup): a whole town hall behind one proxy address signs in at nine o'clock, and that must
// neither use up nor be blocked by the budget for reset mails (issue 8, item 10). In memory, per
// process — enough for one server; several processes each count on their own
// (docs/adr/0007-access-control.md).

export interface ThrottleRule {
  /** Failures allowed inside the window before locking. */
  allowed: number;
  windowMs: number;
  /** First lock; doubles with every further failure, up to maxLockMs. */
  lockMs: number;
  maxLockMs: number;
}

export const SIGN_IN_PER_ACCOUNT: ThrottleRule = {
  allowed: 5,
  windowMs: 15 * 60_000,
  lockMs: 60_000,
  maxLockMs: 60 * 60_000,
};
export const SIGN_IN_PER_IP: ThrottleRule = {
  allowed: 30,
  windowMs: 15 * 60_000,
  lockMs: 60_000,
  maxLockMs: 60 * 60_000,
};

/**
 * Sign-in attempts per IP address and minute, successful or not: generous for many people behind
 * one address, yet it bounds the password hashing (argon2id) one address can make the server do
 * while the failure locks above are still counting (parallel attempts all pass the lock check).
 */
export const SIGN_IN_ATTEMPTS_PER_IP = { limit: 120, windowMs: 60_000 } as const;

/** Other changing requests without sign-in (reset mails, first setup): per IP address and minute. */
export const ANONYMOUS_WRITES_PER_IP = { limit: 30, windowMs: 60_000 } as const;

interface State {
  failures: number[];
  lockedUntil: number;
}

/** Counts failures per key and locks keys that fail too often. */
export class FailureThrottle {
  private readonly states = new Map<string, State>();
  constructor(
    private readonly rule: ThrottleRule,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until the key may try again (0 = now). */
  retryAfterMs(key: string): number {
    const s = this.states.get(key);
    return s ? Math.max(0, s.lockedUntil - this.now()) : 0;
  }

  fail(key: string): void {
    const now = this.now();
    const s = this.states.get(key) ?? { failures: [], lockedUntil: 0 };
    s.failures = s.failures.filter((t) => now - t < this.rule.windowMs);
    s.failures.push(now);
    const over = s.failures.length - this.rule.allowed;
    if (over >= 0)
      s.lockedUntil =
        now + Math.min(this.rule.maxLockMs, this.rule.lockMs * 2 ** Math.min(over, 20));
    this.states.set(key, s);
    if (this.states.size > 100_000) this.states.delete(this.states.keys().next().value!);
  }

  succeed(key: string): void {
    this.states.delete(key);
  }
}

/** A fixed-window rate limit: at most `limit` requests per key and window. */
export class RateLimit {
  private readonly counts = new Map<string, { start: number; n: number }>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request; returns milliseconds to wait when over the limit, else 0. */
  hit(key: string): number {
    const now = this.now();
    let c = this.counts.get(key);
    if (!c || now - c.start >= this.windowMs) {
      c = { start: now, n: 0 };
      this.counts.set(key, c);
      if (this.counts.size > 100_000) this.counts.delete(this.counts.keys().next().value!);
    }
    c.n++;
    return c.n > this.limit ? c.start + this.windowMs - now : 0;
  }
}

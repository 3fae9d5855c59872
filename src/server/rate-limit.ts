/** Token buckets by key (an address, a participant), in memory: one process serves a workshop. */
import type { RateLimit } from './config.ts';

export type Verdict = { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  readonly #limit: RateLimit;
  readonly #buckets = new Map<string, Bucket>();

  constructor(limit: RateLimit) {
    this.#limit = limit;
  }

  /** Whether `key` has a request left now, without spending it. */
  check(key: string, now: number = Date.now()): Verdict {
    const bucket = this.#refilled(key, now);
    if (bucket.tokens >= 1) return { ok: true };
    return { ok: false, retryAfterMs: Math.ceil(((1 - bucket.tokens) / this.#limit.perSecond) * 1000) };
  }

  #refilled(key: string, now: number): Bucket {
    const { burst, perSecond } = this.#limit;
    const bucket = this.#buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    return bucket;
  }

  take(key: string, now: number = Date.now()): Verdict {
    const { perSecond } = this.#limit;
    const bucket = this.#refilled(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil(((1 - bucket.tokens) / perSecond) * 1000) };
  }

  /** Forgets buckets that have filled up again, so memory follows the active keys only. */
  sweep(now: number = Date.now()): void {
    const { burst, perSecond } = this.#limit;
    for (const [key, bucket] of this.#buckets)
      if (bucket.tokens + ((now - bucket.at) / 1000) * perSecond >= burst) this.#buckets.delete(key);
  }

  get size(): number {
    return this.#buckets.size;
  }
}

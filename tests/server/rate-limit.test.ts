import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/server/config.ts';
import { RateLimiter } from '../../src/server/rate-limit.ts';

describe('rate limits', () => {
  it('allows a burst, then refills at the set rate, per key', () => {
    const limiter = new RateLimiter({ burst: 2, perSecond: 1 });
    expect(limiter.take('a', 0).ok).toBe(true);
    expect(limiter.take('a', 0).ok).toBe(true);
    expect(limiter.take('a', 0)).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(limiter.take('b', 0).ok).toBe(true);
    expect(limiter.take('a', 500)).toEqual({ ok: false, retryAfterMs: 500 });
    expect(limiter.take('a', 1000).ok).toBe(true);
  });

  it('forgets keys whose buckets are full again', () => {
    const limiter = new RateLimiter({ burst: 2, perSecond: 1 });
    limiter.take('a', 0);
    limiter.take('b', 0);
    limiter.take('b', 0);
    limiter.sweep(1000);
    expect(limiter.size).toBe(1);
    limiter.sweep(2000);
    expect(limiter.size).toBe(0);
  });
});

describe('server settings', () => {
  it('has defaults that let a class of 300 behind one address work', () => {
    const config = readConfig({});
    expect(config.database).toBe('./data/workshops.sqlite');
    expect(config.rate.ip.perSecond).toBeGreaterThanOrEqual(300);
    expect(config.rate.join.burst).toBeGreaterThanOrEqual(300);
    expect(config.createKey).toBeNull();
  });

  it('reads the environment and says what is wrong with a bad value', () => {
    const config = readConfig({
      WORKSHOP_DB: '/srv/w.sqlite',
      WORKSHOP_RATE_IP: '10/2.5',
      WORKSHOP_RETENTION_DAYS: '2',
      WORKSHOP_PUBLIC_URL: 'https://course.example.org/ignored/path',
      WORKSHOP_TRUST_PROXY: '1',
    });
    expect(config.rate.ip).toEqual({ burst: 10, perSecond: 2.5 });
    expect(config.retentionMs).toBe(2 * 86_400_000);
    expect(config.publicUrl).toBe('https://course.example.org');
    expect(config.trustProxy).toBe(true);
    expect(() => readConfig({ WORKSHOP_RATE_IP: 'lots' })).toThrow(
      'WORKSHOP_RATE_IP=lots: expected burst/per-second',
    );
    expect(() => readConfig({ WORKSHOP_DB_SYNC: 'off' })).toThrow('expected normal or full');
    expect(() => readConfig({ WORKSHOP_PUBLIC_URL: 'ftp://x' })).toThrow('expected an http(s) address');
  });
});

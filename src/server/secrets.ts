/**
 * Secrets: the instructor's key and each participant's token are 32 random bytes; the database
 * keeps only their SHA-256, and a presented secret is compared with that in constant time. The
 * secrets are random and long, so a fast hash is enough (nothing to guess from a dictionary).
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** A short random id, e.g. for a participant in URLs. */
export function newId(): string {
  return randomBytes(9).toString('base64url');
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

export function secretMatches(secret: string, hash: Uint8Array): boolean {
  const presented = hashSecret(secret);
  return presented.length === hash.length && timingSafeEqual(presented, hash);
}

export function randomBelow(n: number): number {
  return randomInt(n);
}

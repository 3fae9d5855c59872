/** Shared links: a round trip, and every way a hostile or broken link is refused without a throw. */
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  decodeState,
  encodedStateIn,
  encodeState,
  LINK_LIMITS,
  shareUrl,
} from '../../../src/components/playground/share-link.ts';
import type { PlaygroundState } from '../../../src/components/playground/state.ts';

const state: PlaygroundState = {
  files: [
    { path: 'Dockerfile', content: 'FROM python:3.9 AS builder\nRUN echo "héllo ✓ 🐳"\n' },
    { path: 'src/server.py', content: 'print("hi")\n', readOnly: true },
  ],
  active: 'src/server.py',
};

/** What a hand-made link would hold: any JSON, deflated and base64url-encoded. */
function forge(json: string): string {
  return deflateRawSync(Buffer.from(json)).toString('base64url');
}

async function refusal(encoded: string): Promise<string> {
  const decoded = await decodeState(encoded);
  if (decoded.ok) throw new Error('expected a refusal');
  return decoded.message;
}

describe('share links', () => {
  it('round-trips a state, non-ASCII text and flags included', async () => {
    const encoded = await encodeState(state);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    await expect(decodeState(encoded)).resolves.toEqual({ ok: true, state });
  });

  it('puts the state after #s= and reads it back from a location hash', async () => {
    const url = new URL(await shareUrl('http://example.test/playground/#old', state));
    expect(url.pathname).toBe('/playground/');
    expect(url.hash.startsWith('#s=')).toBe(true);
    const encoded = encodedStateIn(url.hash);
    expect(encoded).toBeDefined();
    await expect(decodeState(encoded ?? '')).resolves.toEqual({ ok: true, state });
    expect(encodedStateIn('')).toBeUndefined();
    expect(encodedStateIn('#main')).toBeUndefined();
  });

  it('compresses: the brief-sized state is a short link', async () => {
    const big: PlaygroundState = {
      files: [{ path: 'Dockerfile', content: 'RUN echo hello\n'.repeat(200) }],
      active: 'Dockerfile',
    };
    expect((await encodeState(big)).length).toBeLessThan(200);
  });

  it('reads a link forged by hand in the same format', async () => {
    const forged = forge(JSON.stringify({ v: 1, files: [{ path: 'Dockerfile', content: 'FROM scratch' }] }));
    await expect(decodeState(forged)).resolves.toEqual({
      ok: true,
      state: { files: [{ path: 'Dockerfile', content: 'FROM scratch' }], active: 'Dockerfile' },
    });
  });

  it.each([
    ['characters outside base64url', 'abc+/=', 'not a playground link'],
    ['script in the hash', '<script>alert(1)</script>', 'not a playground link'],
    ['an impossible length', 'abcde', 'cut short'],
    ['bytes that do not inflate', 'AAAAAAAAAAAA', 'does not unpack'],
    ['not JSON', forge('FROM scratch'), 'does not hold a playground'],
    [
      'not UTF-8',
      deflateRawSync(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])).toString('base64url'),
      'does not hold a playground',
    ],
    ['no version', forge('{"files":[{"path":"Dockerfile","content":""}]}'), 'different version'],
    ['a later version', forge('{"v":2,"files":[{"path":"Dockerfile","content":""}]}'), 'different version'],
    ['JSON null', forge('null'), 'different version'],
    [
      'a path outside the context',
      forge('{"v":1,"files":[{"path":"Dockerfile","content":""},{"path":"../../etc/passwd","content":""}]}'),
      'outside itself',
    ],
    ['no Dockerfile', forge('{"v":1,"files":[{"path":"main.go","content":""}]}'), 'no Dockerfile'],
  ])('refuses %s', async (_, encoded, reason) => {
    await expect(refusal(encoded)).resolves.toContain(reason);
  });

  it('refuses, rather than throws, where the browser cannot inflate deflate-raw', async () => {
    const encoded = await encodeState(state);
    const original = globalThis.DecompressionStream;
    try {
      Reflect.deleteProperty(globalThis, 'DecompressionStream');
      await expect(refusal(encoded)).resolves.toBe('this browser cannot unpack it');
    } finally {
      globalThis.DecompressionStream = original;
    }
  });

  it('refuses an over-long link before decoding it', async () => {
    await expect(refusal('A'.repeat(LINK_LIMITS.encoded + 1))).resolves.toContain('too long');
  });

  it('stops inflating a deflate bomb at the limit', async () => {
    // 32 MiB of spaces deflate to about 32 KiB: under the link limit, far over what may be unpacked.
    const bomb = deflateRawSync(Buffer.alloc(32 * 1024 * 1024, 0x20), { level: 9 }).toString('base64url');
    expect(bomb.length).toBeLessThanOrEqual(LINK_LIMITS.encoded);
    await expect(refusal(bomb)).resolves.toContain('more than a playground can hold');
  });

  it('refuses a state over the size limit even when it compresses well', async () => {
    const huge = forge(
      JSON.stringify({ v: 1, files: [{ path: 'Dockerfile', content: 'x'.repeat(300 * 1024) }] }),
    );
    await expect(refusal(huge)).resolves.toContain('larger than 256 KiB');
  });
});

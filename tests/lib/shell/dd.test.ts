/**
 * dd and head -c: exact output sizes from /dev/zero, /dev/urandom, files and pipes, and dd's
 * report as GNU coreutils 9.1 (Debian bookworm) prints it, less the time and speed.
 */
import { describe, expect, it } from 'vitest';
import { build, node, sh } from './shell-fixture.ts';

const debian = { image: 'debian:bookworm' };

describe('dd', () => {
  it('writes count blocks of bs bytes, with K, M and kB suffixes (sh-dd, sh-slim-dd, sh-dd-rm)', async () => {
    const result = await build(
      'FROM debian:bookworm\nRUN dd if=/dev/zero of=/big bs=1024 count=64 && dd if=/dev/zero of=/z bs=512 count=3 && dd if=/dev/urandom of=/r bs=1M count=2 && dd if=/dev/zero of=/k bs=1kB count=3 && dd if=/dev/zero of=/g bs=1G count=1\n',
    );
    expect(node(result, '/big')).toMatchObject({ kind: 'file', size: 65536, mode: 0o644 });
    expect(node(result, '/z')).toMatchObject({ size: 1536 });
    expect(node(result, '/r')).toMatchObject({ size: 2 * 1024 * 1024 });
    expect(node(result, '/k')).toMatchObject({ size: 3000 });
    expect(node(result, '/g')).toMatchObject({ size: 1024 ** 3 });
    const removed = await build(
      'FROM debian:bookworm\nRUN dd if=/dev/zero of=/big bs=1M count=2 && rm /big\n',
    );
    expect(removed.ok).toBe(true);
  });

  it('prints its records and the bytes copied on stderr, or nothing with status=none', async () => {
    expect((await sh('dd if=/dev/zero of=/big bs=1024 count=64', debian)).stderr).toBe(
      '64+0 records in\n64+0 records out\n65536 bytes (66 kB, 64 KiB) copied\n',
    );
    expect((await sh('dd if=/dev/zero of=/z bs=512 count=3', debian)).stderr).toBe(
      '3+0 records in\n3+0 records out\n1536 bytes (1.5 kB, 1.5 KiB) copied\n',
    );
    expect((await sh('dd if=/dev/zero of=/m bs=1M count=2', debian)).stderr).toContain(
      '2097152 bytes (2.1 MB, 2.0 MiB) copied',
    );
    expect((await sh('dd if=/dev/zero of=/s bs=100 count=1', debian)).stderr).toContain('100 bytes copied');
    expect((await sh('dd if=/dev/zero of=/n bs=1K count=1 status=none', debian)).stderr).toBe('');
  });

  it('copies a file from skip= and counts a partial record', async () => {
    const copied = await sh('printf 0123456789 > /f && dd if=/f of=/g bs=4 skip=1 && cat /g', debian);
    expect(copied.stdout).toBe('456789');
    expect(copied.stderr).toMatch(/^1\+1 records in\n1\+1 records out\n6 bytes copied\n$/);
    const piped = await sh('echo hello | dd bs=2 count=2 status=none', debian);
    expect(piped.stdout).toBe('hell');
  });

  it('fails as GNU dd does', async () => {
    expect(await sh('dd if=/nope of=/x', debian)).toMatchObject({
      status: 1,
      stderr: "dd: failed to open '/nope': No such file or directory\n",
    });
    expect((await sh('dd if=/dev/zero of=/x bs=1Q count=1', debian)).stderr).toBe(
      "dd: invalid number: '1Q'\n",
    );
    expect((await sh('dd foo', debian)).stderr).toBe(
      "dd: unrecognized operand 'foo'\nTry 'dd --help' for more information.\n",
    );
    expect((await sh('dd if=/dev/zero of=/no/such bs=1 count=1', debian)).stderr).toBe(
      "dd: failed to open '/no/such': No such file or directory\n",
    );
  });

  it('says it cannot follow an endless read', async () => {
    const endless = await sh('dd if=/dev/zero of=/x', debian);
    expect(endless.status).toBe(0);
    expect(endless.state.gaps.map((gap) => gap.kind)).toEqual(['not-followed']);
  });
});

describe('head -c', () => {
  it('reads N bytes of /dev/zero and /dev/urandom, with suffixes (sh-head-c, sh-head-c-urandom)', async () => {
    const result = await build(
      'FROM debian:bookworm\nRUN head -c 1000 /dev/zero > /z && head -c 4096 /dev/urandom > /r && head -c 5M /dev/urandom > /big && head -c 1K /dev/urandom | cat > /piped\n',
    );
    expect(node(result, '/z')).toMatchObject({ kind: 'file', size: 1000 });
    expect(node(result, '/r')).toMatchObject({ size: 4096 });
    expect(node(result, '/big')).toMatchObject({ size: 5 * 1024 * 1024 });
    expect(node(result, '/piped')).toMatchObject({ size: 1024 });
    // random data is new every time: two reads are not the same content
    const twice = await build(
      'FROM debian:bookworm\nRUN head -c 8 /dev/urandom > /a && head -c 8 /dev/urandom > /b\n',
    );
    const a = node(twice, '/a');
    const b = node(twice, '/b');
    expect(a?.kind === 'file' && b?.kind === 'file' && a.contentId !== b.contentId).toBe(true);
  });

  it('takes bytes of text and of files, and all but the last N with -c -N', async () => {
    expect((await sh('echo hello | head -c 3', debian)).stdout).toBe('hel');
    expect((await sh('head -c2 /app/three.txt', debian)).stdout).toBe('a\n');
    expect((await sh('head -c -2 /app/three.txt', debian)).stdout).toBe('a\nb\n');
    expect((await sh('tail -c 2 /app/three.txt', debian)).stdout).toBe('c\n');
    expect((await sh('tail -n +2 /app/three.txt', debian)).stdout).toBe('b\nc\n');
    expect((await sh('head -c 1x /app/three.txt', debian)).stderr).toBe(
      "head: invalid number of bytes: '1x'\n",
    );
  });
});

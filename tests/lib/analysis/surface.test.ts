import { describe, expect, it } from 'vitest';
import { buildAndAnalyze } from './build-and-analyze.ts';

const surfaceOf = async (dockerfile: string) => (await buildAndAnalyze(dockerfile)).analysis.surface;

describe('attack surface', () => {
  it('finds busybox’s shell and network applets, apk and root on Alpine', async () => {
    const surface = await surfaceOf('FROM alpine:3.22\nCMD ["sh"]\n');
    const names = (category: string) =>
      surface?.items.filter((item) => item.category === category).map((item) => item.name);
    expect(names('shell')).toEqual(expect.arrayContaining(['sh', 'ash', 'busybox']));
    expect(names('network-tool')).toEqual(expect.arrayContaining(['wget', 'nc', 'nslookup']));
    expect(names('package-manager')).toEqual(['apk']);
    expect(names('compiler')).toEqual([]);
    expect(names('root-user')).toEqual(['root']);
    // Alpine's base has no setuid binary (busybox-suid is not installed).
    expect(names('setuid')).toEqual([]);
  });

  it('finds compilers, apt and setuid binaries on python:3.9', async () => {
    const { counts } = (await surfaceOf('FROM python:3.9\nCMD ["python3"]\n')) ?? { counts: {} };
    expect(counts).toMatchObject({ compiler: expect.any(Number), 'package-manager': 4 });
    expect((counts as Record<string, number>).compiler).toBeGreaterThan(3);
    expect((counts as Record<string, number>).setuid).toBeGreaterThan(5);
  });

  it('finds nothing in a scratch image with one file and a non-root user', async () => {
    const surface = await surfaceOf(
      'FROM scratch\nCOPY --from=busybox /etc/passwd /etc/passwd\nUSER 65534\n',
    );
    expect(surface?.items).toEqual([]);
    expect(surface?.executables).toBe(0);
  });

  it('reports each category once, with the paths that triggered it', async () => {
    const { analysis } = await buildAndAnalyze('FROM alpine:3.22\nCMD ["sh"]\n');
    const codes = analysis.diagnostics.filter((d) => d.code.startsWith('surface/')).map((d) => d.code);
    expect(codes).toEqual([
      'surface/network-tool',
      'surface/package-manager',
      'surface/root-user',
      'surface/shell',
    ]);
    expect(analysis.diagnostics.find((d) => d.code === 'surface/shell')?.hint).toContain('/bin/sh');
  });
});

describe('world-writable paths', () => {
  it('finds a directory anyone may write, but not a sticky one such as /tmp', async () => {
    const { analysis } = await buildAndAnalyze(
      'FROM alpine:3.22\nRUN mkdir -p /srv/uploads /srv/scratch && chmod 777 /srv/uploads && chmod 1777 /srv/scratch\nUSER nobody\n',
    );
    const writable = analysis.surface?.items.filter((item) => item.category === 'world-writable');
    expect(writable?.map((item) => item.name)).toEqual(['/srv/uploads']);
    expect(analysis.diagnostics.find((d) => d.code === 'surface/world-writable')?.message).toContain(
      '/srv/uploads',
    );
  });

  it('finds none in the official images', async () => {
    for (const image of ['alpine:3.22', 'python:3.9-slim', 'gcr.io/distroless/static-debian12']) {
      const surface = await surfaceOf(`FROM ${image}\nUSER 65532\n`);
      expect(surface?.counts['world-writable']).toBe(0);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { findOnPath, lstat, stat } from '../../../src/lib/fs/tree.ts';
import { committedCatalog } from './catalog-fixture.ts';

const pathOf = (env: readonly string[]) => env.find((e) => e.startsWith('PATH='))?.slice(5) ?? '';

describe('the attack surface of the brief images', () => {
  it('python:3.9 carries a shell, curl, a C compiler and pip', async () => {
    const { tree, record } = await (await committedCatalog()).load('python:3.9');
    for (const path of [
      '/bin/bash',
      '/usr/bin/curl',
      '/usr/bin/gcc',
      '/usr/local/bin/pip',
      '/usr/bin/wget',
      '/usr/bin/git',
    ]) {
      expect(stat(tree, path), path).toBeDefined();
    }
    expect(lstat(tree, '/usr/local/bin/pip')).toMatchObject({ kind: 'symlink', target: 'pip3' });
    expect(stat(tree, '/usr/local/bin/pip3')).toMatchObject({
      kind: 'file',
      exec: { kind: 'script', shebang: '/usr/local/bin/python3.9' },
    });
    expect(stat(tree, '/usr/local/bin/python3')).toMatchObject({
      exec: { kind: 'elf', linkage: 'dynamic', interpreter: '/lib64/ld-linux-x86-64.so.2' },
    });
    expect(findOnPath(tree, pathOf(record.config.Env), 'python')).toBe('/usr/local/bin/python');
    for (const absent of ['nc', 'nslookup', 'ping'])
      expect(findOnPath(tree, pathOf(record.config.Env), absent)).toBeUndefined();
  });

  it('python:3.9-alpine has busybox sh and network applets, but no bash, curl or gcc', async () => {
    const { tree, record } = await (await committedCatalog()).load('python:3.9-alpine');
    const path = pathOf(record.config.Env);
    expect(lstat(tree, '/bin/sh')).toMatchObject({ kind: 'symlink', target: '/bin/busybox' });
    expect(stat(tree, '/bin/busybox')).toMatchObject({
      kind: 'file',
      exec: { kind: 'elf', linkage: 'dynamic', interpreter: '/lib/ld-musl-x86_64.so.1' },
    });
    for (const applet of ['wget', 'nc', 'nslookup']) {
      const found = findOnPath(tree, path, applet);
      expect(found, applet).toBeDefined();
      expect(lstat(tree, found as string)).toMatchObject({ kind: 'symlink', target: '/bin/busybox' });
    }
    for (const absent of ['bash', 'curl', 'gcc', 'cc', 'make', 'git'])
      expect(findOnPath(tree, path, absent), absent).toBeUndefined();
    expect(findOnPath(tree, path, 'pip')).toBe('/usr/local/bin/pip');
  });

  it('golang:1-alpine has the go tool but no C compiler', async () => {
    const { tree, record } = await (await committedCatalog()).load('golang:1-alpine');
    const path = pathOf(record.config.Env);
    expect(findOnPath(tree, path, 'go')).toBe('/usr/local/go/bin/go');
    expect(stat(tree, '/usr/local/go/bin/go')).toMatchObject({ exec: { kind: 'elf', linkage: 'static' } });
    for (const cc of ['gcc', 'cc', 'g++', 'clang', 'musl-gcc'])
      expect(findOnPath(tree, path, cc), cc).toBeUndefined();
  });

  it('golang:1 has gcc, so cgo is on by default', async () => {
    const { tree, record } = await (await committedCatalog()).load('golang:1');
    const path = pathOf(record.config.Env);
    expect(findOnPath(tree, path, 'gcc')).toBe('/usr/bin/gcc');
    expect(record.config.WorkingDir).toBe('/go');
    // The brief's scratch example creates its user here and copies /etc/passwd out.
    expect(findOnPath(tree, path, 'groupadd')).toBe('/usr/sbin/groupadd');
    expect(findOnPath(tree, path, 'useradd')).toBe('/usr/sbin/useradd');
  });

  it('scratch is empty', async () => {
    const image = await (await committedCatalog()).load('scratch');
    expect(image.layers).toHaveLength(0);
    expect(image.tree.children.size).toBe(0);
    expect(image.record.size).toBe(0);
    expect(image.contents.size).toBe(0);
  });

  it('distroless static has no shell and no libc, and :nonroot runs as 65532', async () => {
    const catalog = await committedCatalog();
    const image = await catalog.load('gcr.io/distroless/static-debian12:nonroot');
    expect(stat(image.tree, '/bin/sh')).toBeUndefined();
    expect(stat(image.tree, '/lib64/ld-linux-x86-64.so.2')).toBeUndefined();
    expect(image.record.config.User).toBe('65532');
    expect(image.contents.get('/etc/passwd')).toContain('nonroot:x:65532:65532');
    const base = await catalog.load('gcr.io/distroless/base-debian12');
    expect(stat(base.tree, '/lib64/ld-linux-x86-64.so.2')).toBeDefined();
  });

  it('busybox is one binary with hard links', async () => {
    const { tree } = await (await committedCatalog()).load('busybox');
    expect(lstat(tree, '/bin/sh')).toMatchObject({ kind: 'hardlink' });
    expect(lstat(tree, '/bin/bash')).toBeUndefined();
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateBuild } from '../../../src/lib/build/simulate.ts';
import { listTar } from '../../../src/lib/build/tar.ts';
import { lstat } from '../../../src/lib/fs/tree.ts';
import { committedCatalog } from '../images/catalog-fixture.ts';

/** A real archive made by the system's tar, so the parser is checked against the format, not itself. */
function realTar(): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'tar-'));
  mkdirSync(join(dir, 'app/bin'), { recursive: true });
  writeFileSync(join(dir, 'app/bin/run.sh'), '#!/bin/sh\necho run\n', { mode: 0o755 });
  writeFileSync(join(dir, 'app/README'), 'hello\n');
  execFileSync('tar', ['-cf', join(dir, 'app.tar'), '-C', dir, 'app']);
  return new Uint8Array(readFileSync(join(dir, 'app.tar')));
}

describe('ADD of a local tar archive', () => {
  it('lists a real tar archive', () => {
    const entries = listTar(realTar()).map((entry) => [
      entry.path,
      entry.kind,
      entry.size,
      entry.mode.toString(8),
    ]);
    expect(entries).toEqual(
      expect.arrayContaining([
        ['app', 'dir', 0, '755'],
        ['app/bin/run.sh', 'file', 19, '755'],
        ['app/README', 'file', 6, '644'],
      ]),
    );
  });

  it('extracts it into the destination, while COPY copies the archive itself', async () => {
    const archive = listTar(realTar());
    const result = await simulateBuild({
      dockerfile: 'FROM alpine:3.22\nADD app.tar /opt/\nCOPY app.tar /srv/\n',
      context: { files: [{ path: 'app.tar', size: 10240, archive }] },
      catalog: await committedCatalog(),
    });
    expect(result.ok).toBe(true);
    const tree = result.stages[0]?.tree;
    if (!tree) throw new Error('no tree');
    expect(lstat(tree, '/opt/app/bin/run.sh')).toMatchObject({ kind: 'file', size: 19, mode: 0o755 });
    expect(lstat(tree, '/srv/app.tar')).toMatchObject({ kind: 'file', size: 10240 });
    expect(result.steps[0]?.narrative).toMatch(/unpacked the archive app.tar/);
  });
});

/** tar -c, -x and -t: GNU tar's archive sizes (512-byte blocks, 10240-byte records) and what it unpacks. */
import { describe, expect, it } from 'vitest';
import { build, node, sh, text } from './shell-fixture.ts';

const debian = { image: 'debian:bookworm' };

describe('tar -c', () => {
  it('makes an archive of headers, data blocks and end blocks, padded to 10240 bytes (sh-tar-create)', async () => {
    const result = await build('FROM debian:bookworm\nRUN mkdir /d && echo x > /d/f && tar -cf /d.tar /d\n');
    expect(node(result, '/d.tar')).toMatchObject({ kind: 'file', size: 10240, mode: 0o644 });
    // 20 members of 512 bytes of data: 20 × (512 + 512) + 1024 = 21504 → three records
    const big = await build(
      'FROM debian:bookworm\nRUN mkdir /e && for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do head -c 512 /dev/zero > /e/$i; done && tar -cf /e.tar -C /e .\n',
    );
    expect(node(big, '/e.tar')).toMatchObject({ size: 30720 });
  });

  it('says it removes the leading / and fails for a missing member', async () => {
    const made = await sh('mkdir /d && tar -cf /d.tar /d', debian);
    expect(made).toMatchObject({ status: 0, stderr: "tar: Removing leading `/' from member names\n" });
    expect(await sh('tar -cf /x.tar /nope', debian)).toMatchObject({
      status: 2,
      stderr:
        'tar: /nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n',
    });
  });

  it('marks a compressed archive’s size as an estimate', async () => {
    const zipped = await sh(
      'mkdir /d && head -c 100000 /dev/urandom > /d/r && tar -czf /d.tgz -C / d',
      debian,
    );
    expect(zipped.status).toBe(0);
    expect(zipped.state.gaps).toEqual([expect.objectContaining({ level: 'estimated', kind: 'model' })]);
  });
});

describe('tar -x', () => {
  it('unpacks what tar -c made, with owners, modes and text (sh-tar-extract)', async () => {
    const result = await build(
      'FROM debian:bookworm\nCOPY dir /src/\nRUN chmod 600 /src/one.txt && tar -C /src -cf /t.tar . && mkdir /out && tar -xf /t.tar -C /out && tar -tf /t.tar > /list\n',
      { 'dir/one.txt': 'one\n', 'dir/sub/two.txt': 'two two\n' },
    );
    expect(result.ok).toBe(true);
    expect(node(result, '/out/one.txt')).toMatchObject({ kind: 'file', size: 4, mode: 0o600, uid: 0 });
    expect(text(result, '/out/sub/two.txt')).toBe('two two\n');
    expect(text(result, '/list')).toBe('./\n./one.txt\n./sub/\n./sub/two.txt\n');
  });
});

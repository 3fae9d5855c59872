/** Archives made to hurt the reader: each is refused with its own code, or read within bounds. */
import { gzipSync, zstdCompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkRun } from '../../../src/lib/analysis/run-check.ts';
import { bytesSource } from '../../../src/lib/image-archive/byte-source.ts';
import type { ArchiveError } from '../../../src/lib/image-archive/errors.ts';
import { type ReadOptions, readSavedImage } from '../../../src/lib/image-archive/read-image.ts';
import { dockerArchive, tarOf } from './tar-builder.ts';

const read = (bytes: Uint8Array, options: ReadOptions = {}) => readSavedImage(bytesSource(bytes), options);

async function refusal(bytes: Uint8Array, options: ReadOptions = {}): Promise<ArchiveError> {
  const error = await read(bytes, options).then(
    () => undefined,
    (caught: unknown) => caught as ArchiveError,
  );
  if (!error) throw new Error('the archive was read, not refused');
  return error;
}

const layer = tarOf([
  { name: 'bin/', dir: true },
  { name: 'bin/app', data: 'binary', mode: 0o755 },
]);

describe('what is not a saved image', () => {
  it('refuses a plain tar of files, saying how to make an image archive', async () => {
    const error = await refusal(tarOf([{ name: 'src/main.go', data: 'package main' }]));
    expect(error.code).toBe('archive/not-an-image');
    expect(error.message).toContain('docker save -o image.tar');
  });

  it('refuses a file that is not a tar at all', async () => {
    const error = await refusal(new TextEncoder().encode('hello world\n'.repeat(100)));
    expect(error.code).toBe('archive/not-a-tar');
  });

  it('refuses a truncated archive', async () => {
    const whole = dockerArchive([layer]);
    const error = await refusal(whole.subarray(0, 2048 + 700));
    expect(error.code).toBe('archive/truncated');
  });

  it('refuses a truncated gzip layer', async () => {
    let seed = 1;
    const noise = new Uint8Array(200_000).map(() => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed >> 23;
    });
    const packed = gzipSync(tarOf([{ name: 'big', data: noise }]));
    const error = await refusal(dockerArchive([packed.subarray(0, packed.length >> 1)]));
    expect(['archive/corrupt-layer', 'archive/truncated']).toContain(error.code);
  });

  it('refuses a manifest that names a missing blob', async () => {
    const archive = tarOf([
      {
        name: 'manifest.json',
        data: JSON.stringify([{ Config: 'config.json', Layers: ['gone/layer.tar'] }]),
      },
      { name: 'config.json', data: JSON.stringify({ rootfs: { diff_ids: [] } }) },
    ]);
    const error = await refusal(archive);
    expect(error.code).toBe('archive/missing-blob');
    expect(error.message).toContain('gone/layer.tar');
  });
});

describe('paths that leave the archive or the image', () => {
  it('refuses a manifest pointing outside the archive', async () => {
    for (const name of ['../../etc/passwd', '/etc/passwd']) {
      const archive = tarOf([
        { name: 'manifest.json', data: JSON.stringify([{ Config: 'config.json', Layers: [name] }]) },
        { name: 'config.json', data: JSON.stringify({ rootfs: { diff_ids: [] } }) },
      ]);
      expect((await refusal(archive)).code).toBe('archive/outside');
    }
  });

  it('refuses an archive member linked outside the archive', async () => {
    const archive = dockerArchive([], {}, []);
    const withLink = tarOf([
      { name: 'manifest.json', data: JSON.stringify([{ Config: 'config.json', Layers: ['l/layer.tar'] }]) },
      { name: 'config.json', data: JSON.stringify({ rootfs: { diff_ids: ['x'] } }) },
      { name: 'l/layer.tar', symlink: '../../../etc/shadow' },
    ]);
    expect(archive.length).toBeGreaterThan(0);
    expect((await refusal(withLink)).code).toBe('archive/outside');
  });

  it('refuses a layer entry that climbs out of the image root', async () => {
    const evil = tarOf([{ name: '../../etc/cron.d/evil', data: 'x' }]);
    const error = await refusal(dockerArchive([evil]));
    expect(error.code).toBe('archive/outside');
    expect(error.message).toContain('../../etc/cron.d/evil');
  });

  it('refuses a hard link to a path outside the image root', async () => {
    const evil = tarOf([{ name: 'passwd', hardlink: '../../../etc/passwd' }]);
    expect((await refusal(dockerArchive([evil]))).code).toBe('archive/outside');
  });

  it('keeps a leading slash or ./ inside the image', async () => {
    const image = await read(
      dockerArchive([
        tarOf([
          { name: './etc/', dir: true },
          { name: '/etc/hostname', data: 'box\n' },
        ]),
      ]),
    );
    expect(image.stage.tree?.children.get('etc')?.kind).toBe('dir');
  });
});

describe('link loops', () => {
  it('refuses archive members that link to each other', async () => {
    const archive = tarOf([
      { name: 'manifest.json', data: JSON.stringify([{ Config: 'config.json', Layers: ['a/layer.tar'] }]) },
      { name: 'config.json', data: JSON.stringify({ rootfs: { diff_ids: ['x'] } }) },
      { name: 'a/layer.tar', symlink: '../b/layer.tar' },
      { name: 'b/layer.tar', symlink: '../a/layer.tar' },
    ]);
    expect((await refusal(archive)).code).toBe('archive/link-loop');
  });

  it('reads an image whose own symlinks loop, and the run check ends', async () => {
    const loop = tarOf([
      { name: 'a', symlink: '/b' },
      { name: 'b', symlink: '/a' },
    ]);
    const image = await read(dockerArchive([loop], { Entrypoint: ['/a'] }));
    const run = checkRun(image.stage);
    expect(run.starts).toBe(false);
    expect(image.stage.size).toBe(4);
  });
});

describe('decompression bombs', () => {
  const zeros = (bytes: number) => tarOf([{ name: 'zeros', data: new Uint8Array(bytes) }]);

  it('refuses a zstd layer that expands far past any real ratio', async () => {
    const bomb = zstdCompressSync(zeros(8 << 20));
    expect(bomb.length).toBeLessThan(8 << 10);
    const error = await refusal(dockerArchive([bomb]), {
      limits: { ratioCheckAfter: 1 << 20, compressionRatio: 500 },
    });
    expect(error.code).toBe('archive/too-large');
    expect(error.message).toContain('decompression bomb');
  });

  it('refuses layers that unpack past the total limit', async () => {
    const error = await refusal(dockerArchive([gzipSync(zeros(4 << 20))]), {
      limits: { unpackedBytes: 2 << 20 },
    });
    expect(error.code).toBe('archive/too-large');
  });

  it('reads the same layer within the limits, keeping none of its data', async () => {
    const image = await read(dockerArchive([gzipSync(zeros(4 << 20))]));
    expect(image.layers[0]?.compression).toBe('gzip');
    expect(image.stage.size).toBe(4 << 20);
  });
});

describe('huge metadata', () => {
  it('refuses a manifest larger than the metadata limit', async () => {
    const error = await refusal(dockerArchive([layer]), { limits: { metadataBytes: 100 } });
    expect(error.code).toBe('archive/too-large');
  });

  it('refuses a pax record larger than any real one', async () => {
    const huge = tarOf([{ name: `${'d/'.repeat(2000)}f`, data: 'x' }]);
    const error = await refusal(dockerArchive([huge]), { limits: { paxBytes: 1000 } });
    expect(error.code).toBe('archive/too-large');
  });

  it('refuses paths longer than PATH_MAX', async () => {
    const deep = tarOf([{ name: `${'directory/'.repeat(500)}f`, data: 'x' }]);
    expect((await refusal(dockerArchive([deep]))).code).toBe('archive/too-large');
  });

  it('refuses more layer entries than it keeps track of', async () => {
    const many = tarOf(Array.from({ length: 50 }, (_, i) => ({ name: `f${i}`, data: '' })));
    expect((await refusal(dockerArchive([many]), { limits: { layerEntries: 20 } })).code).toBe(
      'archive/too-large',
    );
  });
});

describe('cancelling', () => {
  it('stops with a cancelled error once the signal fires', async () => {
    const controller = new AbortController();
    const big = tarOf(
      Array.from({ length: 40 }, (_, i) => ({ name: `f${i}`, data: new Uint8Array(100_000) })),
    );
    const error = await refusal(dockerArchive([big, big]), {
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.phase === 'layer') controller.abort();
      },
    });
    expect(error.code).toBe('archive/cancelled');
  });
});

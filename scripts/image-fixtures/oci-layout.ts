/**
 * Rewrites a `docker save` archive as an OCI image layout tarball with gzip or zstd layers, as
 * `docker buildx build --output type=oci,compression=…` writes one: the same config and layer
 * contents, new blobs, digests and media types. For the fixtures only (Node 24: zstd in zlib).
 */
import { createHash } from 'node:crypto';
import { openAsBlob, writeFileSync } from 'node:fs';
import { gzipSync, zstdCompressSync } from 'node:zlib';
import { blobSource } from '../../src/lib/image-archive/byte-source.ts';
import { DEFAULT_LIMITS } from '../../src/lib/image-archive/limits.ts';
import { indexArchive, readJson, resolveMember } from '../../src/lib/image-archive/outer-archive.ts';
import { tarOf } from '../../tests/lib/image-archive/tar-builder.ts';

const [input, compression, output] = process.argv.slice(2) as [string, 'gzip' | 'zstd', string];
const source = blobSource(await openAsBlob(input));
const archive = await indexArchive(source, DEFAULT_LIMITS);
const index = (await readJson(archive, 'index.json', 'index', DEFAULT_LIMITS)) as {
  manifests: { digest: string; annotations?: Record<string, string> }[];
};
const top = index.manifests[0] as (typeof index.manifests)[0];
const manifest = (await readJson(
  archive,
  `blobs/${top.digest.replace(':', '/')}`,
  'index',
  DEFAULT_LIMITS,
)) as {
  config: { digest: string; size: number; mediaType: string };
  layers: { digest: string }[];
};
const blobs = new Map<string, Uint8Array>();
const digestOf = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const add = (bytes: Uint8Array) => {
  const digest = digestOf(bytes);
  blobs.set(digest, bytes);
  return { digest, size: bytes.length };
};
const member = async (digest: string) => {
  const m = resolveMember(archive, `blobs/${digest.replace(':', '/')}`, 'manifest');
  return source.read(m.offset, m.offset + m.size);
};
const config = add(await member(manifest.config.digest));
const layers = [];
for (const layer of manifest.layers) {
  const tar = await member(layer.digest);
  const packed = compression === 'gzip' ? gzipSync(tar, { level: 9 }) : zstdCompressSync(tar);
  layers.push({
    mediaType: `application/vnd.oci.image.layer.v1.tar+${compression}`,
    ...add(new Uint8Array(packed)),
  });
}
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const newManifest = add(
  json({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
    layers,
  }),
);
const files: [string, Uint8Array][] = [
  ['oci-layout', json({ imageLayoutVersion: '1.0.0' })],
  [
    'index.json',
    json({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          ...newManifest,
          platform: { architecture: 'amd64', os: 'linux' },
          annotations: top.annotations ?? {},
        },
      ],
    }),
  ],
  ...[...blobs].map(([digest, bytes]): [string, Uint8Array] => [`blobs/${digest.replace(':', '/')}`, bytes]),
];
writeFileSync(output, tarOf(files.map(([name, data]) => ({ name, data }))));

/**
 * A `docker save` archive rewritten as an OCI image layout tarball with gzip or zstd layers, as
 * `docker buildx build --output type=oci,compression=…` writes one: the same config and layer
 * contents, new blobs, digests and media types (Node 24's zlib has zstd).
 */
import { createHash } from 'node:crypto';
import { gzipSync, zstdCompressSync } from 'node:zlib';
import { bytesSource } from '../../../src/lib/image-archive/byte-source.ts';
import { DEFAULT_LIMITS } from '../../../src/lib/image-archive/limits.ts';
import { indexArchive, readJson, resolveMember } from '../../../src/lib/image-archive/outer-archive.ts';
import { tarOf } from './tar-builder.ts';

interface Descriptor {
  readonly digest: string;
  readonly annotations?: Record<string, string>;
}

export async function ociLayoutOf(dockerTar: Uint8Array, compression: 'gzip' | 'zstd'): Promise<Uint8Array> {
  const source = bytesSource(dockerTar);
  const archive = await indexArchive(source, DEFAULT_LIMITS);
  const json = (name: string) => readJson(archive, name, 'the fixture', DEFAULT_LIMITS);
  const blobName = (digest: string) => `blobs/${digest.replace(':', '/')}`;
  const top = ((await json('index.json')) as { manifests: Descriptor[] }).manifests[0] as Descriptor;
  const manifest = (await json(blobName(top.digest))) as { config: Descriptor; layers: Descriptor[] };
  const blobs = new Map<string, Uint8Array>();
  const add = (bytes: Uint8Array) => {
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    blobs.set(digest, bytes);
    return { digest, size: bytes.length };
  };
  const member = (digest: string) => {
    const found = resolveMember(archive, blobName(digest), 'the fixture');
    return source.read(found.offset, found.offset + found.size);
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
  const text = (value: unknown) => JSON.stringify(value);
  const imageManifest = add(
    new TextEncoder().encode(
      text({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers,
      }),
    ),
  );
  return tarOf([
    { name: 'oci-layout', data: text({ imageLayoutVersion: '1.0.0' }) },
    {
      name: 'index.json',
      data: text({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [
          {
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            ...imageManifest,
            platform: { architecture: 'amd64', os: 'linux' },
            annotations: top.annotations ?? {},
          },
        ],
      }),
    },
    ...[...blobs].map(([digest, data]) => ({ name: blobName(digest), data })),
  ]);
}

/**
 * Which files of a saved image hold its config and layers. Three layouts: `docker save`'s
 * manifest.json (classic, and still written by Docker 25+ beside an OCI layout), podman's (the
 * same manifest.json), and an OCI image layout (oci-layout + index.json, as `docker buildx build
 * --output type=oci` writes), whose index may nest a multi-platform index.
 */
import { ArchiveError } from './errors.ts';
import type { ArchiveLimits } from './limits.ts';
import { type OuterArchive, readJson } from './outer-archive.ts';

export type ArchiveFormat = 'docker-archive' | 'docker-archive+oci' | 'oci-layout';

export interface ImagePlan {
  readonly format: ArchiveFormat;
  /** repo:tag names the archive gives the image. */
  readonly references: readonly string[];
  readonly config: string;
  readonly layers: readonly string[];
  /** Other images the archive also holds (only the first is read). */
  readonly others: number;
}

interface DockerManifestEntry {
  readonly Config?: unknown;
  readonly RepoTags?: unknown;
  readonly Layers?: unknown;
}

interface Descriptor {
  readonly mediaType?: string;
  readonly digest?: string;
  readonly platform?: { readonly os?: string; readonly architecture?: string };
  readonly annotations?: Readonly<Record<string, string>>;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : [];

export async function planImage(archive: OuterArchive, limits: ArchiveLimits): Promise<ImagePlan> {
  const hasOci = archive.members.has('oci-layout') && archive.members.has('index.json');
  if (archive.members.has('manifest.json')) return dockerPlan(archive, limits, hasOci);
  if (hasOci) return ociPlan(archive, limits);
  throw new ArchiveError(
    'archive/not-an-image',
    'this tar is not a saved image: it has no manifest.json (docker save, podman save) and no oci-layout with index.json (an OCI image layout). Make one with: docker save -o image.tar IMAGE',
  );
}

async function dockerPlan(archive: OuterArchive, limits: ArchiveLimits, hasOci: boolean): Promise<ImagePlan> {
  const manifest = await readJson(archive, 'manifest.json', 'the archive', limits);
  const first = (Array.isArray(manifest) ? manifest[0] : undefined) as DockerManifestEntry | undefined;
  if (!first || typeof first.Config !== 'string' || !Array.isArray(first.Layers))
    throw new ArchiveError(
      'archive/bad-metadata',
      'manifest.json does not list an image (its Config and Layers)',
    );
  const layers = strings(first.Layers);
  if (layers.length !== first.Layers.length)
    throw new ArchiveError('archive/bad-metadata', 'manifest.json lists a layer that is not a file name');
  return {
    format: hasOci ? 'docker-archive+oci' : 'docker-archive',
    references: strings(first.RepoTags),
    config: first.Config,
    layers,
    others: (manifest as unknown[]).length - 1,
  };
}

function blobName(digest: unknown, what: string): string {
  if (typeof digest !== 'string' || !/^[a-z0-9]+:[a-f0-9]{32,128}$/.test(digest))
    throw new ArchiveError('archive/bad-metadata', `${what} has no valid digest`);
  return `blobs/${digest.replace(':', '/')}`;
}

const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);

/** The linux/amd64 image if the index offers several, else the first that is not an attestation. */
function pick(manifests: readonly Descriptor[]): Descriptor | undefined {
  const images = manifests.filter(
    (m) =>
      m.platform?.os !== 'unknown' && m.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest',
  );
  return images.find((m) => m.platform?.os === 'linux' && m.platform.architecture === 'amd64') ?? images[0];
}

async function ociPlan(archive: OuterArchive, limits: ArchiveLimits): Promise<ImagePlan> {
  let descriptor: Descriptor | undefined;
  let references: string[] = [];
  let others = 0;
  let name = 'index.json';
  for (let depth = 0; depth < 4; depth++) {
    const index = (await readJson(archive, name, depth === 0 ? 'the archive' : 'an image index', limits)) as {
      manifests?: Descriptor[];
    };
    const manifests = Array.isArray(index.manifests) ? index.manifests : [];
    descriptor = pick(manifests);
    if (!descriptor) throw new ArchiveError('archive/bad-metadata', `${name} lists no image`);
    if (depth === 0) {
      others = manifests.length - 1;
      const ref =
        descriptor.annotations?.['io.containerd.image.name'] ??
        descriptor.annotations?.['org.opencontainers.image.ref.name'];
      references = ref ? [ref] : [];
    }
    name = blobName(descriptor.digest, name);
    if (!INDEX_TYPES.has(descriptor.mediaType ?? '')) break;
  }
  const manifest = (await readJson(archive, name, 'index.json', limits)) as {
    config?: Descriptor;
    layers?: Descriptor[];
  };
  if (!manifest.config || !Array.isArray(manifest.layers))
    throw new ArchiveError('archive/bad-metadata', `${name} is not an image manifest (no config and layers)`);
  return {
    format: 'oci-layout',
    references,
    config: blobName(manifest.config.digest, 'the manifest’s config'),
    layers: manifest.layers.map((layer, i) => blobName(layer.digest, `layer ${i + 1} of the manifest`)),
    others,
  };
}

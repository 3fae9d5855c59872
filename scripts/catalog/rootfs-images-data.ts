/**
 * The base images add-rootfs-images.ts adds from the root filesystems extra-rootfs.sh builds:
 * each one's tags (the official library's, docs/catalog.md Tag histories), config and published
 * size as docker-library/repo-info records them, and what is real about it.
 */
import type { HistoryRecord, ImageConfig, LayerRecord } from '../../src/lib/images/format.ts';

/** Every added image's notes end with this line, so a new run can drop the old ones first. */
export const ROOTFS_MARK = 'Added to the generated catalog by scripts/catalog/add-rootfs-images.ts.';

export interface RepoInfoRecord {
  /** the record, e.g. repos/ubuntu/local/noble-20260905.md */
  readonly path: string;
  /** the tag the record's heading names */
  readonly tag: string;
  /** "Virtual Size" in decimal MB */
  readonly mb: number;
  /** the record's Created date */
  readonly date: string;
}

export interface RootfsImage {
  readonly ref: string;
  /** the directory under the rootfs work directory (extra-rootfs.sh's names) */
  readonly rootfs: string;
  readonly tags: readonly string[];
  /** the history rows before the layer's (ARG, LABEL) and after it (CMD) */
  readonly before: readonly string[];
  readonly createdBy: string;
  readonly after: readonly string[];
  readonly config: Partial<ImageConfig>;
  readonly provenance: LayerRecord['provenance'];
  readonly layerNote: string;
  readonly published: RepoInfoRecord;
  readonly notes: readonly string[];
}

const DEBIAN_NOTE =
  'real: debootstrap --variant=minbase --no-merged-usr from the Debian mirror (bullseye, bullseye-updates, bullseye-security; the last bullseye packages), debuerreotype clean-up, sources.list in the one-line format';
const UBUNTU_NOTE = (release: string, minimized: boolean) =>
  `modelled: Canonical builds the image from its own rootfs (not reachable here); this is debootstrap --variant=minbase of ${release} from archive.ubuntu.com (+updates, +security), whose package set is the published image's, with apt's docker-* configuration and ${
    minimized
      ? "the minimized image's dpkg excludes applied (no man pages, translations or docs beyond copyright and Debian changelogs)"
      : 'only the man pages left out: the published 100.15 MB is the packages less their 3.3 MB of man pages (fully minimized it would be 90.6 MB, with the man pages 104.2 MB)'
  }`;

const debian = (slim: boolean, published: RepoInfoRecord): RootfsImage => {
  const s = slim ? '-slim' : '';
  return {
    ref: `debian:bullseye${s}`,
    rootfs: slim ? 'bullseye-slim' : 'bullseye-debian',
    tags: ['bullseye', '11', '11.11', 'bullseye-20260803', 'oldoldstable', 'oldoldstable-20260803'].map(
      (t) => `debian:${t}${s}`,
    ),
    before: [],
    createdBy: `# debian.sh --arch 'amd64' out/ 'bullseye'${slim ? ' (slim)' : ''}`,
    after: ['CMD ["bash"]'],
    config: { Cmd: ['bash'] },
    provenance: 'real',
    layerNote: slim ? `${DEBIAN_NOTE} + debuerreotype-slimify` : DEBIAN_NOTE,
    published,
    notes: [
      slim
        ? 'debuerreotype-slimify applied to the real minbase rootfs: no docs except copyright, no man pages or locales.'
        : 'Files, modes, owners and packages are those of a real debootstrap --variant=minbase rootfs.',
      'Debian 11 reached the end of its LTS support in August 2026: the image gets no more security updates.',
    ],
  };
};

const ubuntu = (
  version: string,
  codename: string,
  build: string,
  labels: Record<string, string>,
  published: RepoInfoRecord,
  extraNote: string,
): RootfsImage => ({
  ref: `ubuntu:${version}`,
  rootfs: `${codename}-ubuntu`,
  tags: [version, codename, build, ...(version === '26.04' ? ['latest', 'rolling'] : [])].map(
    (t) => `ubuntu:${t}`,
  ),
  before: ['ARG RELEASE', 'ARG LAUNCHPAD_BUILD_ARCH', `LABEL org.opencontainers.image.version=${version}`],
  createdBy: `ADD file:ubuntu-${codename}-oci-amd64-root.tar.gz in / `,
  after: ['CMD ["/bin/bash"]'],
  config: { Cmd: ['/bin/bash'], Labels: labels },
  provenance: 'modelled',
  layerNote: UBUNTU_NOTE(`${codename} (${version})`, version !== '26.04'),
  published,
  notes: [
    `Ubuntu ${version}'s packages from the Ubuntu archive, installed by debootstrap: the files of those packages are real and the package set is the published image's (repo-info); the clean-up around them is modelled.`,
    extraNote,
  ],
});

const CANONICAL_DESCRIPTION = `The Ubuntu container image maintained by Canonical

Ubuntu is a Debian-based Linux operating system that runs from the desktop to the cloud, to all your internet connected things.
It is the world's most popular operating system across public clouds and OpenStack clouds.
It is the number one platform for containers; from Docker to Kubernetes to LXD, Ubuntu can run your containers at scale.
Fast, secure and simple, Ubuntu powers millions of PCs worldwide.
`;

export const ROOTFS_IMAGES: readonly RootfsImage[] = [
  debian(false, {
    path: 'repos/debian/local/oldoldstable-20260824.md',
    tag: 'debian:oldoldstable (bullseye)',
    mb: 124.33,
    date: '2026-08-24',
  }),
  debian(true, {
    path: 'repos/debian/local/11-slim.md',
    tag: 'debian:bullseye-slim',
    mb: 80.68,
    date: '2026-08-24',
  }),
  ubuntu(
    '22.04',
    'jammy',
    'jammy-20260810',
    { 'org.opencontainers.image.version': '22.04' },
    { path: 'repos/ubuntu/local/jammy-20260901.2.md', tag: 'ubuntu:22.04', mb: 78.09, date: '2026-09-03' },
    'No default user: /usr/local/sbin/unminimize (modelled) restores the documentation.',
  ),
  ubuntu(
    '24.04',
    'noble',
    'noble-20260810',
    { 'org.opencontainers.image.version': '24.04' },
    { path: 'repos/ubuntu/local/noble-20260905.md', tag: 'ubuntu:24.04', mb: 78.18, date: '2026-09-07' },
    'Since 23.04 the image has a user `ubuntu` (uid and gid 1000, home /home/ubuntu): a Dockerfile that adds a user with uid 1000 collides with it.',
  ),
  ubuntu(
    '26.04',
    'resolute',
    'resolute-20260811.1',
    {
      'org.opencontainers.image.created': '2026-06-27T04:19:04.617438+00:00',
      'org.opencontainers.image.description': CANONICAL_DESCRIPTION,
      'org.opencontainers.image.title': 'ubuntu',
      'org.opencontainers.image.version': '26.04',
    },
    { path: 'repos/ubuntu/local/resolute.md', tag: 'ubuntu:26.04', mb: 100.15, date: '2026-06-27' },
    'Since 23.04 the image has a user `ubuntu` (uid and gid 1000, home /home/ubuntu): a Dockerfile that adds a user with uid 1000 collides with it.',
  ),
];

/** The history rows of an image whose one layer is `layer`. */
export function historyOf(image: RootfsImage, layer: string): HistoryRecord[] {
  return [
    ...image.before.map((createdBy) => ({ createdBy })),
    { createdBy: image.createdBy, layer },
    ...image.after.map((createdBy) => ({ createdBy })),
  ];
}

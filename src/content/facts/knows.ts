/**
 * What the simulator has data for, summed up from the committed catalog and package data for the
 * page that says so (src/pages/knows.astro). Node only: read while the page is rendered, so the
 * page's counts are the data's own.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CatalogIndex, ImageRecord, Provenance, Source } from '../../lib/images/format.ts';
import type { TagHistoryIndex } from '../../lib/images/tag-history.ts';

const PUBLIC = join(process.cwd(), 'public');

export interface KnownLayer {
  readonly createdBy: string;
  readonly size: number;
  readonly provenance: Provenance;
  readonly note: string;
  /** The image listed first with this layer, when it is another: shared layers are described once. */
  readonly sameAs?: string;
}

export interface KnownImage {
  readonly ref: string;
  readonly tags: readonly string[];
  readonly size: number;
  readonly published: ImageRecord['published'];
  readonly layers: readonly KnownLayer[];
  readonly notes: readonly string[];
}

export interface TagHistorySummary {
  readonly repository: string;
  readonly complete: boolean;
  readonly source: string;
  readonly asOf: string;
}

/** How many records a package list holds, by the provenance each record states. */
export type ProvenanceCounts = Readonly<Record<string, number>>;

export interface PackageSummary {
  readonly pip: {
    readonly python: string;
    readonly projects: number;
    readonly releases: number;
    readonly byProvenance: ProvenanceCounts;
    readonly generated: string;
    readonly notes: readonly string[];
  };
  readonly apt: readonly {
    readonly suite: string;
    readonly packages: number;
    readonly measuredInstalls: number;
    readonly generated: string;
    readonly notes: readonly string[];
  }[];
  readonly apk: readonly {
    readonly release: string;
    readonly packages: number;
    readonly byProvenance: ProvenanceCounts;
    readonly generated: string;
    readonly notes: readonly string[];
  }[];
  readonly go: {
    readonly version: string;
    readonly measurements: number;
    readonly source: string;
    readonly notes: readonly string[];
  };
}

export interface NameListSummary {
  readonly pypi: { readonly count: number; readonly date: string; readonly source: string };
  readonly debian: readonly {
    readonly suite: string;
    readonly names: number;
    readonly source: string;
    readonly released: string;
  }[];
}

export interface Knows {
  readonly catalogGenerated: string;
  readonly images: readonly KnownImage[];
  /** Tags answered by the nearest image the catalog models, by repository. */
  readonly nearest: CatalogIndex['nearest'];
  readonly tagHistoriesGenerated: string;
  readonly tagHistories: readonly TagHistorySummary[];
  readonly packages: PackageSummary;
  readonly names: NameListSummary;
}

export function imagesOf(index: CatalogIndex): KnownImage[] {
  const layers = new Map(index.layers.map((layer) => [layer.id, layer]));
  const firstIn = new Map<string, string>();
  return index.images.map((image) => ({
    ref: image.ref,
    tags: image.tags,
    size: image.size,
    published: image.published,
    notes: image.notes,
    layers: image.layers.flatMap((id) => {
      const layer = layers.get(id);
      if (!layer) return [];
      const first = firstIn.get(id);
      if (first === undefined) firstIn.set(id, image.ref);
      const known = {
        createdBy: layer.createdBy,
        size: layer.size,
        provenance: layer.provenance,
        note: layer.note,
      };
      return [first === undefined || first === image.ref ? known : { ...known, sameAs: first }];
    }),
  }));
}

export function tagHistoriesOf(index: TagHistoryIndex): TagHistorySummary[] {
  return Object.entries(index.repositories)
    .map(([repository, entry]) => ({
      repository,
      complete: entry.complete,
      source: entry.source,
      asOf: entry.asOf,
    }))
    .sort((a, b) => a.repository.localeCompare(b.repository));
}

export function countByProvenance(records: readonly { readonly provenance: string }[]): ProvenanceCounts {
  const counts: Record<string, number> = {};
  for (const record of records) counts[record.provenance] = (counts[record.provenance] ?? 0) + 1;
  return counts;
}

/**
 * A front-coded Debian name list's header (`# source: …`, `# Release Date: …`) and its number of
 * names; a name only a Provides: gives (trailing `*`) counts too, as apt accepts it.
 */
export function debianNameList(suite: string, text: string): NameListSummary['debian'][number] {
  const lines = text.split('\n');
  const header = (key: string) =>
    lines
      .find((line) => line.startsWith(`# ${key}:`))
      ?.slice(key.length + 3)
      .trim() ?? '';
  return {
    suite,
    names: lines.filter((line) => line !== '' && !line.startsWith('#')).length,
    source: header('source'),
    released: header('Release Date'),
  };
}

const read = (path: string) => readFile(join(PUBLIC, path), 'utf8');
const json = async <T>(path: string): Promise<T> => JSON.parse(await read(path)) as T;

interface PipIndex {
  generated: string;
  python: string;
  releases: { name: string; provenance: string }[];
  notes: string[];
}
interface AptIndex {
  generated: string;
  packages: unknown[];
  measuredInstalls: unknown[];
  notes: string[];
}
interface ApkIndex {
  generated: string;
  packages: { provenance: string }[];
  notes: string[];
}
interface GoIndex {
  goVersion: string;
  source: string;
  measurements: unknown[];
  notes: string[];
}

const APT_SUITES = ['bookworm', 'trixie'] as const;
const APK_RELEASES = ['3.22'] as const;
const DEBIAN_NAME_SUITES = ['bullseye', 'bookworm', 'trixie'] as const;

async function packageSummary(): Promise<PackageSummary> {
  const pip = await json<PipIndex>('packages/pip/index.json');
  const go = await json<GoIndex>('packages/go.json');
  return {
    pip: {
      python: pip.python,
      projects: new Set(pip.releases.map((release) => release.name)).size,
      releases: pip.releases.length,
      byProvenance: countByProvenance(pip.releases),
      generated: pip.generated,
      notes: pip.notes,
    },
    apt: await Promise.all(
      APT_SUITES.map(async (suite) => {
        const apt = await json<AptIndex>(`packages/apt/${suite}.json`);
        return {
          suite,
          packages: apt.packages.length,
          measuredInstalls: apt.measuredInstalls.length,
          generated: apt.generated,
          notes: apt.notes,
        };
      }),
    ),
    apk: await Promise.all(
      APK_RELEASES.map(async (release) => {
        const apk = await json<ApkIndex>(`packages/apk/${release}.json`);
        return {
          release,
          packages: apk.packages.length,
          byProvenance: countByProvenance(apk.packages),
          generated: apk.generated,
          notes: apk.notes,
        };
      }),
    ),
    go: { version: go.goVersion, measurements: go.measurements.length, source: go.source, notes: go.notes },
  };
}

async function nameLists(): Promise<NameListSummary> {
  const pypi = await json<{ count: number; date: string; source: string }>('packages/names/pypi/index.json');
  return {
    pypi: { count: pypi.count, date: pypi.date, source: pypi.source },
    debian: await Promise.all(
      DEBIAN_NAME_SUITES.map(async (suite) =>
        debianNameList(suite, await read(`packages/names/debian-${suite}.txt`)),
      ),
    ),
  };
}

let knows: Promise<Knows> | undefined;

/** Everything the page lists, read once per process. */
export function siteKnows(): Promise<Knows> {
  knows ??= (async () => {
    const index = await json<CatalogIndex>('catalog/index.json');
    const tags = await json<TagHistoryIndex>('catalog/tags/index.json');
    return {
      catalogGenerated: index.generated,
      images: imagesOf(index),
      nearest: index.nearest,
      tagHistoriesGenerated: tags.generated,
      tagHistories: tagHistoriesOf(tags),
      packages: await packageSummary(),
      names: await nameLists(),
    };
  })();
  return knows;
}

export type { Source };

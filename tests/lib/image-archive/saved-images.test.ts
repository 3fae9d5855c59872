/**
 * Real images saved by Docker 28 (scripts/image-fixtures/record.sh), read in each layout and
 * compression, and held to what `docker history`, `docker image inspect`, Python's tarfile,
 * dpkg-query, readelf and `go version -m` said about the same images when they were recorded.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { analyzeImage } from '../../../src/lib/analysis/analyze-image.ts';
import { lstat, stat } from '../../../src/lib/fs/tree.ts';
import { bytesSource } from '../../../src/lib/image-archive/byte-source.ts';
import { readSavedImage, type SavedImage } from '../../../src/lib/image-archive/read-image.ts';
import { cycloneDxDocument, spdxDocument } from '../../../src/lib/image-archive/sbom.ts';
import { ociLayoutOf } from './oci-layout.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const text = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
const dockerTar = (name: string) =>
  new Uint8Array(gunzipSync(readFileSync(new URL(`${name}.docker.tar.gz`, FIXTURES))));

interface HistoryLine {
  readonly CreatedBy: string;
  readonly Size: string;
}

interface Inspect {
  readonly Size: number;
  readonly RootFS: { readonly Layers: readonly string[] };
  readonly Config: {
    readonly Env: readonly string[] | null;
    readonly Cmd: readonly string[] | null;
    readonly Entrypoint: readonly string[] | null;
    readonly User: string;
    readonly WorkingDir: string;
    readonly ExposedPorts: Record<string, object> | null;
  };
}

/** Python's tarfile listing of each layer: index, kind, mode, uid, gid, size, name, link. */
function listing(name: string) {
  return text(`${name}.layers.txt`)
    .trimEnd()
    .split('\n')
    .map((line) => {
      const [layer, kind, mode, uid, gid, size, path, link] = line.split('\t');
      // The oracle's base layers name their paths ./bin/…; BuildKit's, bin/….
      const clean = (name = '') => name.replace(/^\.\//, '');
      return {
        layer: Number(layer),
        kind,
        mode: Number.parseInt((mode as string).slice(2), 8),
        uid: Number(uid),
        gid: Number(gid),
        size: Number(size),
        path: `/${clean(path)}`,
        link: kind === 'h' ? clean(link) : (link ?? ''),
      };
    })
    .filter((entry) => entry.path !== '/.');
}

const formats = ['docker', 'oci-gzip', 'oci-zstd'] as const;

async function load(name: string, format: (typeof formats)[number]): Promise<SavedImage> {
  const tar = dockerTar(name);
  const bytes = format === 'docker' ? tar : await ociLayoutOf(tar, format === 'oci-gzip' ? 'gzip' : 'zstd');
  return readSavedImage(bytesSource(bytes));
}

describe.each(['go-scratch', 'debian-files', 'busybox-removed'])('%s', (name) => {
  const history = text(`${name}.history.jsonl`)
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as HistoryLine)
    .reverse();
  const inspect = (JSON.parse(text(`${name}.inspect.json`)) as Inspect[])[0] as Inspect;

  it.each(formats)(
    'reads the %s layout with docker history’s rows and sizes and inspect’s size',
    async (format) => {
      const image = await load(name, format);
      expect(image.format).toBe(format === 'docker' ? 'docker-archive+oci' : 'oci-layout');
      expect(image.layers.map((layer) => layer.compression)).toEqual(
        inspect.RootFS.Layers.map(() => (format === 'docker' ? 'none' : format.slice(4))),
      );
      expect(image.history.map((row) => [row.createdBy, row.size])).toEqual(
        history.map((row) => [row.CreatedBy, Number(row.Size)]),
      );
      expect(image.stage.size).toBe(inspect.Size);
      expect(image.references[0]).toMatch(new RegExp(`fixture/${name}:latest$`));
    },
  );

  it('takes the config from the image, as docker inspect shows it', async () => {
    const { config } = (await load(name, 'docker')).stage;
    expect(config?.env.map(([key, value]) => `${key}=${value}`)).toEqual(inspect.Config.Env ?? []);
    expect(config?.cmd).toEqual(inspect.Config.Cmd);
    expect(config?.entrypoint).toEqual(inspect.Config.Entrypoint);
    expect(config?.user).toBe(inspect.Config.User);
    expect(config?.workdir).toBe(inspect.Config.WorkingDir);
    expect(config?.exposedPorts).toEqual(Object.keys(inspect.Config.ExposedPorts ?? {}));
  });

  it('lists every entry of every layer as tarfile does', async () => {
    const image = await load(name, 'docker');
    const expected = listing(name).filter((entry) => !entry.path.includes('/.wh.'));
    const got = image.stage.layers.flatMap((layer, index) =>
      (layer.entries ?? [])
        .filter((entry) => entry.kind !== 'whiteout')
        .map((entry) => ({
          layer: index,
          kind: entry.kind[0],
          mode: entry.mode,
          uid: entry.uid,
          gid: entry.gid,
          size: entry.kind === 'file' ? entry.size : 0,
          path: entry.path,
          link:
            entry.kind === 'symlink' ? entry.target : entry.kind === 'hardlink' ? entry.target?.slice(1) : '',
        })),
    );
    expect(got).toEqual(expected);
  });
});

describe('what the reader learns from the files', () => {
  it('reads the Go build info that go version -m prints', async () => {
    const image = await load('go-scratch', 'oci-zstd');
    const report = text('go-scratch.go-version.txt');
    const goVersion = /: (go[\d.]+)/.exec(report)?.[1];
    expect(image.packages.packages.filter((p) => p.ecosystem === 'golang')).toEqual([
      { ecosystem: 'golang', name: 'stdlib', version: goVersion, source: '/usr/app/app' },
      { ecosystem: 'golang', name: 'example.com/app', version: '(devel)', source: '/usr/app/app' },
    ]);
    expect(lstat(image.stage.tree as never, '/usr/app/app')).toMatchObject({
      exec: { kind: 'elf', linkage: 'static' },
    });
  });

  it('starts the Go image as the real engine would: USER app is in the copied /etc/passwd', async () => {
    const run = analyzeImage((await load('go-scratch', 'docker')).stage).run;
    expect(run).toMatchObject({ starts: true, argv: ['./app'], user: 'app' });
  });

  it('counts the packages dpkg-query lists, with their versions', async () => {
    const image = await load('debian-files', 'docker');
    const expected = text('debian-files.dpkg-query.txt')
      .trimEnd()
      .split('\n')
      .map((line) => line.split('\t'));
    const debs = image.packages.packages.filter((p) => p.ecosystem === 'deb');
    expect(debs.map((p) => [p.name, p.version]).sort()).toEqual(expected.sort());
    expect(image.packages.counts.deb).toBe(expected.length);
    expect(image.packages.distro).toBe('debian');
    expect(image.packages.packages.find((p) => p.ecosystem === 'pypi')).toMatchObject({
      name: 'pip',
      version: '23.0.1',
    });
  });

  it('reads the interpreter and needed libraries readelf shows, and a script’s shebang', async () => {
    const image = await load('debian-files', 'docker');
    const readelf = text('debian-files.readelf.txt');
    const interpreter = /interpreter: ([^\]]+)\]/.exec(readelf)?.[1];
    const needed = [...readelf.matchAll(/Shared library: \[([^\]]+)\]/g)].map((m) => m[1]);
    const tree = image.stage.tree as NonNullable<typeof image.stage.tree>;
    expect(stat(tree, '/usr/bin/env')).toMatchObject({
      exec: { kind: 'elf', linkage: 'dynamic', interpreter, needed },
    });
    expect(stat(tree, '/usr/local/bin/hello')).toMatchObject({
      exec: { kind: 'script', shebang: '/usr/bin/env sh' },
    });
  });

  it('exports the packages as SPDX and CycloneDX with package URLs', async () => {
    const image = await load('debian-files', 'docker');
    const subject = { name: 'fixture/debian-files:latest', id: image.id, packages: image.packages };
    const stamp = { created: '2026-01-01T00:00:00Z', uuid: '00000000-0000-4000-8000-000000000000' };
    const spdx = spdxDocument(subject, stamp) as {
      packages: { externalRefs?: { referenceLocator: string }[] }[];
    };
    const cdx = cycloneDxDocument(subject, stamp) as { components: { purl: string }[] };
    const total = image.packages.packages.length;
    expect(spdx.packages).toHaveLength(total + 1);
    expect(cdx.components).toHaveLength(total);
    expect(cdx.components.map((c) => c.purl)).toContain('pkg:pypi/pip@23.0.1');
    expect(cdx.components.some((c) => /^pkg:deb\/debian\/libc6@[^?]+\?arch=amd64$/.test(c.purl))).toBe(true);
  });

  it('applies whiteouts and an opaque directory as overlayfs does, and counts the waste as dive does', async () => {
    const image = await load('busybox-removed', 'oci-gzip');
    const tree = image.stage.tree as NonNullable<typeof image.stage.tree>;
    expect(lstat(tree, '/bin/wget')).toBeUndefined();
    expect(lstat(tree, '/data/keep')).toBeUndefined();
    expect(lstat(tree, '/data/cache')).toBeUndefined();
    expect(lstat(tree, '/data/new')).toMatchObject({ kind: 'file', size: 4 });
    const removed = image.stage.layers[2]?.entries?.filter((e) => e.kind === 'whiteout').map((e) => e.path);
    expect(removed).toEqual(['/bin/wget', '/data/cache/blob']);
    const report = analyzeImage(image.stage).efficiency;
    expect(report?.inefficiencies.find((item) => item.path === '/data/cache/blob')).toMatchObject({
      cumulativeSize: 300_000,
      reclaimable: 300_000,
    });
  });
});

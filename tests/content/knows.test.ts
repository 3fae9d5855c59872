/** The knows page's figures are the data's own: counted from the committed files, not written by hand. */
import { describe, expect, it } from 'vitest';
import { countByProvenance, debianNameList, imagesOf, siteKnows } from '../../src/content/facts/knows.ts';
import type { CatalogIndex } from '../../src/lib/images/format.ts';

describe('the knows page data', () => {
  it('lists every catalog image with its layers in order, each with its provenance', async () => {
    const knows = await siteKnows();
    expect(knows.images.length).toBeGreaterThan(10);
    const bookworm = knows.images.find((image) => image.ref === 'debian:bookworm');
    expect(bookworm?.tags).toContain('debian:12');
    expect(bookworm?.layers.map((layer) => layer.provenance)).toEqual(['real']);
    expect(bookworm?.published?.source.url).toMatch(/^https:\/\//);
    expect(knows.images.some((image) => image.layers.some((layer) => layer.provenance === 'modelled'))).toBe(
      true,
    );
  });

  it('describes a shared layer once and points to it from every other image that has it', async () => {
    const knows = await siteKnows();
    const py312 = knows.images.find((image) => image.ref === 'python:3.12.14-slim-trixie');
    // The Debian slim layer is first listed under debian:trixie-slim; the CPython layer is its own.
    expect(py312?.layers[0]?.sameAs).toBe('debian:trixie-slim');
    expect(py312?.layers.at(-2)?.sameAs).toBeUndefined();
    expect(
      knows.images.find((image) => image.ref === 'debian:trixie-slim')?.layers[0]?.sameAs,
    ).toBeUndefined();
  });

  it('counts the packages, the tag histories and the name lists', async () => {
    const knows = await siteKnows();
    expect(knows.names.pypi.count).toBeGreaterThan(800_000);
    expect(knows.names.debian.map((list) => list.suite)).toEqual(['bullseye', 'bookworm', 'trixie']);
    for (const list of knows.names.debian) {
      expect(list.names).toBeGreaterThan(50_000);
      expect(list.source).toContain(`dists/${list.suite}/`);
      expect(list.released).toMatch(/\d{4} \d\d:\d\d/);
    }
    expect(knows.packages.pip.releases).toBeGreaterThanOrEqual(knows.packages.pip.projects);
    expect(knows.packages.apt.map((suite) => suite.suite)).toEqual(['bookworm', 'trixie']);
    expect(knows.packages.go.measurements).toBeGreaterThan(0);
    const python = knows.tagHistories.find((history) => history.repository === 'python');
    expect(python?.complete).toBe(true);
    expect(knows.tagHistories.some((history) => !history.complete)).toBe(true);
  });
});

describe('imagesOf', () => {
  it('skips a layer id the index does not define rather than inventing one', () => {
    const index = {
      images: [{ ref: 'x:1', tags: ['x:1'], size: 3, layers: ['a', 'missing'], notes: [] }],
      layers: [
        { id: 'a', createdBy: 'ADD', size: 3, entries: 1, wireBytes: 1, provenance: 'real', note: '' },
      ],
    } as unknown as CatalogIndex;
    expect(imagesOf(index)[0]?.layers.map((layer) => layer.createdBy)).toEqual(['ADD']);
  });
});

describe('countByProvenance and debianNameList', () => {
  it('count records by provenance and names without the header', () => {
    expect(
      countByProvenance([{ provenance: 'real' }, { provenance: 'modelled' }, { provenance: 'real' }]),
    ).toEqual({
      real: 2,
      modelled: 1,
    });
    const list = debianNameList(
      'trixie',
      '# head\n# source: http://x/dists/trixie/\n# Release Date: D\n0a\n1b*\n',
    );
    expect(list).toEqual({ suite: 'trixie', names: 2, source: 'http://x/dists/trixie/', released: 'D' });
  });
});

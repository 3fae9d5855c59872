/**
 * `sim image --list`: every repository the simulator has a tag history or data for, each tag with
 * what a build on it gets: known (the catalog's own image), estimated (a stand-in, and which) or
 * unknown (no data; a real build would pull it).
 */
import type { Catalog } from '../../lib/images/catalog.ts';
import { TAG_INDEX_FILE } from '../../lib/images/tag-facts.ts';
import { parseTagHistory, parseTagHistoryIndex } from '../../lib/images/tag-history.ts';

export interface TagRow {
  readonly repository: string;
  readonly tag: string;
  readonly certainty: 'known' | 'estimated' | 'unknown';
  /** the catalog image a build uses, when there is one */
  readonly image?: string;
}

/** Current tags of every recorded repository (every tag ever, with `all`) and every catalog tag. */
export async function listTags(
  catalog: Catalog,
  read: (path: string) => Promise<string>,
  all: boolean,
): Promise<TagRow[]> {
  const tags = new Map<string, Set<string>>();
  const add = (repository: string, tag: string) => {
    const set = tags.get(repository) ?? new Set<string>();
    set.add(tag);
    tags.set(repository, set);
  };
  const index = parseTagHistoryIndex(await read(TAG_INDEX_FILE));
  for (const entry of Object.values(index.repositories)) {
    const history = parseTagHistory(await read(entry.file));
    for (const [tag, span] of history.tags) if (all || span.until === null) add(history.repository, tag);
  }
  for (const image of catalog.index.images) {
    for (const full of image.tags) {
      const at = full.lastIndexOf(':');
      if (at < 0) add(full, '');
      else add(full.slice(0, at), full.slice(at + 1));
    }
  }
  const rows: TagRow[] = [];
  for (const repository of [...tags.keys()].sort()) {
    for (const tag of [...(tags.get(repository) as Set<string>)].sort()) {
      const resolution = await catalog.lookup(tag ? `${repository}:${tag}` : repository);
      if (!resolution.ok) rows.push({ repository, tag, certainty: 'unknown' });
      else
        rows.push({
          repository,
          tag,
          certainty: resolution.how === 'exact' ? 'known' : 'estimated',
          image: resolution.image.ref,
        });
    }
  }
  return rows;
}

/** One line a tag, grouped by repository with its counts. */
export function renderTagList(rows: readonly TagRow[]): string {
  const out: string[] = [];
  let repository = '';
  for (const row of rows) {
    if (row.repository !== repository) {
      repository = row.repository;
      const mine = rows.filter((r) => r.repository === repository);
      const count = (c: TagRow['certainty']) => mine.filter((r) => r.certainty === c).length;
      out.push(
        `${out.length ? '\n' : ''}${repository}: ${mine.length} tags, ${count('known')} known, ${count('estimated')} estimated, ${count('unknown')} unknown`,
      );
    }
    const name = row.tag ? `${row.repository}:${row.tag}` : row.repository;
    const on = row.certainty === 'estimated' ? `  (built on ${row.image})` : '';
    out.push(`  ${row.certainty.padEnd(9)} ${name}${on}`);
  }
  return `${out.join('\n')}\n`;
}

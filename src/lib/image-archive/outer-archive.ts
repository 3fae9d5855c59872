/**
 * The saved image's own tar, indexed by reading its headers only: each file's offset and size, so
 * a layer is later streamed straight from its slice. Names are resolved as the archive's readers
 * do, but never outside the archive: an absolute or `..` path, or a link leading out, is refused.
 */
import type { ByteSource } from './byte-source.ts';
import { ArchiveError } from './errors.ts';
import type { ArchiveLimits } from './limits.ts';
import {
  BLOCK,
  isZeroBlock,
  paddedSize,
  parseHeader,
  parsePax,
  type TarHeader,
  withExtensions,
} from './tar-header.ts';

export interface ArchiveMember {
  readonly name: string;
  readonly type: TarHeader['type'];
  readonly offset: number;
  readonly size: number;
  readonly linkName: string;
}

export interface OuterArchive {
  readonly source: ByteSource;
  readonly members: ReadonlyMap<string, ArchiveMember>;
}

const decoder = new TextDecoder();

/** An archive-relative name, or an error when it points outside the archive. */
export function memberName(raw: string, from = ''): string {
  if (raw.startsWith('/'))
    throw new ArchiveError(
      'archive/outside',
      `the archive names ${raw}, an absolute path outside the archive`,
    );
  const parts = from === '' ? [] : from.split('/');
  for (const part of raw.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0)
        throw new ArchiveError(
          'archive/outside',
          `the archive names ${raw}, which points outside the archive`,
        );
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

export async function indexArchive(source: ByteSource, limits: ArchiveLimits): Promise<OuterArchive> {
  const members = new Map<string, ArchiveMember>();
  let offset = 0;
  let pax: Map<string, string> | undefined;
  let longName: string | undefined;
  let longLink: string | undefined;
  let count = 0;
  for (;;) {
    if (offset + BLOCK > source.size) {
      if (offset === 0)
        throw new ArchiveError('archive/not-a-tar', 'the file is empty or too short to be a tar archive');
      // tar ends with zero blocks; some writers stop after the last member.
      if (offset === source.size && members.size > 0) break;
      throw truncated();
    }
    const block = await source.read(offset, offset + BLOCK);
    if (isZeroBlock(block)) break;
    const raw = parseHeader(block);
    const dataStart = offset + BLOCK;
    const next = dataStart + paddedSize(raw.size);
    if (dataStart + raw.size > source.size) throw truncated();
    if (raw.type === 'pax' || raw.type === 'gnu-long-name' || raw.type === 'gnu-long-link') {
      if (raw.size > limits.paxBytes)
        throw new ArchiveError(
          'archive/too-large',
          `a tar header record of ${raw.size} bytes is larger than any saved image needs`,
        );
      const body = await source.read(dataStart, dataStart + raw.size);
      if (raw.type === 'pax') pax = parsePax(body);
      else if (raw.type === 'gnu-long-name') longName = decoder.decode(body).replace(/\0+$/, '');
      else longLink = decoder.decode(body).replace(/\0+$/, '');
      offset = next;
      continue;
    }
    const header = withExtensions(raw, pax, longName, longLink);
    pax = longName = longLink = undefined;
    if (++count > limits.archiveEntries)
      throw new ArchiveError(
        'archive/not-an-image',
        `the archive holds more than ${limits.archiveEntries} files: a saved image holds a few dozen. Is it a plain tar of files rather than \`docker save\` output?`,
      );
    const name = memberName(header.name);
    if (name !== '')
      members.set(name, {
        name,
        type: header.type,
        offset: dataStart,
        size: header.size,
        linkName: header.linkName,
      });
    offset = next;
  }
  return { source, members };
}

function truncated(): ArchiveError {
  return new ArchiveError(
    'archive/truncated',
    'the file ends in the middle of the archive: it is truncated. Save the image again (docker save -o image.tar IMAGE) and pick the whole file.',
  );
}

/** The regular file a name leads to, following links inside the archive (40 at most, as Linux). */
export function resolveMember(archive: OuterArchive, name: string, what: string): ArchiveMember {
  let current = memberName(name);
  for (let hops = 0; hops <= 40; hops++) {
    const member = archive.members.get(current);
    if (!member)
      throw new ArchiveError(
        'archive/missing-blob',
        `${what} names ${name}, which the archive does not contain: the file is incomplete or was not made by docker save, podman save or an OCI layout export.`,
      );
    if (member.type === 'file') return member;
    if (member.type === 'symlink')
      current = memberName(member.linkName, current.split('/').slice(0, -1).join('/'));
    else if (member.type === 'hardlink') current = memberName(member.linkName);
    else
      throw new ArchiveError(
        'archive/bad-metadata',
        `${what} names ${name}, which is not a file in the archive`,
      );
  }
  throw new ArchiveError(
    'archive/link-loop',
    `${name} is a chain of links that never reaches a file (a loop)`,
  );
}

/** A small file read whole: JSON metadata. */
export async function readJson(
  archive: OuterArchive,
  name: string,
  what: string,
  limits: ArchiveLimits,
): Promise<unknown> {
  const member = resolveMember(archive, name, what);
  if (member.size > limits.metadataBytes)
    throw new ArchiveError(
      'archive/too-large',
      `${name} is ${member.size} bytes: more than the ${limits.metadataBytes} bytes any image's metadata needs`,
    );
  const bytes = await archive.source.read(member.offset, member.offset + member.size);
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    throw new ArchiveError('archive/bad-metadata', `${name} is not valid JSON`);
  }
}

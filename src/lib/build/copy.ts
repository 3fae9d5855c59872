/**
 * COPY and ADD, as Docker performs them: sources from the build context or another stage or image,
 * wildcards, directory contents, destination rules, --chown/--chmod/--parents/--exclude, heredoc
 * sources, local tar archives (ADD) and URLs (ADD, size unknown).
 */
import { type Certainty, KNOWN } from '../certainty.ts';
import type { AddInstruction, CopyInstruction, SyntaxWord } from '../dockerfile/index.ts';
import { editDistance } from '../edit-distance.ts';
import { textFile } from '../fs/content.ts';
import { FsError, makeDirectories, putNode } from '../fs/edit.ts';
import { BadPatternError, hasWildcards, matchPath } from '../fs/glob.ts';
import { basename, cleanPath, dirname, joinPath, resolveIn } from '../fs/path.ts';
import { type DirNode, type NodeMeta, stat, type TreeNode, walk } from '../fs/tree.ts';
import type { SourceRange } from '../source-range.ts';
import { type ChmodSpec, chmodMode, createdFolderMode } from './chmod.ts';
import type { ArchiveEntry } from './context.ts';
import { isIgnored, parseDockerignore } from './dockerignore.ts';

export class BuildFailure extends Error {
  readonly code: string;
  readonly range?: SourceRange;
  readonly hint?: string;
  /** known: a real build fails here too; unknown: the simulator stops for want of data. */
  readonly certainty: Certainty;

  constructor(
    code: string,
    message: string,
    range?: SourceRange,
    hint?: string,
    certainty: Certainty = KNOWN,
  ) {
    super(message);
    this.code = code;
    if (range !== undefined) this.range = range;
    if (hint !== undefined) this.hint = hint;
    this.certainty = certainty;
  }
}

export interface CopySource {
  /** `context`, or the stage name / image reference of --from. */
  readonly label: string;
  readonly root: DirNode;
  readonly fromContext: boolean;
  readonly archives: ReadonlyMap<string, readonly ArchiveEntry[]>;
}

export interface CopyRequest {
  readonly instruction: CopyInstruction | AddInstruction;
  readonly source: CopySource;
  readonly tree: DirNode;
  readonly workdir: string;
  /** Expands a word with the stage's ARG and ENV values; throws BuildFailure on a bad expansion. */
  readonly expand: (word: SyntaxWord) => string;
  /** Expands a heredoc body: variables and escapes, quotes left alone (BuildKit's ExpandRaw). */
  readonly expandRaw: (text: string, range: SourceRange) => string;
  /** From --chown, resolved through the stage's /etc/passwd and /etc/group. */
  readonly owner?: { readonly uid: number; readonly gid: number };
  readonly chmod?: ChmodSpec;
}

export interface CopiedFile {
  readonly path: string;
  readonly bytes: number;
}

export interface CopyOutcome {
  readonly tree: DirNode;
  readonly copied: readonly CopiedFile[];
  /** Notes for the step: a URL's unknown size, an archive that was unpacked. */
  readonly notes: readonly string[];
}

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz)$/;

/** What one source argument matched: a path below the source root and its node. */
interface Match {
  readonly path: string;
  readonly node: TreeNode;
}

/**
 * Docker's "not found", with a nearby name from the same directory when one looks like a typo
 * (requirement.txt for requirements.txt). Only that directory is searched: a stage has 30,000 paths.
 */
function notFound(source: string, range: SourceRange, root: DirNode): BuildFailure {
  const slash = source.lastIndexOf('/');
  const dir = slash === -1 ? '' : source.slice(0, slash);
  const name = source.slice(slash + 1);
  const parent = stat(root, `/${dir}`);
  let near: string | undefined;
  if (parent?.kind === 'dir') {
    let best = Math.max(2, Math.floor(name.length / 4)) + 1;
    for (const sibling of parent.children.keys()) {
      const distance = editDistance(sibling, name);
      if (distance < best) {
        best = distance;
        near = dir === '' ? sibling : `${dir}/${sibling}`;
      }
    }
  }
  return new BuildFailure(
    'build/copy-source-not-found',
    `failed to compute cache key: "/${source}": not found`,
    range,
    near !== undefined
      ? `There is no ${source}, but there is ${near}: did you mean it?`
      : 'The source must exist in the build context (or, with --from, in that stage), and must not be excluded by .dockerignore.',
  );
}

function matchSource(root: DirNode, pattern: string, range: SourceRange): Match[] {
  const clean = cleanPath(pattern.replace(/^\/+/, '')).replace(/^(\.\.\/)+/, '');
  if (clean === '.' || clean === '..') return [{ path: '', node: root }];
  if (!hasWildcards(clean)) {
    const node = stat(root, `/${clean}`);
    return node ? [{ path: clean, node }] : [];
  }
  const matches: Match[] = [];
  try {
    for (const [path, node] of walk(root)) {
      const relative = path.slice(1);
      if (matchPath(clean, relative)) matches.push({ path: relative, node: stat(root, path) ?? node });
    }
  } catch (error) {
    if (error instanceof BadPatternError) {
      throw new BuildFailure('build/bad-pattern', `${pattern}: syntax error in pattern`, range);
    }
    throw error;
  }
  return matches;
}

interface Writer {
  tree: DirNode;
  readonly sourceRoot: DirNode;
  readonly copied: CopiedFile[];
  readonly owner: CopyRequest['owner'];
  readonly chmod: ChmodSpec | undefined;
  /** Folders the copy creates on the way: --chown's owner, an octal --chmod's mode, else 0755 root. */
  readonly created: NodeMeta;
  readonly fromContext: boolean;
  readonly excluded: (relative: string) => boolean;
  /** The folder being copied and where it lands: a hard link inside it stays a hard link. */
  links?: { readonly source: string; readonly dest: string };
}

/** The node as it lands in the image: context files belong to root, --chown and --chmod apply. */
function landed(writer: Writer, node: TreeNode): TreeNode {
  const owner = writer.owner ?? (writer.fromContext ? { uid: 0, gid: 0 } : { uid: node.uid, gid: node.gid });
  const mode =
    writer.chmod && node.kind !== 'symlink'
      ? chmodMode(writer.chmod, node.mode, node.kind === 'dir')
      : node.mode;
  if (node.uid === owner.uid && node.gid === owner.gid && node.mode === mode) return node;
  return { ...node, uid: owner.uid, gid: owner.gid, mode };
}

/**
 * A hard link copied on its own carries its data, as a regular file: Docker copies file contents,
 * and the other names of the inode stay behind in the source.
 */
function dereference(writer: Writer, node: TreeNode): TreeNode {
  if (node.kind !== 'hardlink') return node;
  const data = stat(writer.sourceRoot, node.target);
  if (data?.kind !== 'file') return node;
  return { ...data, mode: node.mode, uid: node.uid, gid: node.gid };
}

function containsHardlinks(node: TreeNode): boolean {
  if (node.kind === 'hardlink') return true;
  if (node.kind !== 'dir') return false;
  for (const [, child] of walk(node)) if (child.kind === 'hardlink') return true;
  return false;
}

/** Copies a node from `sourcePath` to `dest`; a directory's contents are merged into what is there. */
function writeNode(writer: Writer, dest: string, node: TreeNode, relative: string, sourcePath: string): void {
  if (relative !== '' && writer.excluded(relative)) return;
  const links = writer.links;
  if (node.kind === 'hardlink' && links && node.target.startsWith(`${links.source}/`)) {
    const target = joinPath(links.dest, node.target.slice(links.source.length + 1));
    writer.tree = putNode(
      writer.tree,
      dest,
      { ...landed(writer, node), kind: 'hardlink', target },
      writer.created,
    );
    writer.copied.push({ path: dest, bytes: 0 });
    return;
  }
  if (node.kind !== 'dir') {
    const data = dereference(writer, node);
    writer.tree = putNode(writer.tree, dest, landed(writer, data), writer.created);
    writer.copied.push({ path: dest, bytes: data.kind === 'file' ? data.size : 0 });
    return;
  }
  const existing = stat(writer.tree, dest);
  const keepsMeta = !writer.owner && writer.chmod === undefined && !writer.fromContext;
  // Hard links name absolute paths of the source: shared as they are, they stay right only in place.
  const linksHold = dest === sourcePath || !containsHardlinks(node);
  if (existing === undefined && keepsMeta && linksHold && !subtreeExcluded(writer, node, relative)) {
    // Nothing there and nothing to change: share the whole subtree instead of copying it.
    writer.tree = putNode(writer.tree, dest, node, writer.created);
    for (const [path, child] of walk(node, dest)) {
      if (child.kind !== 'dir') writer.copied.push({ path, bytes: child.kind === 'file' ? child.size : 0 });
    }
    return;
  }
  // The destination folder itself is made like the folders on the way to it; those below, from the source.
  const dirMeta = relative === '' && writer.chmod ? writer.created : landed(writer, node);
  if (existing === undefined) writer.tree = makeDirectories(writer.tree, dirname(dest), writer.created);
  writer.tree = makeDirectories(writer.tree, dest, existing === undefined ? dirMeta : existing);
  for (const [name, child] of node.children) {
    writeNode(
      writer,
      joinPath(dest, name),
      child,
      relative === '' ? name : `${relative}/${name}`,
      joinPath(sourcePath, name),
    );
  }
}

function subtreeExcluded(writer: Writer, node: TreeNode, relative: string): boolean {
  if (node.kind !== 'dir') return relative !== '' && writer.excluded(relative);
  for (const [path] of walk(node)) {
    const inner = relative === '' ? path.slice(1) : `${relative}${path}`;
    if (writer.excluded(inner)) return true;
  }
  return false;
}

/**
 * ADD of a local archive: members keep the owners and hard links the archive records (--chown
 * replaces the owners); --chmod does not apply to them (recorded: add-tar-chown, add-tar-chmod).
 */
function extractArchive(writer: Writer, destDir: string, entries: readonly ArchiveEntry[]): void {
  for (const entry of entries) {
    const dest = joinPath(destDir, entry.path);
    const meta = {
      mode: entry.mode,
      uid: writer.owner?.uid ?? entry.uid ?? 0,
      gid: writer.owner?.gid ?? entry.gid ?? 0,
    };
    if (entry.kind === 'dir') writer.tree = makeDirectories(writer.tree, dest, meta);
    else if (entry.kind === 'symlink') {
      writer.tree = putNode(writer.tree, dest, {
        kind: 'symlink',
        ...meta,
        mode: 0o777,
        target: entry.target ?? '',
      });
    } else if (entry.kind === 'hardlink') {
      const target = joinPath(destDir, entry.target ?? '');
      writer.tree = putNode(writer.tree, dest, { kind: 'hardlink', ...meta, target });
    } else {
      writer.tree = putNode(writer.tree, dest, { kind: 'file', ...meta, size: entry.size });
      writer.copied.push({ path: dest, bytes: entry.size });
    }
  }
}

/** Performs one COPY or ADD. Throws BuildFailure with Docker's message when it cannot. */
export function applyCopy(request: CopyRequest): CopyOutcome {
  const { instruction, source } = request;
  const destination = request.expand(instruction.destination);
  const destPath = resolveIn(request.workdir, destination);
  const existingDest = stat(request.tree, destPath);
  const excludePatterns = parseDockerignore(
    instruction.exclude.map((word) => request.expand(word)).join('\n'),
  );
  const writer: Writer = {
    tree: request.tree,
    sourceRoot: source.root,
    copied: [],
    owner: request.owner,
    chmod: request.chmod,
    created: {
      mode: createdFolderMode(request.chmod),
      uid: request.owner?.uid ?? 0,
      gid: request.owner?.gid ?? 0,
    },
    fromContext: source.fromContext,
    excluded: (relative) => isIgnored(relative, excludePatterns),
  };
  const notes: string[] = [];
  const intoDirectory = (matchCount: number, isDir: boolean) =>
    destination.endsWith('/') || existingDest?.kind === 'dir' || matchCount > 1 || isDir;
  try {
    copySources(request, writer, destPath, intoDirectory, notes);
  } catch (error) {
    // A file where the copy needs a folder: BuildKit's mkdir fails (copy-file-then-dir-slash).
    if (error instanceof FsError && error.code === 'not-a-directory')
      throw new BuildFailure(
        'build/copy-not-a-directory',
        `mkdir ${error.path}: not a directory`,
        instruction.destination.range,
      );
    throw error;
  }
  return { tree: writer.tree, copied: writer.copied, notes };
}

function copySources(
  request: CopyRequest,
  writer: Writer,
  destPath: string,
  intoDirectory: (matchCount: number, isDir: boolean) => boolean,
  notes: string[],
): void {
  const { instruction, source } = request;
  const name = instruction.kind;

  for (const word of instruction.sources) {
    const text = request.expand(word);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
      if (name === 'COPY')
        throw new BuildFailure('build/copy-url', `source can't be a URL for COPY`, word.range);
      const file = basename(new URL(text, 'http://invalid/').pathname) || 'index.html';
      const dest = intoDirectory(1, false) ? joinPath(destPath, file) : destPath;
      writer.tree = putNode(
        writer.tree,
        dest,
        landed(writer, { kind: 'file', mode: 0o600, uid: 0, gid: 0, size: 0 }),
        writer.created,
      );
      writer.copied.push({ path: dest, bytes: 0 });
      notes.push(
        `${text} would be downloaded at build time; the simulator cannot fetch it, so ${dest} counts as 0 bytes (its real size is unknown).`,
      );
      continue;
    }
    const matches = matchSource(source.root, text, word.range).filter(
      (match) => !writer.excluded(match.path),
    );
    // A wildcard that matches nothing copies nothing, and the step still makes its (empty) layer.
    if (matches.length === 0 && hasWildcards(text)) continue;
    if (matches.length === 0) throw notFound(cleanPath(text.replace(/^\/+/, '')), word.range, source.root);
    for (const match of matches) {
      const archive =
        source.fromContext &&
        instruction.kind === 'ADD' &&
        instruction.unpack !== false &&
        ARCHIVE.test(match.path)
          ? source.archives.get(match.path)
          : undefined;
      if (archive) {
        const dir = destPath;
        writer.tree = makeDirectories(writer.tree, dir, { ...writer.created, mode: 0o755 });
        extractArchive(writer, dir, archive);
        notes.push(`ADD unpacked the archive ${match.path} into ${dir}.`);
        continue;
      }
      const isDir = match.node.kind === 'dir';
      let dest: string;
      if (instruction.kind === 'COPY' && instruction.parents && match.path !== '')
        dest = joinPath(destPath, match.path);
      else if (isDir) dest = destPath;
      else dest = intoDirectory(matches.length, false) ? joinPath(destPath, basename(match.path)) : destPath;
      writer.links = isDir ? { source: `/${match.path}`.replace(/\/$/, ''), dest } : undefined;
      writeNode(writer, dest, match.node, isDir ? '' : basename(match.path), `/${match.path}`);
      writer.links = undefined;
    }
  }

  for (const file of instruction.inlineSources) {
    const content = file.expand ? request.expandRaw(file.content, file.range) : file.content;
    // Several sources into a path without a trailing slash: BuildKit copies each to that path and
    // the last one stays (recorded: copy-two-files-no-slash); the classic builder refused it.
    const dest = intoDirectory(1, false) ? joinPath(destPath, file.name) : destPath;
    writer.tree = putNode(
      writer.tree,
      dest,
      landed(writer, textFile(content, { mode: 0o644, uid: 0, gid: 0 })),
      writer.created,
    );
    writer.copied.push({ path: dest, bytes: new TextEncoder().encode(content).length });
  }
}

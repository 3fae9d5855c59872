/**
 * tar: `-c` makes an archive of files the stage has (GNU format: a 512-byte header a member,
 * data in 512-byte blocks, two empty blocks, the whole padded to 10240-byte records), `-x`
 * unpacks an archive whose listing the simulator knows (made by tar -c, or from the build
 * context), `-t` lists one. A compressed archive's size (-z, -j, -J) is an estimate.
 */
import { contentDigest, contentIdOf } from '../../fs/content.ts';
import { compareText } from '../../fs/entry.ts';
import { joinPath, resolveIn } from '../../fs/path.ts';
import type { ArchiveMember, TreeNode } from '../../fs/tree.ts';
import { type CommandContext, type CommandModule, type CommandResult, fail, noteGap } from '../command.ts';

interface TarOptions {
  extract: boolean;
  create: boolean;
  list: boolean;
  /** gzip, bzip2 or xz, when the archive is compressed. */
  compression?: string;
  file?: string;
  directory: string;
  members: string[];
}

const COMPRESSION: Record<string, string> = { z: 'gzip', j: 'bzip2', J: 'xz' };

/** Reads `tar xzf a.tgz -C /opt`, `tar -x -f a.tar`, `tar --extract --file=a.tar`, `tar -czf a.tgz dir` alike. */
function parseTar(args: readonly string[]): TarOptions {
  const parsed: TarOptions = { extract: false, create: false, list: false, directory: '.', members: [] };
  const queue = [...args];
  if (queue[0] && /^[a-zA-Z]+$/.test(queue[0])) queue[0] = `-${queue[0]}`;
  while (queue.length > 0) {
    const arg = queue.shift() as string;
    if (arg === '--extract' || arg === '--get') parsed.extract = true;
    else if (arg === '--create') parsed.create = true;
    else if (arg === '--list') parsed.list = true;
    else if (arg === '--gzip') parsed.compression = 'gzip';
    else if (arg.startsWith('--file=')) parsed.file = arg.slice(7);
    else if (arg === '--file') parsed.file = queue.shift();
    else if (arg.startsWith('--directory=')) parsed.directory = arg.slice(12);
    else if (arg === '-C' || arg === '--directory') parsed.directory = queue.shift() ?? '.';
    else if (/^-[a-zA-Z]+$/.test(arg)) {
      for (const flag of arg.slice(1)) {
        if (flag === 'x') parsed.extract = true;
        else if (flag === 'c') parsed.create = true;
        else if (flag === 't') parsed.list = true;
        else if (flag === 'f') parsed.file = queue.shift();
        else if (flag === 'C') parsed.directory = queue.shift() ?? '.';
        else if (COMPRESSION[flag]) parsed.compression = COMPRESSION[flag];
      }
    } else if (!arg.startsWith('-')) parsed.members.push(arg);
  }
  return parsed;
}

const BLOCK = 512;
const RECORD = 10240;

const blocks = (bytes: number): number => Math.ceil(bytes / BLOCK) * BLOCK;

/** A member's bytes in a GNU archive: its header, a long-name (or long-link) entry past 100 characters, its data. */
function memberSize(name: string, member: ArchiveMember): number {
  let size = BLOCK;
  if (name.length > 100) size += BLOCK + blocks(name.length + 1);
  if (member.kind === 'symlink' && (member.target ?? '').length > 100)
    size += BLOCK + blocks((member.target ?? '').length + 1);
  return member.kind === 'file' ? size + blocks(member.size) : size;
}

interface Made {
  readonly members: ArchiveMember[];
  readonly size: number;
  readonly stderr: string;
}

/** The members of `operands` under `base`, as tar -c walks them (a folder, then what it holds). */
function collect(context: CommandContext, base: string, operands: readonly string[], archive?: string): Made {
  const members: ArchiveMember[] = [];
  let size = 0;
  let stderr = '';
  let stripped = false;
  const seen = new Map<string, string>();
  const add = (path: string, name: string, node: TreeNode): void => {
    if (archive !== undefined && path === archive) {
      stderr += `tar: ${name}: file is the archive; not dumped\n`;
      return;
    }
    const member = toMember(context, path, name, node, seen);
    size += memberSize(node.kind === 'dir' ? `${name}/` : name, member);
    members.push(member);
    if (node.kind !== 'dir') return;
    for (const child of [...node.children.keys()].sort(compareText))
      add(
        joinPath(path, child),
        name === '.' ? `./${child}` : `${name}/${child}`,
        node.children.get(child) as TreeNode,
      );
  };
  for (const operand of operands) {
    const path = resolveIn(base, operand);
    const node = context.fs.lstat(path);
    if (!node) {
      stderr += `tar: ${operand}: Cannot stat: No such file or directory\n`;
      continue;
    }
    const name = operand.replace(/^\/+/, '').replace(/\/+$/, '') || (operand.startsWith('/') ? '/' : '.');
    if (operand.startsWith('/') && !stripped) {
      stderr += "tar: Removing leading `/' from member names\n";
      stripped = true;
    }
    add(path, name, node);
  }
  return { members, size: Math.ceil((size + 2 * BLOCK) / RECORD) * RECORD, stderr };
}

function toMember(
  context: CommandContext,
  path: string,
  name: string,
  node: TreeNode,
  seen: Map<string, string>,
): ArchiveMember {
  const meta = { path: name, mode: node.mode, uid: node.uid, gid: node.gid };
  if (node.kind === 'dir') return { ...meta, kind: 'dir', size: 0 };
  if (node.kind === 'symlink') return { ...meta, kind: 'symlink', size: 0, target: node.target };
  // A second name for data already in the archive is a header only; the first carries the data.
  const key = node.kind === 'hardlink' ? node.target : path;
  const first = seen.get(key);
  if (first !== undefined) return { ...meta, kind: 'hardlink', size: 0, target: first };
  seen.set(key, name);
  const data = context.fs.stat(key);
  const file = data?.kind === 'file' ? data : undefined;
  return {
    ...meta,
    kind: 'file',
    size: file?.size ?? 0,
    ...(file ? { contentId: contentIdOf(file) } : {}),
    ...(file?.content !== undefined ? { content: file.content } : {}),
  };
}

/**
 * A compressed archive's size: the data of each file at a ratio by what it is (zeros almost
 * nothing, random bytes a little more than themselves, anything else half), headers nearly nothing.
 */
function compressedSize(members: readonly ArchiveMember[]): number {
  let size = 20;
  for (const member of members) {
    size += 8;
    const id = member.contentId ?? '';
    if (member.kind !== 'file') continue;
    if (id.startsWith('zero:') || (member.content !== undefined && /^\0*$/.test(member.content)))
      size += Math.ceil(member.size / 1000);
    else if (id.startsWith('random:')) size += Math.ceil(member.size * 1.0003);
    else size += Math.ceil(member.size / 2);
  }
  return size;
}

function create(context: CommandContext, options: TarOptions): CommandResult {
  const { fs, state } = context;
  if (options.members.length === 0)
    return fail(
      "tar: Cowardly refusing to create an empty archive\nTry 'tar --help' or 'tar --usage' for more information.",
      2,
    );
  const file = options.file ?? '-';
  const archive = file === '-' ? undefined : fs.resolve(file);
  const made = collect(context, fs.resolve(options.directory), options.members, archive);
  const failed = made.stderr.includes('Cannot stat');
  const stderr = `${made.stderr}${failed ? 'tar: Exiting with failure status due to previous errors\n' : ''}`;
  const size = options.compression ? compressedSize(made.members) : made.size;
  if (options.compression)
    noteGap(
      state,
      'model',
      `tar's ${options.compression} archive is estimated at ${size.toLocaleString('en')} bytes (the simulator does not compress: zeros count almost nothing, random data a little more than itself, other files half).`,
      'estimated',
    );
  const contentId = `tar:${contentDigest(JSON.stringify(made.members))}:${options.compression ?? ''}`;
  if (archive === undefined) return { status: failed ? 2 : 0, stdout: { size, contentId }, stderr };
  fs.put(file, {
    kind: 'file',
    mode: fs.masked(0o666),
    uid: state.user.uid,
    gid: state.user.gid,
    size,
    contentId,
    archive: made.members,
  });
  return { status: failed ? 2 : 0, stderr };
}

function extract(context: CommandContext, options: TarOptions, archive: readonly ArchiveMember[]): void {
  const { fs, state } = context;
  const root = state.user.uid === 0;
  const base = fs.resolve(options.directory);
  for (const member of archive) {
    const path = joinPath(base, member.path);
    // root keeps the archive's owners and modes (GNU tar's --same-owner, --same-permissions); others get their own, less the umask.
    const uid = root ? (member.uid ?? 0) : state.user.uid;
    const gid = root ? (member.gid ?? 0) : state.user.gid;
    const mode = root ? member.mode : fs.masked(member.mode);
    if (member.kind === 'dir') {
      fs.mkdir(path, mode);
      fs.update(path, (node) => ({ ...node, mode, uid, gid }));
    } else if (member.kind === 'symlink')
      fs.put(path, { kind: 'symlink', mode: 0o777, uid, gid, target: member.target ?? '' });
    else if (member.kind === 'hardlink')
      fs.put(path, { kind: 'hardlink', mode, uid, gid, target: joinPath(base, member.target ?? '') });
    else
      fs.put(path, {
        kind: 'file',
        mode,
        uid,
        gid,
        size: member.size,
        contentId: member.contentId ?? `tar:${options.file}:${member.path}`,
        ...(member.content !== undefined ? { content: member.content } : {}),
      });
  }
}

export const tar: CommandModule = {
  names: ['tar'],
  run(context): CommandResult {
    const { fs, state } = context;
    const options = parseTar(context.args);
    if (options.create) return create(context, options);
    if (!options.extract && !options.list) return { status: 0 };
    const { file } = options;
    if (!file) return fail('tar: Refusing to read archive contents from terminal (missing -f option?)', 2);
    const node = fs.stat(file);
    if (node?.kind !== 'file') return fail(`tar: ${file}: Cannot open: No such file or directory`, 2);
    if (!node.archive) {
      noteGap(state, 'no-data', `tar read ${file}, whose contents the simulator does not know.`);
      return { status: 0 };
    }
    if (options.list)
      return {
        status: 0,
        stdout: node.archive.map((member) => `${member.path}${member.kind === 'dir' ? '/' : ''}\n`).join(''),
      };
    extract(context, options, node.archive);
    return { status: 0 };
  },
};

/** tar: `-x` unpacks an archive whose listing the simulator knows (one that came from the build context). */
import { joinPath } from '../../fs/path.ts';
import { type CommandModule, type CommandResult, fail, noteGap } from '../command.ts';

/** Reads `tar xzf a.tgz -C /opt`, `tar -x -f a.tar`, `tar --extract --file=a.tar` alike. */
function parseTar(args: readonly string[]): {
  extract: boolean;
  create: boolean;
  file?: string;
  directory: string;
} {
  const parsed: { extract: boolean; create: boolean; file?: string; directory: string } = {
    extract: false,
    create: false,
    directory: '.',
  };
  const queue = [...args];
  if (queue[0] && /^[a-zA-Z]+$/.test(queue[0])) queue[0] = `-${queue[0]}`;
  while (queue.length > 0) {
    const arg = queue.shift() as string;
    if (arg === '--extract' || arg === '--get') parsed.extract = true;
    else if (arg === '--create') parsed.create = true;
    else if (arg.startsWith('--file=')) parsed.file = arg.slice(7);
    else if (arg === '--file') parsed.file = queue.shift();
    else if (arg.startsWith('--directory=')) parsed.directory = arg.slice(12);
    else if (arg === '-C' || arg === '--directory') parsed.directory = queue.shift() ?? '.';
    else if (/^-[a-zA-Z]+$/.test(arg)) {
      if (arg.includes('x')) parsed.extract = true;
      if (arg.includes('c')) parsed.create = true;
      if (arg.includes('f')) parsed.file = queue.shift();
    }
  }
  return parsed;
}

export const tar: CommandModule = {
  names: ['tar'],
  run({ args, fs, state }): CommandResult {
    const { extract, create, file, directory } = parseTar(args);
    if (!extract) {
      if (create) {
        noteGap(state, 'not-followed', 'tar -c (creating an archive) is not simulated.');
      }
      return { status: 0 };
    }
    if (!file) return fail('tar: Refusing to read archive contents from terminal (missing -f option?)', 2);
    const node = fs.stat(file);
    if (node?.kind !== 'file') return fail(`tar: ${file}: Cannot open: No such file or directory`, 2);
    if (!node.archive) {
      noteGap(state, 'no-data', `tar unpacked ${file}, whose contents the simulator does not know.`);
      return { status: 0 };
    }
    const { uid, gid } = state.user;
    for (const member of node.archive) {
      const path = joinPath(fs.resolve(directory), member.path);
      if (member.kind === 'dir') fs.mkdir(path, member.mode);
      else if (member.kind === 'symlink')
        fs.put(path, { kind: 'symlink', mode: 0o777, uid, gid, target: member.target ?? '' });
      else if (member.kind === 'hardlink')
        fs.put(path, {
          kind: 'hardlink',
          mode: member.mode,
          uid,
          gid,
          target: joinPath(fs.resolve(directory), member.target ?? ''),
        });
      else
        fs.put(path, {
          kind: 'file',
          mode: member.mode,
          uid,
          gid,
          size: member.size,
          contentId: `tar:${file}:${member.path}`,
        });
    }
    return { status: 0 };
  },
};

/**
 * The attack surface of an image, from its files rather than its Dockerfile: shells, network
 * tools, package managers, compilers, setuid binaries, and whether it runs as root.
 */
import type { StageResult } from '../build/result.ts';
import type { Diagnostic } from '../diagnostic.ts';
import { basename } from '../fs/path.ts';
import { type DirNode, realpath, walk } from '../fs/tree.ts';
import type { SourceRange } from '../source-range.ts';

export type SurfaceCategory =
  | 'shell'
  | 'network-tool'
  | 'package-manager'
  | 'compiler'
  | 'setuid'
  | 'world-writable'
  | 'root-user';

export interface SurfaceItem {
  readonly category: SurfaceCategory;
  /** The tool, e.g. `curl`, or the account for root-user. */
  readonly name: string;
  readonly paths: readonly string[];
}

export interface SurfaceReport {
  readonly items: readonly SurfaceItem[];
  readonly counts: Readonly<Record<SurfaceCategory, number>>;
  /** Files anyone could execute (mode with an x bit), links not counted. */
  readonly executables: number;
}

/** What each tool is; names are matched on the file name of anything executable on a bin path. */
const TOOLS: Readonly<
  Record<Exclude<SurfaceCategory, 'setuid' | 'world-writable' | 'root-user'>, readonly string[]>
> = {
  shell: ['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox'],
  'network-tool': [
    'curl',
    'wget',
    'nc',
    'ncat',
    'netcat',
    'nslookup',
    'dig',
    'host',
    'ssh',
    'scp',
    'sftp',
    'telnet',
    'ftp',
    'tftp',
    'socat',
    'ping',
    'traceroute',
    'ip',
    'ifconfig',
    'route',
    'arp',
    'openssl',
    'rsync',
  ],
  'package-manager': [
    'apt',
    'apt-get',
    'dpkg',
    'apk',
    'pip',
    'pip3',
    'easy_install',
    'yum',
    'dnf',
    'rpm',
    'npm',
    'gem',
  ],
  compiler: ['gcc', 'cc', 'c++', 'g++', 'clang', 'go', 'make', 'as', 'ld', 'rustc', 'cargo', 'javac', 'tcc'],
};

const BIN_DIRECTORIES =
  /^(\/usr)?(\/local)?\/s?bin\/|^\/usr\/local\/go\/bin\/|^\/go\/bin\/|^\/root\/\.local\/bin\/|^\/home\/[^/]+\/\.local\/bin\//;

/** What a program is by its file name (`curl` → network-tool, `pip3.9` → package-manager). */
export function toolCategories(name: string): (keyof typeof TOOLS)[] {
  const bare = name.replace(/-?[\d.]+$/, '');
  return (Object.keys(TOOLS) as (keyof typeof TOOLS)[]).filter(
    (category) => TOOLS[category].includes(bare) || TOOLS[category].includes(name),
  );
}

export function attackSurface(stage: StageResult): SurfaceReport {
  const found = new Map<string, { category: SurfaceCategory; name: string; paths: string[] }>();
  const add = (category: SurfaceCategory, name: string, path: string) => {
    const key = `${category}:${name}`;
    const item = found.get(key) ?? { category, name, paths: [] };
    item.paths.push(path);
    found.set(key, item);
  };
  let executables = 0;
  const tree = stage.tree as DirNode | null;
  for (const [path, node] of tree ? walk(tree) : []) {
    // Anyone may write here; a sticky directory such as /tmp only lets owners delete their own files.
    if (
      node.kind !== 'symlink' &&
      (node.mode & 0o002) !== 0 &&
      !(node.kind === 'dir' && (node.mode & 0o1000) !== 0)
    )
      add('world-writable', path, path);
    if (node.kind === 'dir') continue;
    const executable = node.kind === 'symlink' || (node.mode & 0o111) !== 0;
    if (node.kind === 'file' && (node.mode & 0o111) !== 0) executables++;
    if (node.kind !== 'symlink' && (node.mode & 0o6000) !== 0) add('setuid', basename(path), path);
    if (!executable || !BIN_DIRECTORIES.test(path)) continue;
    // A link to a missing target is no tool (a dangling /usr/bin/pip after its package went).
    if (node.kind === 'symlink' && tree && realpath(tree, path) === undefined) continue;
    for (const category of toolCategories(basename(path)))
      add(category, basename(path).replace(/-?[\d.]+$/, '') || basename(path), path);
  }
  const user = stage.config?.user ?? '';
  if (user === '' || user === 'root' || user === '0' || user.startsWith('0:') || user.startsWith('root:'))
    add('root-user', 'root', user || '(no USER)');
  const items = [...found.values()].sort(
    (a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name),
  );
  const counts = {
    shell: 0,
    'network-tool': 0,
    'package-manager': 0,
    compiler: 0,
    setuid: 0,
    'world-writable': 0,
    'root-user': 0,
  };
  for (const item of items) counts[item.category]++;
  return { items, counts, executables };
}

const MESSAGES: Readonly<Record<SurfaceCategory, (names: string) => string>> = {
  shell: (names) =>
    `The image has a shell (${names}): anyone who gets code execution can run arbitrary commands.`,
  'network-tool': (names) =>
    `The image has network tools (${names}): an attacker can download payloads and probe your network.`,
  'package-manager': (names) =>
    `The image has package managers (${names}): an attacker can install any tool that is missing.`,
  compiler: (names) =>
    `The image has compilers and build tools (${names}): they are needed to build, not to run.`,
  setuid: (names) => `The image has setuid/setgid binaries (${names}): a way to gain privileges.`,
  'world-writable': (names) =>
    `Any user can write to ${names}: a process that is not root can plant or replace files there.`,
  'root-user': () =>
    'The container runs as root: a compromise of the app is a compromise of root in the container.',
};

/** One diagnostic per category, listing the tools and the paths that triggered it. */
export function surfaceDiagnostics(report: SurfaceReport, range: SourceRange): Diagnostic[] {
  const byCategory = new Map<SurfaceCategory, SurfaceItem[]>();
  for (const item of report.items)
    byCategory.set(item.category, [...(byCategory.get(item.category) ?? []), item]);
  return [...byCategory].map(([category, items]) => {
    const names = items.map((item) => item.name).join(', ');
    const paths = items.flatMap((item) => item.paths);
    return {
      code: `surface/${category}`,
      severity: 'warning',
      message: MESSAGES[category](names),
      range,
      hint: `Found at ${paths.slice(0, 6).join(', ')}${paths.length > 6 ? `, and ${paths.length - 6} more` : ''}.`,
    };
  });
}

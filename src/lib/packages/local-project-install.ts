/**
 * What `pip install <folder>` writes for a setuptools project, as pip 23 and setuptools 66 do
 * (read in oracle/bookworm-python3, Debian 12): the project's modules copied into site-packages,
 * their byte-compiled .pyc, a dist-info folder and console-script launchers; and, inside the
 * project, the in-tree build's `build/` and `<name>.egg-info/`. The copied modules are the
 * project's own files; the metadata's text is written as pip writes it; RECORD and the .pyc
 * files are known by size only, the .pyc sizes estimated.
 */
import { basename, dirname, joinPath } from '../fs/path.ts';
import type { LocalProject } from './local-project.ts';
import { consoleScriptSize, utf8Length } from './pip-script.ts';

/** A file the install writes: its text where it is known, else its size. */
export type InstalledFile =
  | { readonly path: string; readonly kind: 'copy'; readonly from: string }
  | { readonly path: string; readonly kind: 'text'; readonly text: string }
  | {
      readonly path: string;
      readonly kind: 'sized';
      readonly size: number;
      readonly shebang?: string;
      readonly mode?: number;
    };

export interface LocalInstallPlan {
  readonly files: readonly InstalledFile[];
  /** folders made empty (the build's bdist folder) */
  readonly dirs: readonly string[];
  /** the dist-info folder's name, e.g. hello-1.0.dist-info */
  readonly distInfo: string;
}

export interface LocalInstallWhere {
  /** the project folder, absolute */
  readonly project: string;
  readonly sitePackages: string;
  readonly scripts: string;
  /** the interpreter's path, for launchers' shebangs */
  readonly interpreter: string;
  /** e.g. 3.9, for .pyc names */
  readonly pythonVersion: string;
  /** pip's --no-compile */
  readonly compile: boolean;
}

/** A wheel's name for a project or version: runs of `-_.` become `_` (the wheel spec's escaping). */
const escapeName = (name: string) => name.replace(/[-_.]+/g, '_');

/**
 * Bytes of a .pyc for a source of `size` bytes: a 16-byte header and the marshalled code, which
 * ran 1.0 to 1.25 times the source on CPython 3.11's json and os modules and 176 bytes for a
 * 19-byte module. An estimate.
 */
export function estimatedPycSize(size: number): number {
  return 150 + Math.round(size * 1.1);
}

/**
 * A RECORD line: `path,sha256=<43 base64url characters>,size`, or `path,,` for files pip does not
 * hash; Python's csv writer ends each with CRLF (the recorded RECORD is 643 bytes for 634 of text).
 */
const recordLine = (path: string, size?: number) =>
  size === undefined ? `${path},,\r\n` : `${path},sha256=${'x'.repeat(43)},${size}\r\n`;

/** `to` relative to the folder `from` (both absolute), as RECORD names launchers outside site-packages. */
function relative(from: string, to: string): string {
  const a = from.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/');
}

function metadata(project: LocalProject, blankLine: boolean): string {
  const lines = [
    'Metadata-Version: 2.1',
    `Name: ${project.name}`,
    `Version: ${project.version}`,
    ...project.dependencies.map((dep) => `Requires-Dist: ${dep}`),
  ];
  return `${lines.join('\n')}\n${blankLine ? '\n' : ''}`;
}

const entryPoints = (project: LocalProject) =>
  project.scripts.length === 0
    ? undefined
    : `[console_scripts]\n${project.scripts.map((s) => `${s.name} = ${s.entry}`).join('\n')}\n\n`;

/** The files `pip install <folder>` writes, where it writes them. */
export function planLocalInstall(
  project: LocalProject,
  sizeOf: (path: string) => number,
  where: LocalInstallWhere,
): LocalInstallPlan {
  const site = where.sitePackages;
  const distInfo = `${escapeName(project.name)}-${project.version.replaceAll('-', '_')}.dist-info`;
  const tag = where.pythonVersion.replace('.', '');
  const files: InstalledFile[] = [];
  const record: string[] = [];
  for (const file of project.files) {
    const size = sizeOf(joinPath(where.project, file.from));
    files.push({ path: joinPath(site, file.to), kind: 'copy', from: joinPath(where.project, file.from) });
    record.push(recordLine(file.to, size));
    if (!where.compile) continue;
    const pyc = joinPath(
      dirname(`/${file.to}`),
      '__pycache__',
      `${basename(file.to).replace(/\.py$/, '')}.cpython-${tag}.pyc`,
    ).slice(1);
    files.push({ path: joinPath(site, pyc), kind: 'sized', size: estimatedPycSize(size) });
    record.push(recordLine(pyc));
  }
  const texts: [string, string | undefined][] = [
    ['INSTALLER', 'pip\n'],
    ['METADATA', metadata(project, true)],
    ['REQUESTED', ''],
    [
      'WHEEL',
      'Wheel-Version: 1.0\nGenerator: bdist_wheel (0.38.4)\nRoot-Is-Purelib: true\nTag: py3-none-any\n\n',
    ],
    ['direct_url.json', `{"dir_info": {}, "url": "file://${where.project}"}`],
    ['entry_points.txt', entryPoints(project)],
    ['top_level.txt', `${project.topLevel.join('\n')}\n`],
  ];
  for (const [name, text] of texts) {
    if (text === undefined) continue;
    files.push({ path: joinPath(site, distInfo, name), kind: 'text', text });
    record.push(recordLine(`${distInfo}/${name}`, utf8Length(text)));
  }
  for (const script of project.scripts) {
    const path = joinPath(where.scripts, script.name);
    const size = consoleScriptSize(script.entry, where.interpreter);
    files.push({ path, kind: 'sized', size, shebang: where.interpreter, mode: 0o755 });
    record.push(recordLine(relative(site, path), size));
  }
  record.push(recordLine(`${distInfo}/RECORD`));
  files.push({
    path: joinPath(site, distInfo, 'RECORD'),
    kind: 'sized',
    size: record.reduce((sum, line) => sum + utf8Length(line), 0),
  });
  const build = inTreeBuild(project, where.project);
  return { files: [...files, ...build.files], dirs: build.dirs, distInfo };
}

/** setuptools builds in the project folder: build/lib holds the modules, <name>.egg-info the metadata. */
function inTreeBuild(project: LocalProject, root: string): { files: InstalledFile[]; dirs: string[] } {
  const eggInfo = `${escapeName(project.name)}.egg-info`;
  const egg: [string, string | undefined][] = [
    ['PKG-INFO', metadata(project, false)],
    ['dependency_links.txt', '\n'],
    ['entry_points.txt', entryPoints(project)],
    ['requires.txt', project.dependencies.length ? `${project.dependencies.join('\n')}\n` : undefined],
    ['top_level.txt', `${project.topLevel.join('\n')}\n`],
  ];
  const written = egg.filter((entry): entry is [string, string] => entry[1] !== undefined);
  // SOURCES.txt lists the project's sources and the egg-info's own files, one a line, no final newline
  const sources = [
    ...project.files.map((file) => file.from),
    ...project.sources,
    ...[...written.map(([name]) => name), 'SOURCES.txt'].map((name) => `${eggInfo}/${name}`),
  ].sort();
  return {
    files: [
      ...project.files.map((file) => ({
        path: joinPath(root, 'build', 'lib', file.to),
        kind: 'copy' as const,
        from: joinPath(root, file.from),
      })),
      ...written.map(([name, text]) => ({
        path: joinPath(root, eggInfo, name),
        kind: 'text' as const,
        text,
      })),
      { path: joinPath(root, eggInfo, 'SOURCES.txt'), kind: 'text', text: sources.join('\n') },
    ],
    dirs: [joinPath(root, 'build', 'bdist.linux-x86_64')],
  };
}

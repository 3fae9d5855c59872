/**
 * dpkg's update-alternatives --install on a fresh link group (utils/update-alternatives.c): the
 * links it makes, its state file in /var/lib/dpkg/alternatives, the two lines it logs to
 * /var/log/alternatives.log and what it prints (into apt's term.log). Checked against the
 * recorded installs of less, netcat-openbsd, vim-tiny, xz-utils and pinentry-curses.
 */
import type { LayerEntry } from '../fs/entry.ts';

interface Link {
  readonly link: string;
  readonly name: string;
  readonly path: string;
}

export interface AlternativeInstall {
  readonly quiet: boolean;
  readonly master: Link;
  readonly priority: string;
  readonly slaves: readonly Link[];
}

/** Reads `[--quiet] --install LINK NAME PATH PRIORITY [--slave LINK NAME PATH]...`. */
export function parseAlternativeInstall(args: string): AlternativeInstall | undefined {
  const words = args.split(/\s+/).filter((w) => w !== '');
  const quiet = words[0] === '--quiet';
  const rest = quiet ? words.slice(1) : words;
  const [option, link, name, path, priority, ...more] = rest;
  if (option !== '--install' || !link || !name || !path || !priority) return undefined;
  const slaves: Link[] = [];
  for (let i = 0; i < more.length; i += 4) {
    const [flag, slaveLink, slaveName, slavePath] = more.slice(i, i + 4);
    if (flag !== '--slave' || !slaveLink || !slaveName || !slavePath) return undefined;
    slaves.push({ link: slaveLink, name: slaveName, path: slavePath });
  }
  return { quiet, master: { link, name, path }, priority, slaves };
}

/** `update-alternatives 2026-12-07 19:05:11: ` before every alternatives.log line */
const LOG_PREFIX = 'update-alternatives YYYY-MM-DD HH:MM:SS: ';

const bytes = (s: string) => new TextEncoder().encode(s).length;

/**
 * The log lines of one run: its arguments, then, when the new alternative takes over the group,
 * the group pointing at it (fakeroot-tcp, priority 30 after fakeroot-sysv's 50, logs only the run).
 */
export function alternativesLogBytes(args: string, install: AlternativeInstall, wins = true): number {
  const run = `${LOG_PREFIX}run with ${args.split(/\s+/).join(' ')}\n`;
  const updated = `${LOG_PREFIX}link group ${install.master.name} updated to point to ${install.master.path}\n`;
  return bytes(run) + (wins ? bytes(updated) : 0);
}

/**
 * What it prints (unless --quiet): the group set up in auto mode, and a warning for each slave
 * whose file does not exist (a slim image's man pages), which it then leaves out.
 */
export function alternativesOutput(
  install: AlternativeInstall,
  exists: (path: string) => boolean,
  wins = true,
): string[] {
  if (install.quiet || !wins) return [];
  const { master } = install;
  return [
    `update-alternatives: using ${master.path} to provide ${master.link} (${master.name}) in auto mode`,
    ...install.slaves
      .filter((slave) => !exists(slave.path))
      .map(
        (slave) =>
          `update-alternatives: warning: skip creation of ${slave.link} because associated file ${slave.path} (of link group ${master.name}) doesn't exist`,
      ),
  ];
}

/**
 * The links (LINK → /etc/alternatives/NAME → PATH, a slave's only when its file exists) and the
 * state file: `auto`, the master link, each slave's name and link, a blank line, then each
 * alternative's path, priority and slave paths, and a closing blank line. A group that exists
 * (`existing` bytes: util-linux's pager, which less joins) gains the new alternative's lines; the
 * new one is taken to win the auto choice, as each recorded one did (less 77 over more's 50).
 */
export function alternativesEntries(
  install: AlternativeInstall,
  exists: (path: string) => boolean,
  existing?: number,
  wins = true,
): LayerEntry[] {
  const { master, slaves } = install;
  const alternative = [master.path, install.priority, ...slaves.map((s) => s.path)];
  const group = ['auto', master.link, ...slaves.flatMap((s) => [s.name, s.link]), ''];
  const state = existing === undefined ? [...group, ...alternative, ''] : alternative;
  const links = !wins
    ? []
    : [master, ...slaves.filter((s) => exists(s.path))].flatMap((l) => [
        symlink(`/etc/alternatives/${l.name}`, l.path),
        symlink(l.link, `/etc/alternatives/${l.name}`),
      ]);
  return [
    ...links,
    {
      path: `/var/lib/dpkg/alternatives/${master.name}`,
      kind: 'file',
      mode: 0o644,
      uid: 0,
      gid: 0,
      size: (existing ?? 0) + state.reduce((n, line) => n + bytes(line) + 1, 0),
    },
  ];
}

function symlink(path: string, target: string): LayerEntry {
  return { path, kind: 'symlink', mode: 0o777, uid: 0, gid: 0, size: bytes(target), target };
}

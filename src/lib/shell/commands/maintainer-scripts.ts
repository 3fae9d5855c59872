/**
 * The postinst effects of packages apt configures, from the measured table
 * (packages/maintainer-scripts.ts), in apt's configure order: system groups through Debian's
 * addgroup, update-alternatives link groups, links and folders the scripts make. Returns what the
 * scripts printed per package (term.log) and the bytes they added to alternatives.log.
 */
import type { LayerEntry } from '../../fs/entry.ts';
import {
  alternativesEntries,
  alternativesLogBytes,
  alternativesOutput,
  parseAlternativeInstall,
} from '../../packages/alternatives.ts';
import type { AptPackage, DebianSuite } from '../../packages/format.ts';
import {
  DEBCONF_FALLBACK,
  MAINTAINER_SCRIPTS,
  type MaintainerScripts,
} from '../../packages/maintainer-scripts.ts';
import { readAccounts } from '../accounts.ts';
import type { CommandContext } from '../command.ts';
import { debianAddgroup } from './debian-adduser.ts';

export interface ScriptsRun {
  readonly output: ReadonlyMap<string, readonly string[]>;
  readonly alternativesLog: number;
  /** packages that process a trigger of their own after the configure run, and what it prints */
  readonly triggered: readonly { readonly pkg: AptPackage; readonly printed: readonly string[] }[];
}

export function runMaintainerScripts(
  context: CommandContext,
  suite: DebianSuite,
  packages: readonly AptPackage[],
  before: ReadonlyMap<string, number>,
): ScriptsRun {
  const output = new Map<string, string[]>();
  let alternativesLog = 0;
  const triggered: { pkg: AptPackage; printed: readonly string[] }[] = [];
  // link groups this run made or joined: the bytes of their state file, the winning priority
  const made = new Map<string, number>();
  const best = new Map<string, number>();
  for (const pkg of packages) {
    const scripts = MAINTAINER_SCRIPTS[suite][pkg.name];
    if (!scripts) continue;
    addGroups(context, scripts);
    context.fs.putAll(madeEntries(scripts));
    const printed: string[] = [...debconfMessages(context, suite, scripts), ...(scripts.printed ?? [])];
    if (scripts.ownTrigger) triggered.push({ pkg, printed: scripts.ownTrigger });
    for (const args of scripts.alternatives ?? []) {
      const install = parseAlternativeInstall(args);
      if (!install) continue;
      const exists = (path: string) => context.fs.stat(path) !== undefined;
      const name = install.master.name;
      // a group made in this run keeps its best priority; the new alternative is taken to win one
      // from before (less, 77, over util-linux's more, 50)
      const wins = !(best.get(name) !== undefined && (best.get(name) ?? 0) >= Number(install.priority));
      const existing = made.get(name) ?? before.get(name);
      printed.push(...alternativesOutput(install, exists, wins));
      const entries = alternativesEntries(install, exists, existing, wins);
      context.fs.putAll(entries);
      made.set(name, entries.find((e) => e.path.endsWith(`/alternatives/${name}`))?.size ?? 0);
      if (wins) best.set(name, Number(install.priority));
      alternativesLog += alternativesLogBytes(args, install, wins);
    }
    output.set(pkg.name, printed);
  }
  return { output, alternativesLog, triggered };
}

/** debconf's frontend fallback, which depends on whether Perl's Term::ReadLine is unpacked */
function debconfMessages(
  context: CommandContext,
  suite: DebianSuite,
  scripts: MaintainerScripts,
): readonly string[] {
  if (!scripts.asks) return [];
  const fallback = DEBCONF_FALLBACK[suite];
  return context.fs.stat(`/var/lib/dpkg/info/${fallback.readline}.list`)
    ? fallback.withReadline
    : fallback.withoutReadline;
}

/**
 * The link groups update-alternatives knows before apt unpacks anything: name → bytes of its
 * state file (the measured file lists carry the state after the install, not before).
 */
export function alternativeGroups(context: CommandContext): Map<string, number> {
  const dir = context.fs.stat('/var/lib/dpkg/alternatives');
  const groups = new Map<string, number>();
  if (dir?.kind !== 'dir') return groups;
  for (const [name, node] of dir.children) if (node.kind === 'file') groups.set(name, node.size);
  return groups;
}

/** `if ! getent group NAME; then addgroup --system --quiet NAME; fi` */
function addGroups(context: CommandContext, scripts: MaintainerScripts): void {
  for (const name of scripts.systemGroups ?? []) {
    if (readAccounts(context.fs).groups.some((group) => group.name === name)) continue;
    debianAddgroup({ ...context, name: 'addgroup', args: ['--system', '--quiet', '--force-badname', name] });
  }
}

function madeEntries(scripts: MaintainerScripts): LayerEntry[] {
  const dirs = (scripts.dirs ?? []).map(
    (path): LayerEntry => ({ path, kind: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 }),
  );
  const links = (scripts.links ?? []).map(
    ({ path, target }): LayerEntry => ({
      path,
      kind: 'symlink',
      mode: 0o777,
      uid: 0,
      gid: 0,
      size: new TextEncoder().encode(target).length,
      target,
    }),
  );
  return [...dirs, ...links];
}

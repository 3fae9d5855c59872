/**
 * Writes tests/oracle/cases/<name>/ from case-list.ts: Dockerfile, context/ (plain files) or
 * context.tar (modes, links, empty folders, archives), build-args, target, run. Recordings
 * (real.json) are left as they are; folders of cases no longer listed are reported, not deleted.
 *
 * Usage: node scripts/oracle/write-cases.ts
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type ContextEntry, type OracleCase, oracleCases, type TarMember } from './case-list.ts';
import { type TarEntry, writeTar } from './tar-writer.ts';

export const CASES_DIR = join(import.meta.dirname, '../../tests/oracle/cases');
const encoder = new TextEncoder();

type PlainEntry = string | { readonly text: string; readonly mode: number };

function isPlain(entry: ContextEntry): entry is PlainEntry {
  return typeof entry === 'string' || ('text' in entry && (entry.mode === 0o644 || entry.mode === 0o755));
}

/** The parent folders of every path, as tar directory entries (mode 755) unless listed. */
function withParents(entries: TarEntry[]): TarEntry[] {
  const listed = new Set(entries.map((e) => e.path));
  const parents: TarEntry[] = [];
  for (const e of entries) {
    const parts = e.path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (!listed.has(dir)) {
        listed.add(dir);
        parents.push({ kind: 'dir', path: dir, mode: 0o755 });
      }
    }
  }
  return [...parents, ...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function memberEntry(path: string, member: TarMember): TarEntry {
  if ('symlink' in member) return { kind: 'symlink', path, target: member.symlink };
  if ('hardlink' in member) return { kind: 'hardlink', path, target: member.hardlink };
  if ('dir' in member)
    return {
      kind: 'dir',
      path: path.replace(/\/$/, ''),
      mode: member.mode ?? 0o755,
      uid: member.uid,
      gid: member.gid,
    };
  return {
    kind: 'file',
    path,
    data: encoder.encode(member.text),
    mode: member.mode ?? 0o644,
    uid: member.uid,
    gid: member.gid,
  };
}

function contextEntry(path: string, entry: ContextEntry): TarEntry {
  if (typeof entry === 'string') return { kind: 'file', path, data: encoder.encode(entry), mode: 0o644 };
  if ('tar' in entry) {
    const members = Object.entries(entry.tar).map(([p, m]) => memberEntry(p, m));
    return { kind: 'file', path, data: writeTar(members), mode: 0o644 };
  }
  if ('symlink' in entry) return { kind: 'symlink', path, target: entry.symlink };
  if ('hardlink' in entry) return { kind: 'hardlink', path, target: entry.hardlink };
  if ('dir' in entry) return { kind: 'dir', path, mode: entry.mode ?? 0o755 };
  return { kind: 'file', path, data: encoder.encode(entry.text), mode: entry.mode };
}

function writeCase(c: OracleCase): void {
  const dir = join(CASES_DIR, c.name);
  mkdirSync(dir, { recursive: true });
  for (const stale of ['context', 'context.tar', 'build-args', 'target', 'run'])
    rmSync(join(dir, stale), { recursive: true, force: true });
  writeFileSync(join(dir, 'Dockerfile'), c.dockerfile);
  const context = Object.entries(c.context ?? {});
  const plain = context.filter((pair): pair is [string, PlainEntry] => isPlain(pair[1]));
  if (context.length > 0 && plain.length === context.length) {
    for (const [path, entry] of plain) {
      const full = join(dir, 'context', path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, typeof entry === 'string' ? entry : entry.text, {
        mode: typeof entry === 'string' ? 0o644 : entry.mode,
      });
    }
  } else if (context.length > 0) {
    writeFileSync(
      join(dir, 'context.tar'),
      writeTar(withParents(context.map(([p, e]) => contextEntry(p, e)))),
    );
  }
  if (c.buildArgs) writeFileSync(join(dir, 'build-args'), `${c.buildArgs.join('\n')}\n`);
  if (c.target) writeFileSync(join(dir, 'target'), `${c.target}\n`);
  if (c.run) writeFileSync(join(dir, 'run'), `${JSON.stringify(c.run)}\n`);
}

const cases = oracleCases();
const names = new Set<string>();
for (const c of cases) {
  if (names.has(c.name)) throw new Error(`two cases are named ${c.name}`);
  names.add(c.name);
  writeCase(c);
}
if (existsSync(CASES_DIR))
  for (const name of readdirSync(CASES_DIR))
    if (!names.has(name)) console.log(`not in case-list.ts: ${name}`);
console.log(`${cases.length} cases in ${CASES_DIR}`);

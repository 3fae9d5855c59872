/**
 * Reads what Debian's python3-* packages say about the release they carry: the dist-info's name,
 * version, Requires-Python and Requires-Dist, its console scripts (entry_points.txt), its top-level
 * modules and the bytes its module files take. One raw record per .deb, with the .deb as source.
 *
 *   node scripts/packages/pip-debian-meta.ts OUT.jsonl DEB...
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export interface DebianRecord {
  readonly name: string;
  readonly version: string;
  /** `Debian bookworm python3-flask_2.2.2-3_all.deb` */
  readonly source: string;
  readonly requiresPython?: string;
  readonly requiresDist: readonly string[];
  readonly consoleScripts: readonly { name: string; entry: string }[];
  readonly topLevel: readonly string[];
  /** bytes of the files under dist-packages that belong to the project (no .pyc: Debian builds them on install) */
  readonly moduleBytes: number;
  readonly moduleFiles: number;
}

const SITE = 'usr/lib/python3/dist-packages';
const norm = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

function headers(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    if (line === '') break; // the description follows the headers
    const m = /^([A-Za-z-]+): (.*)$/.exec(line);
    if (m) out.set(m[1] as string, [...(out.get(m[1] as string) ?? []), m[2] as string]);
  }
  return out;
}

function consoleScripts(text: string): { name: string; entry: string }[] {
  const out: { name: string; entry: string }[] = [];
  let inSection = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (/^\[.*\]$/.test(line)) inSection = line === '[console_scripts]';
    else if (inSection && line.includes('=')) {
      const [name, entry] = line.split('=').map((s) => s.trim());
      if (name && entry) out.push({ name, entry });
    }
  }
  return out;
}

function bytesUnder(path: string): { bytes: number; files: number } {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return { bytes: 0, files: 0 };
  if (st.isFile()) return { bytes: st.size, files: 1 };
  let bytes = 0;
  let files = 0;
  for (const name of readdirSync(path)) {
    if (name === '__pycache__') continue;
    const r = bytesUnder(join(path, name));
    bytes += r.bytes;
    files += r.files;
  }
  return { bytes, files };
}

export function readDeb(deb: string, suite: string): DebianRecord[] {
  const dir = mkdtempSync(join(tmpdir(), 'pipdeb-'));
  try {
    execFileSync('dpkg-deb', ['-x', deb, dir]);
    const site = join(dir, SITE);
    if (!existsSync(site)) return [];
    const entries = readdirSync(site);
    const infos = entries.filter((e) => /\.(dist|egg)-info$/.test(e));
    return infos.flatMap((info) => {
      const full = join(site, info);
      const metaFile = ['METADATA', 'PKG-INFO'].map((f) => join(full, f)).find((f) => existsSync(f));
      if (!metaFile) return [];
      const h = headers(readFileSync(metaFile, 'utf8'));
      const name = h.get('Name')?.[0];
      const version = h.get('Version')?.[0];
      if (!name || !version) return [];
      const ep = join(full, 'entry_points.txt');
      const tl = join(full, 'top_level.txt');
      const topLevel = existsSync(tl)
        ? readFileSync(tl, 'utf8').split('\n').filter(Boolean)
        : infos.length === 1
          ? entries
              .filter((e) => e !== info && !e.endsWith('.pth') && e !== '__pycache__')
              .map((e) => e.replace(/\.py$|\.cpython-.*\.so$/, ''))
          : [];
      let bytes = 0;
      let files = 0;
      for (const top of topLevel) {
        for (const candidate of [top, `${top}.py`]) {
          if (existsSync(join(site, candidate))) {
            const r = bytesUnder(join(site, candidate));
            bytes += r.bytes;
            files += r.files;
          }
        }
        for (const so of entries.filter((e) => e.startsWith(`${top}.cpython-`) && e.endsWith('.so'))) {
          bytes += lstatSync(join(site, so)).size;
          files++;
        }
      }
      return [
        {
          name: norm(name),
          version,
          source: `Debian ${suite} ${basename(deb)}`,
          ...(h.get('Requires-Python') ? { requiresPython: h.get('Requires-Python')?.[0] } : {}),
          requiresDist: h.get('Requires-Dist') ?? [],
          consoleScripts: existsSync(ep) ? consoleScripts(readFileSync(ep, 'utf8')) : [],
          topLevel: topLevel.filter((t) => !t.startsWith('_') || t.startsWith('_cffi')),
          moduleBytes: bytes,
          moduleFiles: files,
        },
      ];
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [outPath, ...debs] = process.argv.slice(2);
  if (!outPath) throw new Error('usage: pip-debian-meta.ts OUT.jsonl DEB...');
  const suite = process.env.DEBIAN_SUITE ?? 'bookworm';
  const lines = debs.flatMap((deb) => readDeb(deb, suite).map((r) => JSON.stringify(r)));
  writeFileSync(outPath, `${lines.join('\n')}\n`);
}

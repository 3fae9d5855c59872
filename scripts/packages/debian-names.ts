/**
 * Writes every Debian package name of a suite's main archive (amd64) to OUT/names/debian-SUITE.txt,
 * with the names only `Provides:` gives marked `*` (see docs/packages.md, Names). Reads the
 * mirror's Release (for its Date) and Packages.xz; needs `xz`. Node-only.
 * Usage: node scripts/packages/debian-names.ts OUT [MIRROR]   (OUT is normally public/packages;
 * MIRROR defaults to http://deb.debian.org/debian)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEBIAN_SUITES, debianListOf, encodeFrontCoded } from '../../src/lib/packages/project-names.ts';

const [out = 'public/packages', mirror = 'http://deb.debian.org/debian'] = process.argv.slice(2);

async function download(url: string): Promise<Buffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

/** Real package names, and the names `Provides:` adds (versions such as `(= 1.2)` dropped). */
function namesOf(packages: string): { real: Set<string>; provided: Set<string> } {
  const real = new Set<string>();
  const provided = new Set<string>();
  for (const line of packages.split('\n')) {
    if (line.startsWith('Package: ')) real.add(line.slice(9).trim());
    else if (line.startsWith('Provides: ')) {
      for (const item of line.slice(10).split(',')) {
        const name = item.trim().split(/\s/)[0];
        if (name) provided.add(name);
      }
    }
  }
  return { real, provided };
}

mkdirSync(join(out, 'names'), { recursive: true });
for (const suite of DEBIAN_SUITES) {
  const base = `${mirror}/dists/${suite}`;
  const release = (await download(`${base}/Release`)).toString('utf8');
  const date = /^Date: (.+)$/m.exec(release)?.[1] ?? 'unknown';
  const url = `${base}/main/binary-amd64/Packages.xz`;
  const packages = execFileSync('xz', ['-dc'], { input: await download(url), maxBuffer: 1 << 30 }).toString();
  const { real, provided } = namesOf(packages);
  const virtual = [...provided].filter((name) => !real.has(name));
  const entries = [...real, ...virtual.map((name) => `${name}*`)].sort();
  const header = [
    `# Debian ${suite} main amd64: every package name, front-coded (see docs/packages.md); a trailing * marks a name only Provides: gives`,
    `# source: ${url}`,
    `# Release Date: ${date}`,
  ];
  writeFileSync(join(out, debianListOf(suite)), `${header.join('\n')}\n${encodeFrontCoded(entries)}`);
  console.log(`${suite}: ${real.size} packages, ${virtual.length} virtual, Release ${date}`);
}

/**
 * `npm run packages` (after the fetch and measure steps of run.sh): writes public/packages from the
 * downloaded Debian packages, the real installs and the Go measurements. Node-only.
 * Usage: node scripts/packages/build.ts [OUT]
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GoData } from '../../src/lib/packages/format.ts';
import { buildApk } from './apk.ts';
import { buildApt } from './apt.ts';
import { buildGo } from './go.ts';
import { buildGoModules } from './go-modules.ts';
import { buildPip } from './pip.ts';

const work = process.env.PACKAGES_WORK ?? '/var/tmp/packages';
const catalog = process.env.CATALOG_WORK ?? '/var/tmp/catalog';
const out = process.argv[2] ?? 'public/packages';
const generated = process.env.PACKAGES_DATE ?? new Date().toISOString().slice(0, 10);

function write(path: string, text: string): void {
  const full = join(out, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
}

const only = process.env.PACKAGES_ONLY?.split(',');
const want = (part: string) => !only || only.includes(part);

if (want('pip')) {
  rmSync(join(out, 'pip'), { recursive: true, force: true });
  const pip = buildPip({
    debs: join(work, 'debs/x'),
    zoneinfo: join(catalog, 'x/tzdata/usr/share/zoneinfo'),
    caBundle: join(catalog, 'roots/bookworm-curl/etc/ssl/certs/ca-certificates.crt'),
    python39: process.env.PYTHON39 ?? '/root/.pyenv/versions/3.9.18/bin/python3.9',
    stage: join(work, 'pip-stage'),
    generated,
  });
  for (const [path, text] of pip.files) write(path, text);
  write('pip/index.json', `${JSON.stringify(pip.index, null, 1)}\n`);
  for (const line of pip.report) console.log(line);
}

if (want('go')) {
  const go = buildGo(join(work, 'go-1.26.jsonl'), 'scripts/packages/go-programs', generated);
  write('go.json', `${JSON.stringify(go.data)}\n`);
  for (const line of go.report) console.log(`go model: ${line}`);
}

if (want('go-modules')) {
  const go = JSON.parse(readFileSync(join(out, 'go.json'), 'utf8')) as GoData;
  const modules = buildGoModules('scripts/packages/go-modules', go, generated);
  write('go-modules.json', `${JSON.stringify(modules.data)}\n`);
  for (const line of modules.report) console.log(`go modules: ${line}`);
}

if (want('apt')) {
  for (const suite of ['bookworm', 'trixie'] as const) {
    if (!existsSync(join(work, `apt-${suite}/runs.json`))) {
      console.log(`apt ${suite}: no measured installs in ${work} (run apt-measure.ts)`);
      continue;
    }
    rmSync(join(out, 'apt', suite), { recursive: true, force: true });
    const slim = readFileSync(join(catalog, `roots/${suite}-slim/etc/dpkg/dpkg.cfg.d/docker`), 'utf8');
    const apt = buildApt(work, suite, slim, generated);
    for (const [path, text] of apt.files) write(path, text);
    write(`apt/${suite}.json`, `${JSON.stringify(apt.data)}\n`);
    for (const line of apt.report) console.log(`apt ${suite}: ${line}`);
  }
}

if (want('apk')) {
  rmSync(join(out, 'apk'), { recursive: true, force: true });
  const apk = buildApk(generated);
  for (const [path, text] of apk.files) write(path, text);
  write('apk/3.22.json', `${JSON.stringify(apk.data)}\n`);
  for (const line of apk.report) console.log(line);
}

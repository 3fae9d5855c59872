/** `sim image REF [--json] [--files] [--history]`: what a base image of the catalog holds. */
import { gapsOf } from '../../lib/certainty.ts';
import type { TreeNode } from '../../lib/fs/tree.ts';
import { walk } from '../../lib/fs/tree.ts';
import type { LoadedImage } from '../../lib/images/catalog.ts';
import { type CliCommand, type CliIo, EXIT_INVALID, EXIT_OK, EXIT_USAGE } from '../command.ts';
import { nodeCatalog, readCatalogFile } from '../node-catalog.ts';
import { listTags, renderTagList } from './image-list.ts';

const USAGE = `Usage: sim image REF [--json] [--files] [--history]
       sim image --list [--all] [--json]

Shows a base image of the simulator's catalog: its size (bytes, uncompressed, as the classic
\`docker images\` counts them), compressed size where published, config, layers and sources.

  --files     list every path with type, mode, owner, size, link target and package
  --history   show the layers as \`docker history\` does, newest first
  --json      print the result as JSON (with --files: every path too)
  --list      every repository and current tag the simulator knows of, each known (the
              catalog's data), estimated (built on a stand-in, named) or unknown (no data)
  --all       with --list: every tag the histories record, past ones too

Examples:
  sim image python:3.9
  sim image python:3.9-alpine --files
  sim image golang:1.24 --history
  sim image --list`;

interface Options {
  readonly ref: string;
  readonly json: boolean;
  readonly files: boolean;
  readonly history: boolean;
}

function parseArgs(args: readonly string[]): Options | string {
  const refs: string[] = [];
  const flags = new Set<string>();
  for (const a of args) {
    if (a === '--json' || a === '--files' || a === '--history') flags.add(a);
    else if (a.startsWith('-')) return `unknown option ${a}`;
    else refs.push(a);
  }
  if (refs.length !== 1)
    return refs.length === 0 ? 'an image reference is required' : 'give one image reference';
  return {
    ref: refs[0] as string,
    json: flags.has('--json'),
    files: flags.has('--files'),
    history: flags.has('--history'),
  };
}

export const imageCommand: CliCommand = {
  name: 'image',
  summary: 'Show a base image of the catalog: size, config, layers, files',
  usage: USAGE,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout(`${USAGE}\n`);
      return EXIT_OK;
    }
    if (args.includes('--list')) return list(args, io);
    const options = parseArgs(args);
    if (typeof options === 'string') {
      io.stderr(`sim image: ${options}\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    const c = await nodeCatalog();
    const resolution = await c.lookup(options.ref);
    if (!resolution.ok) {
      if (options.json)
        io.stdout(
          `${JSON.stringify({ ok: false, requested: resolution.requested, error: resolution.error }, null, 2)}\n`,
        );
      io.stderr(`sim image: ${resolution.error.message}\n`);
      return EXIT_INVALID;
    }
    const image = await c.load(options.ref);
    io.stdout(options.json ? `${JSON.stringify(toJson(image, options), null, 2)}\n` : render(image, options));
    return EXIT_OK;
  },
};

async function list(args: readonly string[], io: CliIo): Promise<number> {
  const unknown = args.find((a) => !['--list', '--all', '--json'].includes(a));
  if (unknown) {
    io.stderr(`sim image: --list takes only --all and --json, not ${unknown}\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  const rows = await listTags(await nodeCatalog(), readCatalogFile, args.includes('--all'));
  io.stdout(args.includes('--json') ? `${JSON.stringify(rows, null, 2)}\n` : renderTagList(rows));
  return EXIT_OK;
}

interface FileRow {
  readonly path: string;
  readonly type: TreeNode['kind'];
  readonly mode: string;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  readonly target?: string;
  readonly pkg?: string;
  readonly exec?: string;
}

function fileRows(image: LoadedImage): FileRow[] {
  const rows: FileRow[] = [];
  for (const [path, node] of walk(image.tree)) {
    rows.push({
      path,
      type: node.kind,
      mode: modeString(node),
      uid: node.uid,
      gid: node.gid,
      size: node.kind === 'file' ? node.size : node.kind === 'symlink' ? node.target.length : 0,
      ...(node.kind === 'symlink' || node.kind === 'hardlink' ? { target: node.target } : {}),
      ...(node.pkg ? { pkg: node.pkg } : {}),
      ...(node.kind === 'file' && node.exec ? { exec: execText(node) } : {}),
    });
  }
  return rows;
}

function execText(node: Extract<TreeNode, { kind: 'file' }>): string {
  const x = node.exec;
  if (!x) return '';
  if (x.kind === 'script') return `script #!${x.shebang}`;
  if (x.linkage === 'dynamic') return `ELF dynamic, interpreter ${x.interpreter}`;
  return x.linkage === 'static' ? 'ELF static' : 'ELF shared object';
}

function toJson(image: LoadedImage, options: Options) {
  const r = image.resolution;
  return {
    ok: true,
    requested: r.requested,
    resolved: image.record.ref,
    how: r.how,
    certainty: r.certainty,
    image: image.record,
    layers: image.layers.map((l) => l.record),
    packages: [...image.packages.values()],
    ...(options.files ? { files: fileRows(image) } : {}),
  };
}

function render(image: LoadedImage, options: Options): string {
  const rec = image.record;
  const r = image.resolution;
  const out: string[] = [];
  out.push(`${rec.ref}${r.requested !== rec.ref ? `  (requested ${r.requested})` : ''}`);
  for (const gap of gapsOf(r.certainty)) out.push(`${gap.level}: ${gap.text}`);
  out.push(`Tags:        ${rec.tags.join(', ')}`);
  out.push(`Platform:    ${rec.platform}`);
  out.push(
    `Digest:      ${rec.digest ? `${rec.digest.value}  (${rec.digest.source.text})` : 'none pinned in the catalog'}`,
  );
  const p = rec.published;
  const vs = p?.size ? `; published ${p.estimate ? '≈' : ''}${mb(p.size)} (${pct(rec.size, p.size)})` : '';
  out.push(`Size:        ${rec.size.toLocaleString('en-US')} bytes (${mb(rec.size)}) uncompressed${vs}`);
  out.push(
    `Compressed:  ${p?.compressedSize ? `${p.compressedSize.toLocaleString('en-US')} bytes (${mb(p.compressedSize)})` : 'not published'}`,
  );
  if (p) out.push(`Source:      ${p.source.text}`);
  const db = rec.packageDb;
  out.push(`Packages:    ${image.packages.size}${db ? ` (${db.manager}, ${db.path})` : ''}`);
  const c = rec.config;
  out.push('Config:');
  out.push(`  Env:          ${c.Env.length ? c.Env.join('\n                ') : '(none)'}`);
  out.push(`  Cmd:          ${c.Cmd ? JSON.stringify(c.Cmd) : '(none)'}`);
  out.push(`  Entrypoint:   ${c.Entrypoint ? JSON.stringify(c.Entrypoint) : '(none)'}`);
  out.push(`  User:         ${c.User || '(root)'}`);
  out.push(`  WorkingDir:   ${c.WorkingDir || '/'}`);
  out.push(`  ExposedPorts: ${Object.keys(c.ExposedPorts).join(', ') || '(none)'}`);
  out.push(
    `  Labels:       ${
      Object.entries(c.Labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ') || '(none)'
    }`,
  );
  out.push(`Layers:      ${image.layers.length}`);
  image.layers.forEach((l, i) => {
    out.push(
      `  ${String(i + 1).padStart(2)}  ${mb(l.record.size).padStart(10)}  ${l.record.provenance.padEnd(10)}  ${truncate(l.record.createdBy, 70)}`,
    );
  });
  if (rec.notes.length) out.push('Notes:', ...rec.notes.map((n) => `  - ${n}`));
  if (options.history) {
    out.push('', `${'CREATED BY'.padEnd(74)}${'SIZE'.padStart(10)}  DATA`);
    const layerById = new Map(image.layers.map((l) => [l.record.id, l.record]));
    for (const h of [...rec.history].reverse()) {
      const layer = h.layer ? layerById.get(h.layer) : undefined;
      out.push(
        `${truncate(h.createdBy, 72).padEnd(74)}${(layer ? mb(layer.size) : '0B').padStart(10)}  ${layer?.provenance ?? ''}`,
      );
    }
  }
  if (options.files) {
    out.push('', 'MODE        UID:GID           SIZE  PATH');
    for (const f of fileRows(image)) {
      const owner = `${f.uid}:${f.gid}`.padEnd(11);
      const link =
        f.target !== undefined ? (f.type === 'hardlink' ? ` link to ${f.target}` : ` -> ${f.target}`) : '';
      const extra = [f.pkg ? `[${f.pkg}]` : '', f.exec ? `(${f.exec})` : ''].filter(Boolean).join(' ');
      out.push(
        `${f.mode}  ${owner} ${String(f.size).padStart(10)}  ${f.path}${link}${extra ? `  ${extra}` : ''}`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

function modeString(node: TreeNode): string {
  const type =
    node.kind === 'dir' ? 'd' : node.kind === 'symlink' ? 'l' : node.kind === 'hardlink' ? 'h' : '-';
  const m = node.mode;
  const bit = (mask: number, ch: string) => ((m & mask) !== 0 ? ch : '-');
  const x = (mask: number, special: number, set: string, unset: string) =>
    (m & special) !== 0 ? ((m & mask) !== 0 ? set : unset) : bit(mask, 'x');
  return (
    type +
    bit(0o400, 'r') +
    bit(0o200, 'w') +
    x(0o100, 0o4000, 's', 'S') +
    bit(0o40, 'r') +
    bit(0o20, 'w') +
    x(0o10, 0o2000, 's', 'S') +
    bit(0o4, 'r') +
    bit(0o2, 'w') +
    x(0o1, 0o1000, 't', 'T')
  );
}

function mb(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}

function pct(value: number, reference: number): string {
  const d = ((value - reference) / reference) * 100;
  return `${d >= 0 ? '+' : ''}${d.toFixed(1)}%`;
}

function truncate(text: string, n: number): string {
  return text.length <= n ? text : `${text.slice(0, n - 1)}…`;
}

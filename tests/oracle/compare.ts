/**
 * What differs between a real build (a recording) and the simulator's report: the comparison of
 * ../shared/oracle/compare.py, in TypeScript, so that `npm test` needs no Docker and no Python.
 *
 * Kinds: sim-crash, outcome, error-message, config.<Field>, layer-count, layer-size, createdBy,
 * files, image-size, run, run-message. The base-drift rule: a path that each side left exactly
 * as its own base had it is not a difference, the base layer's size is not compared, and the
 * image's size is compared beyond the two bases' own difference.
 */
import type { JsonReport } from '../../src/lib/build/report.ts';
import type { RealFile, RealRun, Recording } from './recording.ts';

export interface Difference {
  readonly kind: string;
  readonly what: string;
  readonly real: unknown;
  readonly sim: unknown;
}

/** A file as either side lists it; `mode` null where the side does not know it (catalog bases). */
export interface ComparedFile {
  readonly path: string;
  readonly type: string;
  readonly size: number;
  readonly mode: string | null;
  readonly uid: number;
  readonly gid: number;
  readonly linkTarget?: string;
}

const KEYS = ['type', 'size', 'mode', 'uid', 'gid', 'linkTarget'] as const;

const keyOf = (f: ComparedFile | undefined, withMode = true) =>
  f === undefined
    ? undefined
    : JSON.stringify(KEYS.filter((k) => withMode || k !== 'mode').map((k) => f[k] ?? null));

function envMap(env: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    env.map((e) => [
      e.slice(0, e.indexOf('=') < 0 ? e.length : e.indexOf('=')),
      e.includes('=') ? e.slice(e.indexOf('=') + 1) : '',
    ]),
  );
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function configDiffs(
  real: NonNullable<Recording['config']>,
  sim: NonNullable<JsonReport['image']>['config'],
): Difference[] {
  const sortedEnv = (env: Record<string, string>) => Object.fromEntries(Object.entries(env).sort());
  const pairs: [string, unknown, unknown][] = [
    ['User', real.User, sim.user],
    ['WorkingDir', real.WorkingDir, sim.workdir],
    ['Env', sortedEnv(envMap(real.Env)), sortedEnv({ ...sim.env })],
    ['Entrypoint', real.Entrypoint, sim.entrypoint],
    ['Cmd', real.Cmd, sim.cmd],
    ['ExposedPorts', [...real.ExposedPorts].sort(), [...sim.exposedPorts].sort()],
  ];
  return pairs
    .filter(([, r, s]) => !same(r, s))
    .map(([field, r, s]) => ({ kind: `config.${field}`, what: `config.${field}`, real: r, sim: s }));
}

/**
 * The base-drift rule for a file both sides rewrote (dpkg's status): when the two bases' copies
 * differ in size, the file agrees if it grew by the same bytes over each side's own base (a
 * security update of a base package lengthens its status stanza).
 */
function sameGrowth(a?: ComparedFile, b?: ComparedFile, ra?: ComparedFile, sb?: ComparedFile): boolean {
  if (!a || !b || !ra || !sb || a.type !== 'file' || b.type !== 'file' || ra.type !== 'file') return false;
  if (ra.size === sb.size || a.size - ra.size !== b.size - sb.size) return false;
  return keyOf({ ...a, size: 0 }) === keyOf({ ...b, size: 0 });
}

/**
 * The files' differences, and the bytes by which files that grew alike over their own bases differ
 * (the base drift a layer rewriting them carries).
 */
function fileDiffs(
  realFiles: readonly ComparedFile[],
  simFiles: readonly ComparedFile[],
  realBase: ReadonlyMap<string, ComparedFile>,
  simBase: ReadonlyMap<string, ComparedFile>,
): { diffs: Difference[]; drift: number } {
  const rf = new Map(realFiles.map((f) => [f.path, f]));
  const sf = new Map(simFiles.map((f) => [f.path, f]));
  const out: { path: string; real?: ComparedFile; sim?: ComparedFile }[] = [];
  let drift = 0;
  for (const path of [...new Set([...rf.keys(), ...sf.keys()])].sort()) {
    const a = rf.get(path);
    const b = sf.get(path);
    if (keyOf(a) === keyOf(b)) continue;
    const ra = realBase.get(path);
    const sb = simBase.get(path);
    const sameReal =
      (a === undefined && ra === undefined) ||
      (a !== undefined && ra !== undefined && keyOf(a) === keyOf(ra));
    const sameSim =
      (b === undefined && sb === undefined) ||
      (b !== undefined && sb !== undefined && keyOf(b, false) === keyOf(sb, false));
    if (sameReal && sameSim && (ra !== undefined || sb !== undefined)) continue;
    // a backup (dpkg's status-old) carries its original's base drift
    const original = path.endsWith('-old') ? path.slice(0, -4) : undefined;
    if (
      sameGrowth(a, b, ra, sb) ||
      (original && sameGrowth(a, b, realBase.get(original), simBase.get(original)))
    ) {
      drift += (a?.size ?? 0) - (b?.size ?? 0);
      continue;
    }
    out.push({ path, ...(a ? { real: a } : {}), ...(b ? { sim: b } : {}) });
  }
  if (out.length === 0) return { diffs: [], drift };
  const describe = (f?: ComparedFile) =>
    f
      ? `${f.type} ${f.mode ?? '-'} ${f.uid}:${f.gid} ${f.size}${f.linkTarget !== undefined ? ` -> ${f.linkTarget}` : ''}`
      : 'absent';
  return {
    drift,
    diffs: [
      {
        kind: 'files',
        what: `files (${out.length} differ)`,
        real: out.slice(0, 30).map((d) => `${d.path}: ${describe(d.real)}`),
        sim: out.slice(0, 30).map((d) => `${d.path}: ${describe(d.sim)}`),
      },
    ],
  };
}

function runDiffs(run: RealRun, sim: NonNullable<JsonReport['run']>): Difference[] {
  const spec = run.spec ?? {};
  if (['command', 'entrypoint', 'user'].some((k) => spec[k] !== undefined && spec[k] !== null)) return [];
  if (run.starts !== sim.starts) {
    const { starts, exitCode, startError, stderr } = run;
    return [{ kind: 'run', what: 'run', real: { starts, exitCode, startError, stderr }, sim }];
  }
  if (run.starts) return [];
  const said = `${run.startError ?? ''}\n${run.stderr ?? ''}`;
  const message = (sim.error?.message ?? '').trim();
  return message && !said.includes(message)
    ? [{ kind: 'run-message', what: 'run-message', real: said.trim(), sim: message }]
    : [];
}

export interface CompareInput {
  readonly real: Recording;
  readonly realFiles: readonly RealFile[];
  readonly sim: JsonReport;
  /** The real base's files and the simulator's catalog base's, by path (empty for scratch). */
  readonly realBase: ReadonlyMap<string, ComparedFile>;
  readonly simBase: ReadonlyMap<string, ComparedFile>;
}

export function compareBuild({ real, realFiles, sim, realBase, simBase }: CompareInput): Difference[] {
  if (real.ok !== sim.ok)
    return [
      {
        kind: 'outcome',
        what: 'outcome',
        real: real.ok ? 'ok' : real.error?.message,
        sim: sim.ok ? 'ok' : sim.error,
      },
    ];
  if (!real.ok) {
    const message = real.error?.message ?? '';
    // BuildKit names the context's snapshot by a random ID (`failed to calculate checksum of ref
    // <id>::<id>: "/x": not found`); the simulator has no such ID, so that clause is left out.
    const core = (
      message.includes('failed to solve: ')
        ? message.slice(message.indexOf('failed to solve: ') + 17)
        : message
    ).replace(/failed to calculate checksum of ref [\w:]+: /, '');
    const said = (sim.error?.message ?? '').trim();
    // A failed RUN: Docker's last line is `process "…" did not complete successfully: exit code: N`,
    // which the simulator gives as its hint, after the command's own error message
    const process = /process ".*" did not complete successfully: [^.]*exit code: \d+/s.exec(
      sim.error?.hint ?? '',
    )?.[0];
    return core.includes(said) || said.includes(core) || (process !== undefined && core.includes(process))
      ? []
      : [{ kind: 'error-message', what: 'error-message', real: message, sim: said }];
  }
  const image = sim.image;
  if (!image || !real.config) return [{ kind: 'outcome', what: 'image', real: 'an image', sim: 'no image' }];
  const diffs = configDiffs(real.config, image.config);
  const files = fileDiffs(realFiles, image.files ?? [], realBase, simBase);
  const layers = real.history.filter((h) => !h.empty);
  // a layer that rewrote a drifted base file (dpkg's status) differs by that drift
  let rewrites = 0;
  if (layers.length !== image.layers.length) {
    diffs.push({
      kind: 'layer-count',
      what: 'layer-count',
      real: layers.map((h) => `${h.createdBy} ${h.size}`),
      sim: image.layers.map((l) => `${l.instruction} ${l.size}`),
    });
  } else {
    layers.forEach((h, i) => {
      const layer = image.layers[i];
      if (!layer || (layer.line === null && i === 0)) return;
      if (files.drift !== 0 && h.size - layer.size === files.drift) rewrites++;
      else if (h.size !== layer.size)
        diffs.push({
          kind: 'layer-size',
          what: `layer[${i}].size ${h.createdBy}`,
          real: h.size,
          sim: layer.size,
        });
      if (h.createdBy !== layer.instruction)
        diffs.push({
          kind: 'createdBy',
          what: `layer[${i}].createdBy`,
          real: h.createdBy,
          sim: layer.instruction,
        });
    });
  }
  diffs.push(...files.diffs);
  const realSize = layers.reduce((n, h) => n + h.size, 0);
  const baseDelta =
    realBase.size === 0 && simBase.size === 0 ? 0 : (image.layers[0]?.size ?? 0) - (layers[0]?.size ?? 0);
  if (image.size - realSize !== baseDelta - rewrites * files.drift)
    diffs.push({
      kind: 'image-size',
      what: `image.size (beyond base drift ${baseDelta})`,
      real: realSize,
      sim: image.size,
    });
  if (real.run && sim.run) diffs.push(...runDiffs(real.run, sim.run));
  return diffs;
}

/** Only the outcome and the run: for cases built on a stand-in for one of the oracle's own bases. */
export function compareOutcomeAndRun(real: Recording, sim: JsonReport): Difference[] {
  if (real.ok !== sim.ok)
    return [
      {
        kind: 'outcome',
        what: 'outcome',
        real: real.ok ? 'ok' : real.error?.message,
        sim: sim.ok ? 'ok' : sim.error,
      },
    ];
  return real.run && sim.run ? runDiffs(real.run, sim.run) : [];
}

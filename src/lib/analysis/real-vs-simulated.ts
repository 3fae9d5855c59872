/**
 * A real image beside the simulator's build of the same Dockerfile: layer by layer (the real size
 * as `docker history` counts it, the simulated one, and why the simulator's differs where it
 * says), the files found on one side only, and the run check and surface verdicts of each.
 */
import type { StageResult } from '../build/result.ts';
import { walk } from '../fs/tree.ts';
import type { Analysis } from './analyze.ts';

export interface LayerPair {
  /** The instruction, from the real history (the simulator's when the real side has no layer). */
  readonly createdBy: string;
  readonly real: number | null;
  readonly simulated: number | null;
  /** The simulated layer's Dockerfile line. */
  readonly line: number | null;
}

export interface PathDifference {
  readonly count: number;
  /** The first paths, sorted, with their real or simulated size. */
  readonly paths: readonly { readonly path: string; readonly size: number }[];
}

export interface RealVsSimulated {
  readonly size: { readonly real: number; readonly simulated: number };
  readonly layers: readonly LayerPair[];
  readonly onlyReal: PathDifference;
  readonly onlySimulated: PathDifference;
  /** Files on both sides whose sizes differ, largest difference first. */
  readonly sizeDiffers: readonly {
    readonly path: string;
    readonly real: number;
    readonly simulated: number;
  }[];
  readonly starts: { readonly real: boolean | null; readonly simulated: boolean | null };
  readonly tools: { readonly onlyReal: readonly string[]; readonly onlySimulated: readonly string[] };
}

export interface ComparedSide {
  readonly stage: StageResult;
  readonly analysis: Pick<Analysis, 'run' | 'surface'>;
}

const LISTED = 50;

/**
 * The instruction as both sides can agree on it: without the `# buildkit` suffix and the classic
 * builder's `#(nop)`, and without COPY's `--from=stage`, which real BuildKit leaves out of history.
 */
function instruction(createdBy: string): string {
  return createdBy
    .replace(/\s+# buildkit$/, '')
    .replace(/^\/bin\/sh -c #\(nop\)\s+/, '')
    .replace(/^(COPY|ADD)((?:\s+--[\w-]+=\S+)*?)\s+--from=\S+/, '$1$2')
    .trim();
}

/**
 * Pairs the layers by instruction text in order, so a layer one side has and the other lacks (a
 * WORKDIR the simulator makes no layer for, say) shows as one-sided instead of shifting the rest.
 */
function pairLayers(real: StageResult, simulated: StageResult): LayerPair[] {
  const pairs: LayerPair[] = [];
  let s = 0;
  for (const layer of real.layers) {
    const match = simulated.layers.findIndex(
      (candidate, i) => i >= s && instruction(candidate.createdBy) === instruction(layer.createdBy),
    );
    if (match >= 0) {
      for (; s < match; s++) {
        const extra = simulated.layers[s];
        if (extra)
          pairs.push({ createdBy: extra.createdBy, real: null, simulated: extra.size, line: extra.line });
      }
      const found = simulated.layers[match];
      pairs.push({
        createdBy: layer.createdBy,
        real: layer.size,
        simulated: found?.size ?? null,
        line: found?.line ?? null,
      });
      s = match + 1;
    } else pairs.push({ createdBy: layer.createdBy, real: layer.size, simulated: null, line: null });
  }
  for (; s < simulated.layers.length; s++) {
    const extra = simulated.layers[s];
    if (extra)
      pairs.push({ createdBy: extra.createdBy, real: null, simulated: extra.size, line: extra.line });
  }
  return pairs;
}

function files(stage: StageResult): Map<string, number> {
  const out = new Map<string, number>();
  if (!stage.tree) return out;
  for (const [path, node] of walk(stage.tree)) {
    if (node.kind === 'file') out.set(path, node.size);
    else if (node.kind === 'symlink' || node.kind === 'hardlink') out.set(path, 0);
  }
  return out;
}

function oneSided(from: Map<string, number>, other: Map<string, number>): PathDifference {
  const paths = [...from].filter(([path]) => !other.has(path));
  return { count: paths.length, paths: paths.slice(0, LISTED).map(([path, size]) => ({ path, size })) };
}

function toolNames(side: ComparedSide): string[] {
  return (side.analysis.surface?.items ?? [])
    .filter((item) => item.category !== 'root-user')
    .map((item) => `${item.name} (${item.category})`);
}

export function realVsSimulated(real: ComparedSide, simulated: ComparedSide): RealVsSimulated {
  const realFiles = files(real.stage);
  const simFiles = files(simulated.stage);
  const sizeDiffers = [...realFiles]
    .filter(([path, size]) => simFiles.has(path) && simFiles.get(path) !== size)
    .map(([path, size]) => ({ path, real: size, simulated: simFiles.get(path) as number }))
    .sort((a, b) => Math.abs(b.real - b.simulated) - Math.abs(a.real - a.simulated))
    .slice(0, LISTED);
  const realTools = toolNames(real);
  const simTools = toolNames(simulated);
  return {
    size: { real: real.stage.size ?? 0, simulated: simulated.stage.size ?? 0 },
    layers: pairLayers(real.stage, simulated.stage),
    onlyReal: oneSided(realFiles, simFiles),
    onlySimulated: oneSided(simFiles, realFiles),
    sizeDiffers,
    starts: { real: real.analysis.run?.starts ?? null, simulated: simulated.analysis.run?.starts ?? null },
    tools: {
      onlyReal: realTools.filter((tool) => !simTools.includes(tool)),
      onlySimulated: simTools.filter((tool) => !realTools.includes(tool)),
    },
  };
}

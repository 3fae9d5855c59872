/** Two built images side by side: sizes and their ratio, layers, tools removed or added, users, starts. */
import type { BuildResult } from '../build/result.ts';
import { type Analysis, targetStage } from './analyze.ts';
import type { SurfaceCategory } from './surface.ts';

export interface ImageSummary {
  readonly size: number;
  readonly layers: number;
  readonly user: string;
  readonly starts: boolean | null;
  readonly tools: Readonly<Record<SurfaceCategory, readonly string[]>>;
  readonly executables: number;
}

export interface Comparison {
  readonly a: ImageSummary;
  readonly b: ImageSummary;
  /** a's size over b's: how many times larger the first image is. */
  readonly ratio: number;
  /** Tools a has and b does not, by category. */
  readonly removed: Readonly<Record<SurfaceCategory, readonly string[]>>;
  /** Tools b has and a does not. */
  readonly added: Readonly<Record<SurfaceCategory, readonly string[]>>;
}

const CATEGORIES: readonly SurfaceCategory[] = [
  'shell',
  'network-tool',
  'package-manager',
  'compiler',
  'setuid',
  'world-writable',
  'root-user',
];

function summary(result: BuildResult, analysis: Analysis): ImageSummary {
  const stage = targetStage(result);
  const tools = Object.fromEntries(
    CATEGORIES.map((category) => [
      category,
      (analysis.surface?.items ?? []).filter((item) => item.category === category).map((item) => item.name),
    ]),
  ) as Record<SurfaceCategory, string[]>;
  return {
    size: stage?.size ?? 0,
    layers: stage?.layers.length ?? 0,
    user: stage?.config?.user || 'root',
    starts: analysis.run?.starts ?? null,
    tools,
    executables: analysis.surface?.executables ?? 0,
  };
}

function difference(from: ImageSummary, to: ImageSummary): Record<SurfaceCategory, string[]> {
  return Object.fromEntries(
    CATEGORIES.map((category) => [
      category,
      from.tools[category].filter((name) => !to.tools[category].includes(name)),
    ]),
  ) as Record<SurfaceCategory, string[]>;
}

export function compare(
  first: { result: BuildResult; analysis: Analysis },
  second: { result: BuildResult; analysis: Analysis },
): Comparison {
  const a = summary(first.result, first.analysis);
  const b = summary(second.result, second.analysis);
  return {
    a,
    b,
    ratio: b.size === 0 ? Number.POSITIVE_INFINITY : a.size / b.size,
    removed: difference(a, b),
    added: difference(b, a),
  };
}

/** What the comparison view draws, from the compare job's answer: bars, the ratio in words, rows. */
import type { Comparison, ImageSummary } from '../../lib/analysis/compare.ts';
import type { SurfaceCategory } from '../../lib/analysis/surface.ts';
import type { ComparedImage, SourceFiles } from '../engine/protocol.ts';

/** A bar's width in percent of the larger image, at least 0.5 % so a tiny image still shows. */
export function barWidths(a: number, b: number): readonly [number, number] {
  const largest = Math.max(a, b);
  if (largest <= 0) return [0, 0];
  const width = (size: number) => (size <= 0 ? 0 : Math.max(0.5, (size / largest) * 100));
  return [width(a), width(b)];
}

/** The ratio in words: which image is how many times the other's size. */
export function ratioSentence(comparison: Comparison, labels: readonly [string, string]): string {
  const [a, b] = labels;
  const { ratio } = comparison;
  if (!Number.isFinite(ratio)) return `${b} is empty: 0 bytes.`;
  if (ratio === 0) return `${a} is empty: 0 bytes.`;
  if (Math.abs(ratio - 1) < 0.005) return `${a} and ${b} are the same size.`;
  const [larger, smaller, times] = ratio > 1 ? [a, b, ratio] : [b, a, 1 / ratio];
  return `${larger} is ${times.toFixed(times >= 10 ? 0 : 1)} times the size of ${smaller}.`;
}

/** The size of what was built of an image (all of it when it built). */
export function builtSize(image: ComparedImage): number {
  return image.layers.reduce((sum, layer) => sum + layer.size, 0);
}

export const CATEGORIES: readonly SurfaceCategory[] = [
  'shell',
  'network-tool',
  'package-manager',
  'compiler',
  'setuid',
  'world-writable',
];

/** The tools of a category as a short list: a few names, then how many more. */
export function toolList(summary: ImageSummary, category: SurfaceCategory, shown = 6): string {
  const names = summary.tools[category];
  if (names.length === 0) return 'none';
  const rest = names.length - shown;
  return `${names.slice(0, shown).join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
}

/** An example as the comparison offers it: its id and its files, the Dockerfile among them. */
interface ExampleFiles {
  readonly id: string;
  readonly files: readonly { readonly path: string; readonly content: string }[];
}

const isGo = (files: readonly { readonly path: string }[]) => files.some((file) => file.path === 'go.mod');

/**
 * What the learner's own files are compared with when the tab opens: the first example in the
 * same language (a go.mod says Go), the course's "before", unless it is what the learner already
 * has; then the next one, so the first comparison is never an image against itself.
 */
export function defaultPartner(current: SourceFiles, examples: readonly ExampleFiles[]): string | undefined {
  const same = examples.filter((example) => isGo(example.files) === isGo(current.files));
  const candidates = same.length > 0 ? same : examples;
  const differs = (example: ExampleFiles) =>
    example.files.find((file) => file.path === 'Dockerfile')?.content !== current.dockerfile;
  return (candidates.find(differs) ?? candidates[0])?.id;
}

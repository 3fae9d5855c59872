/**
 * `dive IMAGE`, as text: dive's efficiency figures (its own formulas, from analysis/efficiency.ts),
 * the largest layers and the files that waste the most space. The interactive dive is the
 * playground's Layers tab.
 */
import { efficiency } from '../analysis/efficiency.ts';
import { formatSize } from '../format-size.ts';
import { ellipsis } from './format.ts';
import type { ImageStore } from './images.ts';
import { Output } from './output.ts';

export function dive(args: readonly string[], images: ImageStore): { output: Output; status: number } {
  const output = new Output();
  const [reference, ...extra] = args.filter((arg) => arg !== '--ci');
  if (reference === undefined || reference === '--help' || extra.length > 0) {
    output.out('Usage:\n  dive [IMAGE ID] [flags]\n');
    output.note("The terminal prints dive's summary; the playground's Layers tab is the interactive dive.");
    return { output, status: reference === '--help' ? 0 : 1 };
  }
  const found = images.find(reference);
  if (!found) {
    output.err(`cannot fetch image: Error response from daemon: No such image: ${reference}\n`);
    output.note('dive reads images this terminal has: docker build -t NAME . or docker pull IMAGE first.');
    return { output, status: 1 };
  }
  const { stage } = found.image;
  const report = efficiency(stage);
  output.out(`Image: ${found.name ?? reference}\n`);
  output.out(`  Total Image size: ${formatSize(report.sizeBytes)} in ${stage.layers.length} layers\n`);
  output.out(`  efficiency: ${(report.score * 100).toFixed(4)} %\n`);
  output.out(`  wastedBytes: ${report.wastedBytes} bytes (${formatSize(report.wastedBytes)})\n`);
  output.out(`  userWastedPercent: ${(report.wastedUserPercent * 100).toFixed(4)} %\n\n`);
  const largest = stage.layers
    .map((layer, index) => ({ layer, index }))
    .sort((a, b) => b.layer.size - a.layer.size)
    .slice(0, 5);
  output.out('Largest layers\n     Size  Command\n');
  for (const { layer } of largest)
    output.out(
      `${formatSize(layer.size).padStart(9)}  ${ellipsis(layer.createdBy.replace(/\s+/g, ' '), 70)}\n`,
    );
  if (report.inefficiencies.length > 0) {
    output.out('\nCount   Total Space  Path\n');
    for (const waste of report.inefficiencies.slice(0, 8))
      output.out(
        `${String(waste.layers.length).padStart(5)}   ${formatSize(waste.cumulativeSize).padStart(11)}  ${waste.path}\n`,
      );
  }
  if (report.reclaimableBytes > 0)
    output.note(
      `Deleting or overwriting in a later layer saves nothing: ${formatSize(report.reclaimableBytes)} could go if those files were never added, or removed in the same RUN that added them.`,
    );
  return { output, status: 0 };
}

/**
 * What the page receives of a build on every keystroke: the result without its file trees and
 * layer files (tens of thousands of nodes to clone on a Debian base) and without the layer cache,
 * which the worker keeps for the next build.
 */
import type { BuildResult, BuiltLayer, StageResult } from '../../lib/build/result.ts';
import type { BuildSummary, LayerSummary, StageSummary } from './protocol.ts';

export function layerSummary(layer: BuiltLayer): LayerSummary {
  return {
    createdBy: layer.createdBy,
    line: layer.line,
    stage: layer.stage,
    size: layer.size,
    certainty: layer.certainty,
  };
}

export function stageSummary(stage: StageResult): StageSummary {
  const { tree, layers, ...rest } = stage;
  return { ...rest, layers: layers.map(layerSummary) };
}

export function buildSummary(result: BuildResult): BuildSummary {
  const { stages, cache, ...rest } = result;
  return { ...rest, stages: stages.map(stageSummary) };
}

/**
 * The analyses of an image that came with no Dockerfile (a saved real image): whether it starts,
 * its attack surface and dive's figures. Findings point at Dockerfile lines, so there are none.
 */
import type { StageResult } from '../build/result.ts';
import type { Analysis } from './analyze.ts';
import { efficiency } from './efficiency.ts';
import { checkRun, type RunOptions } from './run-check.ts';
import { attackSurface } from './surface.ts';

export function analyzeImage(stage: StageResult, options: RunOptions = {}): Analysis {
  return {
    run: checkRun(stage, options),
    surface: attackSurface(stage),
    efficiency: efficiency(stage),
    diagnostics: [],
  };
}

/** Builds a Dockerfile with a small context against the committed catalog, then analyses it. */
import { type Analysis, analyze } from '../../../src/lib/analysis/analyze.ts';
import type { BuildResult } from '../../../src/lib/build/result.ts';
import { simulateBuild } from '../../../src/lib/build/simulate.ts';
import { committedCatalog, committedPackages } from '../images/catalog-fixture.ts';

export async function buildAndAnalyze(
  dockerfile: string,
  files: Readonly<Record<string, string>> = {},
  /** with the committed package data, so that pip and apt install */
  withPackages = false,
): Promise<{ result: BuildResult; analysis: Analysis }> {
  const result = await simulateBuild({
    dockerfile,
    context: {
      files: Object.entries(files).map(([path, content]) => ({
        path,
        content,
        mode: path.endsWith('.sh') && content.startsWith('#!') ? 0o755 : 0o644,
      })),
    },
    catalog: await committedCatalog(),
    ...(withPackages ? { packages: committedPackages() } : {}),
  });
  return { result, analysis: analyze(result) };
}

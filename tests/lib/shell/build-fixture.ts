/** A build against the committed catalog, and the final stage's files, for the shell's tests. */
import type { BuildResult } from '../../../src/lib/build/result.ts';
import { simulateBuild } from '../../../src/lib/build/simulate.ts';
import { lstat } from '../../../src/lib/fs/tree.ts';
import { committedCatalog, committedPackages } from '../images/catalog-fixture.ts';

export async function build(
  dockerfile: string,
  files: Record<string, string> = {},
  /** with the committed package data, so that pip and apt install */
  withPackages = false,
): Promise<BuildResult> {
  return simulateBuild({
    dockerfile,
    context: { files: Object.entries(files).map(([path, content]) => ({ path, content })) },
    catalog: await committedCatalog(),
    ...(withPackages ? { packages: committedPackages() } : {}),
  });
}

export function node(result: BuildResult, path: string) {
  const tree = result.stages.at(-1)?.tree;
  return tree ? lstat(tree, path) : undefined;
}

export function text(result: BuildResult, path: string): string | undefined {
  const found = node(result, path);
  return found?.kind === 'file' ? found.content : undefined;
}

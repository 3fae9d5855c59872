/**
 * What shell tests run on: a Dockerfile built on the committed catalog and package data (and the
 * last stage's files), or one script run by the interpreter in a catalog image with a folder /app.
 */
import type { BuildResult } from '../../../src/lib/build/result.ts';
import { simulateBuild } from '../../../src/lib/build/simulate.ts';
import { type DirNode, lstat } from '../../../src/lib/fs/tree.ts';
import { freshShellState } from '../../../src/lib/shell/command.ts';
import { commandRegistry } from '../../../src/lib/shell/commands/index.ts';
import { Interpreter } from '../../../src/lib/shell/interpreter.ts';
import { committedCatalog, committedPackages } from '../images/catalog-fixture.ts';

export async function build(dockerfile: string, files: Record<string, string> = {}): Promise<BuildResult> {
  return simulateBuild({
    dockerfile,
    context: { files: Object.entries(files).map(([path, content]) => ({ path, content })) },
    catalog: await committedCatalog(),
    packages: committedPackages(),
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

const trees = new Map<string, Promise<DirNode>>();

function treeOf(dockerfile: string): Promise<DirNode> {
  let tree = trees.get(dockerfile);
  if (!tree) {
    tree = committedCatalog()
      .then((catalog) => simulateBuild({ dockerfile, context: { files: [] }, catalog }))
      .then((result) => result.stages.at(-1)?.tree as DirNode);
    trees.set(dockerfile, tree);
  }
  return tree;
}

/** Runs a script in `image` (alpine:3.22) with /app/three.txt and /app/.hidden; the shell is the image's. */
export async function sh(
  script: string,
  options: { image?: string; tty?: boolean; cwd?: string; flavour?: 'ash' | 'dash' | 'bash' } = {},
) {
  const tree = await treeOf(
    `FROM ${options.image ?? 'alpine:3.22'}\nRUN mkdir -p /app && printf 'a\\nb\\nc\\n' > /app/three.txt && touch /app/.hidden\n`,
  );
  const variables = new Map([
    ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    ['HOME', '/root'],
  ]);
  const state = freshShellState({
    tree,
    cwd: options.cwd ?? '/app',
    variables,
    user: { name: 'root', uid: 0, gid: 0, home: '/root' },
  });
  const flavour = options.flavour ?? (options.image?.startsWith('debian') ? 'dash' : 'ash');
  const interpreter = new Interpreter(state, { path: 'sh', flavour }, commandRegistry(), {
    tty: options.tty ?? false,
  });
  const output = await interpreter.run(script);
  return { ...output, state };
}

/**
 * Where the bytes go, as findings: waste from files removed or overwritten in a later layer,
 * build caches left in the final image, and build tools shipped at run time, each with the bytes
 * it would save and the Dockerfile line responsible.
 */
import type { StageResult } from '../build/result.ts';
import type { Diagnostic } from '../diagnostic.ts';
import type { Instruction } from '../dockerfile/index.ts';
import { formatSize } from '../format-size.ts';
import { type DirNode, lstat, type TreeNode } from '../fs/tree.ts';
import type { SourceRange } from '../source-range.ts';
import type { EfficiencyReport } from './efficiency.ts';

function bytes(node: TreeNode | undefined): number {
  if (!node) return 0;
  if (node.kind === 'file') return node.size;
  if (node.kind !== 'dir') return 0;
  let total = 0;
  for (const child of node.children.values()) total += bytes(child);
  return total;
}

export { formatSize };

/** Caches that package managers and compilers leave behind, and how to avoid them. */
const CACHES: readonly { readonly path: string; readonly what: string; readonly fix: string }[] = [
  {
    path: '/root/.cache/pip',
    what: "pip's download cache",
    fix: 'pip install --no-cache-dir, or a RUN --mount=type=cache',
  },
  {
    path: '/var/lib/apt/lists',
    what: "apt's package lists",
    fix: 'rm -rf /var/lib/apt/lists/* in the same RUN as apt-get install',
  },
  { path: '/var/cache/apt/archives', what: 'downloaded .deb files', fix: 'apt-get clean in the same RUN' },
  { path: '/var/cache/apk', what: "apk's index cache", fix: 'apk add --no-cache' },
  {
    path: '/root/.cache/go-build',
    what: "Go's build cache",
    fix: 'build in a separate stage, or RUN --mount=type=cache,target=/root/.cache/go-build',
  },
  {
    path: '/go/pkg/mod',
    what: "Go's module cache",
    fix: 'build in a separate stage, or a cache mount for /go/pkg/mod',
  },
  { path: '/root/.npm', what: "npm's cache", fix: 'npm ci && npm cache clean --force, or a cache mount' },
];

/** Build tools that run images do not need. */
const BUILD_TOOLS: readonly { readonly path: string; readonly what: string }[] = [
  { path: '/usr/local/go', what: 'the Go toolchain' },
  { path: '/usr/lib/gcc', what: 'GCC' },
  { path: '/usr/libexec/gcc', what: 'GCC' },
  { path: '/usr/include', what: 'C headers' },
  { path: '/usr/local/include', what: 'C headers' },
];

export interface SizeContext {
  readonly stage: StageResult;
  readonly instructions: readonly Instruction[];
  readonly fromRange: SourceRange;
}

/** The line that last changed a path in this stage's own layers, else the FROM line. */
function responsible(context: SizeContext, path: string): SourceRange {
  for (let i = context.stage.layers.length - 1; i >= 0; i--) {
    const layer = context.stage.layers[i];
    if (layer?.stage !== context.stage.index || layer.line === null) continue;
    if (layer.changes?.some((change) => change.path === path || change.path.startsWith(`${path}/`))) {
      const instruction = context.instructions.find((candidate) => candidate.startLine === layer.line);
      if (instruction) return instruction.range;
    }
  }
  return context.fromRange;
}

export function sizeFindings(context: SizeContext, report: EfficiencyReport): Diagnostic[] {
  const findings: Diagnostic[] = [];
  const tree = context.stage.tree as DirNode;
  const ownLayers = new Set(
    context.stage.layers.flatMap((layer, index) => (layer.stage === context.stage.index ? [index] : [])),
  );
  const wasted = report.hidden.filter((item) => ownLayers.has(item.hiddenBy));
  if (wasted.length > 0) {
    const total = wasted.reduce((sum, item) => sum + item.bytes, 0);
    const top = wasted[0] as (typeof wasted)[number];
    const line = context.stage.layers[top.hiddenBy]?.line;
    const instruction = context.instructions.find((candidate) => candidate.startLine === line);
    findings.push({
      code: 'size/wasted-space',
      severity: total > 1e6 ? 'warning' : 'info',
      message: `${formatSize(total)} of this image is in files that a later layer deleted or overwrote: deleting in a later layer never shrinks an image.`,
      range: instruction?.range ?? context.fromRange,
      hint: `Largest: ${wasted
        .slice(0, 3)
        .map(
          (item) =>
            `${item.path} (${formatSize(item.bytes)}, added by layer ${item.addedBy === null ? '?' : item.addedBy + 1}, hidden by layer ${item.hiddenBy + 1})`,
        )
        .join(', ')}. Remove files in the same RUN that creates them, or build in another stage.`,
    });
  }
  for (const cache of CACHES) {
    const size = bytes(lstat(tree, cache.path));
    if (size === 0) continue;
    findings.push({
      code: 'size/build-cache',
      severity: size > 1e6 ? 'warning' : 'info',
      message: `${cache.what} is left in the image at ${cache.path} (${formatSize(size)}).`,
      range: responsible(context, cache.path),
      hint: `Avoid it with ${cache.fix}.`,
    });
  }
  const tools = BUILD_TOOLS.map((tool) => ({ ...tool, size: bytes(lstat(tree, tool.path)) })).filter(
    (tool) => tool.size > 0,
  );
  if (tools.length > 0) {
    const total = tools.reduce((sum, tool) => sum + tool.size, 0);
    findings.push({
      code: 'size/build-tools-in-final',
      severity: 'warning',
      message: `The image ships build tools it does not need to run (${formatSize(total)}): ${[...new Set(tools.map((tool) => tool.what))].join(', ')}.`,
      range: responsible(context, tools[0]?.path ?? '/'),
      hint: `${tools.map((tool) => `${tool.path} ${formatSize(tool.size)}`).join(', ')}. Build in one stage and copy only the result into a small runtime stage.`,
    });
  }
  return findings;
}

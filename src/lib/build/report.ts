/** The fixed JSON contract of `sim build --json`, made from a BuildResult. */

import type { Analysis } from '../analysis/analyze.ts';
import { symlinkSize, walk } from '../fs/tree.ts';
import type { BuildResult, StageResult } from './result.ts';

export interface FileReport {
  readonly path: string;
  readonly type: 'file' | 'dir' | 'symlink' | 'hardlink';
  readonly size: number;
  readonly mode: string;
  readonly uid: number;
  readonly gid: number;
  readonly linkTarget?: string;
}

export interface JsonReport {
  readonly ok: boolean;
  readonly error: null | {
    readonly code: string;
    readonly message: string;
    readonly line: number | null;
    readonly hint?: string;
  };
  readonly stages: readonly {
    readonly index: number;
    readonly name: string | null;
    readonly base: string;
    readonly built: boolean;
    readonly size: number | null;
    readonly skipped?: string;
  }[];
  readonly image: null | {
    readonly size: number;
    readonly layers: readonly {
      readonly line: number | null;
      readonly instruction: string;
      readonly size: number;
    }[];
    readonly config: {
      readonly user: string;
      readonly workdir: string;
      readonly env: Readonly<Record<string, string>>;
      readonly entrypoint: readonly string[] | null;
      readonly cmd: readonly string[] | null;
      readonly exposedPorts: readonly string[];
    };
    readonly files?: readonly FileReport[];
  };
  readonly run: null | {
    readonly starts: boolean;
    readonly argv: readonly string[];
    readonly user: string;
    readonly error: null | { readonly code: string; readonly message: string };
  };
  readonly surface?: Analysis['surface'];
  readonly efficiency?: Omit<NonNullable<Analysis['efficiency']>, 'inefficiencies'> & {
    readonly inefficiencies: NonNullable<Analysis['efficiency']>['inefficiencies'];
  };
  readonly diagnostics: readonly {
    readonly code: string;
    readonly severity: string;
    readonly line: number | null;
    readonly message: string;
  }[];
  readonly steps: readonly unknown[];
}

function files(stage: StageResult): FileReport[] {
  if (!stage.tree) return [];
  return [...walk(stage.tree)].map(([path, node]) => ({
    path,
    type: node.kind,
    size: node.kind === 'file' ? node.size : node.kind === 'symlink' ? symlinkSize(node) : 0,
    mode: `0${(node.mode & 0o7777).toString(8).padStart(3, '0')}`,
    uid: node.uid,
    gid: node.gid,
    ...(node.kind === 'symlink' || node.kind === 'hardlink' ? { linkTarget: node.target } : {}),
  }));
}

export function toJsonReport(
  result: BuildResult,
  options: { readonly files?: boolean; readonly analysis?: Analysis } = {},
): JsonReport {
  const { analysis } = options;
  const target = result.target === null ? undefined : result.stages[result.target];
  const image = result.ok && target?.built && target.config ? target : undefined;
  return {
    ok: result.ok,
    error: result.error
      ? {
          code: result.error.code,
          message: result.error.message,
          line: result.error.line,
          ...(result.error.hint ? { hint: result.error.hint } : {}),
        }
      : null,
    stages: result.stages.map((stage) => ({
      index: stage.index,
      name: stage.name,
      base: stage.reference,
      built: stage.built,
      size: stage.size,
      ...(stage.skipped ? { skipped: stage.skipped } : {}),
    })),
    image:
      image?.config == null
        ? null
        : {
            size: image.size ?? 0,
            layers: image.layers.map((layer) => ({
              line: layer.line,
              instruction: layer.createdBy,
              size: layer.size,
            })),
            config: {
              user: image.config.user,
              workdir: image.config.workdir,
              env: Object.fromEntries(image.config.env),
              entrypoint: image.config.entrypoint,
              cmd: image.config.cmd,
              exposedPorts: image.config.exposedPorts,
            },
            ...(options.files ? { files: files(image) } : {}),
          },
    run: analysis?.run
      ? {
          starts: analysis.run.starts,
          argv: analysis.run.argv,
          user: analysis.run.user,
          error: analysis.run.error
            ? { code: analysis.run.error.code, message: analysis.run.error.message }
            : null,
        }
      : null,
    ...(analysis?.surface ? { surface: analysis.surface } : {}),
    ...(analysis?.efficiency
      ? {
          efficiency: {
            ...analysis.efficiency,
            inefficiencies: analysis.efficiency.inefficiencies.slice(0, 20),
          },
        }
      : {}),
    diagnostics: (analysis?.diagnostics ?? result.diagnostics).map((diagnostic) => ({
      code: diagnostic.code,
      severity: diagnostic.severity,
      line: diagnostic.range.start.line,
      message: diagnostic.message,
    })),
    steps: result.steps.map(({ range: _range, ...step }) => step),
  };
}

/** The fixed JSON contract of `sim build --json`, made from a BuildResult. */

import type { Analysis } from '../analysis/analyze.ts';
import type { Certainty } from '../certainty.ts';
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
  /** How sure the outcome is (see src/lib/certainty.ts): the image's certainty, or the error's. */
  readonly certainty: Certainty;
  readonly error: null | {
    readonly code: string;
    readonly message: string;
    readonly line: number | null;
    readonly hint?: string;
    /** known: a real build fails so; unknown: the simulator stopped for want of data. */
    readonly certainty: Certainty;
  };
  readonly stages: readonly {
    readonly index: number;
    readonly name: string | null;
    readonly base: string;
    /** The catalog image used for `base`, and how sure that is (a stand-in is estimated). */
    readonly resolved?: { readonly image: string; readonly certainty: Certainty };
    readonly built: boolean;
    readonly size: number | null;
    readonly skipped?: string;
    readonly certainty: Certainty;
  }[];
  readonly image: null | {
    readonly size: number;
    /** How sure the size and the file list are. */
    readonly certainty: Certainty;
    readonly layers: readonly {
      readonly line: number | null;
      readonly instruction: string;
      readonly size: number;
      readonly certainty: Certainty;
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
    readonly certainty: Certainty;
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
    certainty: result.certainty,
    error: result.error
      ? {
          code: result.error.code,
          message: result.error.message,
          line: result.error.line,
          ...(result.error.hint ? { hint: result.error.hint } : {}),
          certainty: result.error.certainty,
        }
      : null,
    stages: result.stages.map((stage) => ({
      index: stage.index,
      name: stage.name,
      base: stage.reference,
      ...(stage.base?.kind === 'image'
        ? { resolved: { image: stage.base.resolved, certainty: stage.base.certainty } }
        : {}),
      built: stage.built,
      size: stage.size,
      ...(stage.skipped ? { skipped: stage.skipped } : {}),
      certainty: stage.certainty,
    })),
    image:
      image?.config == null
        ? null
        : {
            size: image.size ?? 0,
            certainty: image.certainty,
            layers: image.layers.map((layer) => ({
              line: layer.line,
              instruction: layer.createdBy,
              size: layer.size,
              certainty: layer.certainty,
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
          certainty: analysis.run.certainty,
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

/** Exercise goals as data: predicates over a build and its analysis, each with pass/fail and a hint. */
import { type BuildResult, targetStage } from '../build/result.ts';
import { formatSize } from '../format-size.ts';
import { lstat } from '../fs/tree.ts';
// Types only: the exercise island describes goals without shipping the analysis to the page.
import type { Analysis } from './analyze.ts';

export type Goal =
  | { readonly kind: 'builds' }
  | { readonly kind: 'maxSize'; readonly bytes: number }
  | { readonly kind: 'starts' }
  | { readonly kind: 'noShell' }
  | { readonly kind: 'nonRoot' }
  | { readonly kind: 'absentPaths'; readonly paths: readonly string[] }
  | { readonly kind: 'presentPaths'; readonly paths: readonly string[] }
  | { readonly kind: 'noDiagnostic'; readonly code: string }
  | { readonly kind: 'stageCount'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'maxLayers'; readonly count: number };

export interface GoalResult {
  readonly goal: Goal;
  readonly pass: boolean;
  /** What was found, e.g. "12.4 MB, limit 20 MB". */
  readonly detail: string;
  /** What to try when it fails. */
  readonly hint?: string;
}

function result(goal: Goal, pass: boolean, detail: string, hint?: string): GoalResult {
  return pass || hint === undefined ? { goal, pass, detail } : { goal, pass, detail, hint };
}

export function checkGoal(goal: Goal, build: BuildResult, analysis: Analysis): GoalResult {
  const stage = targetStage(build);
  const tree = stage?.tree ?? null;
  switch (goal.kind) {
    case 'builds':
      return result(
        goal,
        build.ok,
        build.ok ? 'the build succeeds' : `the build fails: ${build.error?.message}`,
        'Fix the first error the build reports.',
      );
    case 'maxSize': {
      const size = stage?.size ?? Number.POSITIVE_INFINITY;
      return result(
        goal,
        build.ok && size <= goal.bytes,
        `${build.ok ? formatSize(size) : 'not built'}, limit ${formatSize(goal.bytes)}`,
        'Start the final stage from a smaller base and copy only what runs.',
      );
    }
    case 'starts':
      return result(
        goal,
        analysis.run?.starts === true,
        analysis.run?.error?.message ?? (analysis.run ? 'it starts' : 'not built'),
        analysis.run?.error?.hint ?? 'Check CMD/ENTRYPOINT and what the final image holds.',
      );
    case 'noShell': {
      const shells = analysis.surface?.items.filter((item) => item.category === 'shell') ?? [];
      return result(
        goal,
        build.ok && shells.length === 0,
        shells.length
          ? `has ${shells.map((item) => item.paths.join(', ')).join(', ')}`
          : build.ok
            ? 'no shell'
            : 'not built',
        'Use scratch or a distroless base for the final stage.',
      );
    }
    case 'nonRoot': {
      const root = analysis.surface?.items.some((item) => item.category === 'root-user') ?? true;
      return result(
        goal,
        build.ok && !root,
        `runs as ${stage?.config?.user || 'root'}`,
        'Add USER with a non-root user (or a numeric UID such as 65532) to the final stage.',
      );
    }
    case 'absentPaths': {
      const present = goal.paths.filter((path) => tree && lstat(tree, path));
      return result(
        goal,
        build.ok && present.length === 0,
        present.length ? `still has ${present.join(', ')}` : 'none of them present',
        'Leave them in the build stage: copy only what runs.',
      );
    }
    case 'presentPaths': {
      const missing = goal.paths.filter((path) => !tree || !lstat(tree, path));
      return result(
        goal,
        build.ok && missing.length === 0,
        missing.length ? `missing ${missing.join(', ')}` : 'all present',
        'Copy them into the final stage.',
      );
    }
    case 'noDiagnostic': {
      const found = analysis.diagnostics.filter((diagnostic) => diagnostic.code === goal.code);
      return result(
        goal,
        build.ok && found.length === 0,
        found.length
          ? found.map((d) => `line ${d.range.start.line}: ${d.message}`).join('; ')
          : `no ${goal.code}`,
        found[0]?.hint,
      );
    }
    case 'stageCount': {
      const count = build.dockerfile?.stages.length ?? 0;
      const pass = count >= (goal.min ?? 0) && count <= (goal.max ?? Number.POSITIVE_INFINITY);
      return result(
        goal,
        pass,
        `${count} stage${count === 1 ? '' : 's'}`,
        goal.min && count < goal.min
          ? 'Use a separate build stage (FROM … AS builder).'
          : 'Use fewer stages.',
      );
    }
    case 'maxLayers': {
      const own = stage?.layers.filter((layer) => layer.stage === stage.index).length ?? 0;
      return result(
        goal,
        build.ok && own <= goal.count,
        `${own} layers of its own`,
        'Combine related RUN steps with &&.',
      );
    }
  }
}

export function checkGoals(goals: readonly Goal[], build: BuildResult, analysis: Analysis): GoalResult[] {
  return goals.map((goal) => checkGoal(goal, build, analysis));
}

/** The goal as the learner reads it in a checklist. */
export function describeGoal(goal: Goal): string {
  switch (goal.kind) {
    case 'builds':
      return 'The image builds';
    case 'maxSize':
      return `The image is at most ${formatSize(goal.bytes)}`;
    case 'starts':
      return 'The container starts';
    case 'noShell':
      return 'The image has no shell';
    case 'nonRoot':
      return 'The container does not run as root';
    case 'absentPaths':
      return `The image has none of ${goal.paths.join(', ')}`;
    case 'presentPaths':
      return `The image has ${goal.paths.join(', ')}`;
    case 'noDiagnostic':
      return `No ${goal.code} finding`;
    case 'stageCount':
      if (goal.min && goal.max) return `${goal.min} to ${goal.max} stages`;
      return goal.min
        ? `At least ${goal.min} stage${goal.min === 1 ? '' : 's'}`
        : `At most ${goal.max} stages`;
    case 'maxLayers':
      return `The final stage adds at most ${goal.count} layer${goal.count === 1 ? '' : 's'}`;
  }
}

/** Exercise goals checked: predicates over a build and its analysis, each with pass/fail and a hint. */
import type { BuildResult } from '../build/result.ts';
import { type Certainty, KNOWN } from '../certainty.ts';
import { formatSize } from '../format-size.ts';
import { lstat } from '../fs/tree.ts';
import { type Analysis, targetStage } from './analyze.ts';
import { describeGoal, type Goal, type GoalResult, goalsSolved } from './goal.ts';

export { describeGoal, type Goal, type GoalResult, goalsSolved };

/** Goals about the image itself, which a build that stopped early cannot answer. */
const NEEDS_IMAGE: ReadonlySet<Goal['kind']> = new Set([
  'maxSize',
  'starts',
  'noShell',
  'nonRoot',
  'absentPaths',
  'presentPaths',
  'maxLayers',
]);

/** The certainty a goal's verdict rests on: the run check's for `starts`, the image's otherwise. */
function verdictCertainty(goal: Goal, build: BuildResult, analysis: Analysis): Certainty {
  if (!build.ok) return build.certainty;
  if (goal.kind === 'starts') return analysis.run?.certainty ?? build.certainty;
  if (goal.kind === 'stageCount') return KNOWN;
  return build.certainty;
}

export function checkGoal(goal: Goal, build: BuildResult, analysis: Analysis): GoalResult {
  const certainty = verdictCertainty(goal, build, analysis);
  if (!build.ok && (NEEDS_IMAGE.has(goal.kind) || absentFinding(goal, analysis))) {
    const why =
      build.certainty.level === 'unknown'
        ? 'the simulator could not build the image (see the build’s note)'
        : 'the image was not built';
    return { goal, pass: false, unchecked: true, detail: `could not be checked: ${why}`, certainty };
  }
  const checked = verdict(goal, build, analysis);
  return { ...checked, certainty };
}

/**
 * A finding the goal forbids that a failed build did not report: the build stopped before the
 * checks that would find it, so its absence proves nothing. One it did report still fails the goal.
 */
function absentFinding(goal: Goal, analysis: Analysis): boolean {
  return goal.kind === 'noDiagnostic' && !analysis.diagnostics.some((d) => d.code === goal.code);
}

function result(goal: Goal, pass: boolean, detail: string, hint?: string): Omit<GoalResult, 'certainty'> {
  return pass || hint === undefined ? { goal, pass, detail } : { goal, pass, detail, hint };
}

function verdict(goal: Goal, build: BuildResult, analysis: Analysis): Omit<GoalResult, 'certainty'> {
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

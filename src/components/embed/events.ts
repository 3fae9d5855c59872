/**
 * What a widget posts after a build: one `build` event, a `goal` event for each goal whose result
 * or certainty changed (every goal after the first build), and `complete` when the goals go from
 * failing to all met (never on what the simulator cannot tell). Each carries how sure it is.
 * Pure, so the rules are tested without a browser.
 */
import { describeGoal, type Goal } from '../../lib/analysis/goal.ts';
import type { Severity } from '../../lib/diagnostic.ts';
import type { ExerciseResultDetail } from '../exercise/Exercise.tsx';
import type { EmbedEventBody, FindingCounts } from './protocol.ts';

export function findingCounts(counts: Readonly<Record<Severity, number>>): FindingCounts {
  return { errors: counts.error, warnings: counts.warning, infos: counts.info };
}

export function eventsAfterBuild(
  previous: ExerciseResultDetail | undefined,
  result: ExerciseResultDetail,
  goals: readonly Goal[],
): EmbedEventBody[] {
  const events: EmbedEventBody[] = [
    {
      type: 'build',
      built: result.built,
      imageBytes: result.imageBytes,
      starts: result.starts,
      diagnostics: findingCounts(result.diagnostics),
      passing: result.passing,
      total: result.total,
      certainty: result.certainty,
    },
  ];
  result.goals.forEach((outcome, index) => {
    const goal = goals[index];
    const before = previous?.goals[index];
    if (!goal || (before?.pass === outcome.pass && before.certainty === outcome.certainty)) return;
    events.push({
      type: 'goal',
      index,
      kind: goal.kind,
      text: describeGoal(goal),
      pass: outcome.pass,
      detail: outcome.detail,
      certainty: outcome.certainty ?? 'known',
    });
  });
  if (result.solved && !previous?.solved) {
    events.push({
      type: 'complete',
      imageBytes: result.imageBytes,
      passing: result.passing,
      total: result.total,
      certainty: result.certainty,
    });
  }
  return events;
}

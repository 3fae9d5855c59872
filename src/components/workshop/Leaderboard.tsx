/** The smallest images that pass every goal, per exercise, under the names participants chose for it. */
import { formatSize } from '../../lib/analysis/size-findings.ts';
import { indexProgress, leaderboard } from '../../workshop/progress-status.ts';
import type { ParticipantView, ProgressView } from '../../workshop/protocol.ts';
import type { OutlineExercise } from './course-outline.ts';

interface Props {
  readonly participants: readonly ParticipantView[];
  readonly progress: Iterable<ProgressView>;
  readonly exercises: readonly OutlineExercise[];
  readonly limit?: number;
  readonly headingLevel?: 2 | 3;
}

export function Leaderboard({ participants, progress, exercises, limit = 5, headingLevel = 2 }: Props) {
  const index = indexProgress(progress);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';
  return (
    <section class="mc-ws-leaderboard" aria-label="Leaderboard">
      <Heading>Smallest passing images</Heading>
      <div class="mc-ws-boards">
        {exercises.map((exercise) => {
          const rows = leaderboard(exercise.id, participants, index, limit);
          return (
            <div class="mc-ws-board" key={exercise.id}>
              <Sub>{exercise.title}</Sub>
              {rows.length === 0 ? (
                <p class="mc-ws-muted">Nobody has solved it yet.</p>
              ) : (
                <ol>
                  {rows.map((row) => (
                    <li key={`${row.rank}-${row.name}`} value={row.rank}>
                      <span class="mc-ws-board-name">{row.name}</span> <span>{formatSize(row.bytes)}</span>
                    </li>
                  ))}
                </ol>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}

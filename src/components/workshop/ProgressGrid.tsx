/**
 * Participants × exercises: each cell says, in words and not only in colour, whether the
 * participant has not started, how many goals pass, or that they solved it, with the image size;
 * stuck cells are marked. A cell is a button that opens the participant's Dockerfile.
 */
import { useId, useState } from 'preact/hooks';
import { formatSize } from '../../lib/analysis/size-findings.ts';
import {
  cellStatus,
  indexProgress,
  type ProgressIndex,
  type Stuck,
  stuckOn,
} from '../../workshop/progress-status.ts';
import type { ParticipantView, ProgressView, StuckRule } from '../../workshop/protocol.ts';
import type { OutlineExercise } from './course-outline.ts';
import { type DashboardModel, distinctNames } from './dashboard-model.ts';
import { formatAgo } from './format.ts';

type Sort = 'stuck' | 'name' | 'solved' | 'recent';

interface Props {
  readonly model: DashboardModel;
  readonly exercises: readonly OutlineExercise[];
  readonly now: number;
  readonly onOpen: (participant: ParticipantView, exercise: OutlineExercise) => void;
}

export function stuckText(stuck: Stuck, goals: readonly string[]): string {
  if (stuck.kind === 'same-goal')
    return `stuck on “${goals[stuck.goal] ?? `goal ${stuck.goal + 1}`}” for ${stuck.tries} tries`;
  return `no new goal for ${Math.round(stuck.sinceMs / 60_000)} min`;
}

function cellText(progress: ProgressView | undefined): string {
  const status = cellStatus(progress);
  if (status.kind === 'not-started') return 'not started';
  if (status.kind === 'solved') return 'solved';
  return `${status.passing}/${status.total} goals`;
}

function rowFacts(
  participant: ParticipantView,
  exercises: readonly OutlineExercise[],
  index: ProgressIndex,
  now: number,
  rule: StuckRule,
) {
  let solved = 0;
  let stuck = false;
  let lastActivity = 0;
  const current = index.currentExercise(participant.id);
  for (const exercise of exercises) {
    const progress = index.cell(participant.id, exercise.id);
    if (!progress) continue;
    if (progress.solved) solved++;
    if (stuckOn(progress, current === exercise.id, now, rule)) stuck = true;
    lastActivity = Math.max(lastActivity, progress.updatedAt);
  }
  return { solved, stuck, lastActivity: Math.max(lastActivity, participant.seenAt) };
}

export function ProgressGrid({ model, exercises, now, onOpen }: Props) {
  const id = useId();
  const [sort, setSort] = useState<Sort>('stuck');
  const [filter, setFilter] = useState('');
  const index = indexProgress(model.progress.values());
  const serverNow = now + model.skew;
  const needle = filter.trim().toLowerCase();
  const names = distinctNames(model.participants.values());
  const rows = [...model.participants.values()]
    .map((participant) => ({ ...participant, name: names.get(participant.id) ?? participant.name }))
    .filter((participant) => !needle || participant.name.toLowerCase().includes(needle))
    .map((participant) => ({
      participant,
      ...rowFacts(participant, exercises, index, serverNow, model.state.stuck),
    }));
  rows.sort((a, b) => {
    switch (sort) {
      case 'name':
        return a.participant.name.localeCompare(b.participant.name);
      case 'solved':
        return b.solved - a.solved || a.participant.name.localeCompare(b.participant.name);
      case 'recent':
        return b.lastActivity - a.lastActivity;
      default:
        return (
          Number(b.stuck) - Number(a.stuck) ||
          a.solved - b.solved ||
          a.participant.name.localeCompare(b.participant.name)
        );
    }
  });

  return (
    <section class="mc-ws-grid-section" aria-labelledby={`${id}-title`}>
      <div class="mc-ws-row mc-ws-grid-tools">
        <h2 id={`${id}-title`}>Participants</h2>
        <label for={`${id}-filter`}>Find</label>
        <input
          id={`${id}-filter`}
          type="text"
          value={filter}
          placeholder="name"
          onInput={(event) => setFilter(event.currentTarget.value)}
        />
        <label for={`${id}-sort`}>Sort</label>
        <select
          id={`${id}-sort`}
          value={sort}
          onChange={(event) => setSort(event.currentTarget.value as Sort)}
        >
          <option value="stuck">Stuck first</option>
          <option value="name">Name</option>
          <option value="solved">Most solved</option>
          <option value="recent">Latest activity</option>
        </select>
      </div>
      {model.participants.size === 0 ? (
        <p class="mc-ws-muted">Nobody has joined yet. Show the join code or the QR code.</p>
      ) : (
        <div class="mc-ws-grid-scroll">
          <table class="mc-ws-grid">
            <caption class="visually-hidden">
              Each participant’s progress per exercise; open a cell to see their Dockerfile.
            </caption>
            <thead>
              <tr>
                <th scope="col">Participant</th>
                {exercises.map((exercise) => (
                  <th scope="col" key={exercise.id}>
                    {exercise.title}
                  </th>
                ))}
                <th scope="col">Last activity</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ participant, lastActivity }) => {
                const current = index.currentExercise(participant.id);
                return (
                  <tr key={participant.id}>
                    <th scope="row">
                      <span
                        class={`mc-ws-presence${participant.online ? ' is-online' : ''}`}
                        role="img"
                        aria-label={participant.online ? 'online' : 'offline'}
                        title={participant.online ? 'online' : 'offline'}
                      />
                      {participant.name}
                    </th>
                    {exercises.map((exercise) => {
                      const progress = index.cell(participant.id, exercise.id);
                      const status = cellStatus(progress);
                      const stuck = progress
                        ? stuckOn(progress, current === exercise.id, serverNow, model.state.stuck)
                        : undefined;
                      const who = `${participant.name}, ${exercise.title}: `;
                      return (
                        <td key={exercise.id} class={`is-${status.kind}${stuck ? ' is-stuck' : ''}`}>
                          {progress ? (
                            <button type="button" onClick={() => onOpen(participant, exercise)}>
                              <span class="visually-hidden">{who}</span>
                              <span class="mc-ws-cell-status">
                                {status.kind === 'solved' ? '✓ solved' : cellText(progress)}
                              </span>{' '}
                              {status.kind === 'working' && (
                                <span class="mc-ws-meter" aria-hidden="true">
                                  <span style={{ width: `${(100 * status.passing) / status.total}%` }} />
                                </span>
                              )}
                              <span class="mc-ws-cell-size">
                                {progress.imageBytes == null ? 'not built' : formatSize(progress.imageBytes)}
                              </span>
                              {stuck && (
                                <span class="mc-ws-stuck">
                                  {' '}
                                  stuck
                                  <span class="visually-hidden">: {stuckText(stuck, exercise.goals)}</span>
                                </span>
                              )}
                            </button>
                          ) : (
                            <span class="mc-ws-muted">
                              <span aria-hidden="true">–</span>
                              <span class="visually-hidden">
                                {who}
                                {cellText(progress)}
                              </span>
                            </span>
                          )}
                        </td>
                      );
                    })}
                    <td class="mc-ws-ago">{formatAgo(serverNow - lastActivity)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/**
 * The dashboard's data: the snapshot the stream starts with, then each event applied in order.
 * Events arrive in bursts (a class of 300 reports every few seconds), so they are applied in
 * batches: one new model per batch, which is one render.
 */
import { cellKey } from '../../workshop/progress-status.ts';
import type { DashboardEvents, ParticipantView, ProgressView, PublicState } from '../../workshop/protocol.ts';

export interface DashboardModel {
  readonly state: PublicState;
  readonly createdAt: number;
  /** Server clock minus this device's clock. */
  readonly skew: number;
  /** In the order they joined. */
  readonly participants: ReadonlyMap<string, ParticipantView>;
  readonly progress: ReadonlyMap<string, ProgressView>;
}

export type DashboardEvent = {
  [K in keyof DashboardEvents]: { readonly event: K; readonly data: DashboardEvents[K] };
}[keyof DashboardEvents];

export function applyEvents(
  model: DashboardModel | null,
  events: readonly DashboardEvent[],
  receivedAt: number,
): DashboardModel | null {
  let state = model?.state;
  let createdAt = model?.createdAt ?? 0;
  let skew = model?.skew ?? 0;
  let participants = new Map(model?.participants);
  let progress = new Map(model?.progress);
  for (const item of events) {
    switch (item.event) {
      case 'snapshot':
        state = item.data.state;
        createdAt = item.data.createdAt;
        skew = item.data.state.now - receivedAt;
        participants = new Map(item.data.participants.map((participant) => [participant.id, participant]));
        progress = new Map(
          item.data.progress.map((view) => [cellKey(view.participantId, view.exerciseId), view]),
        );
        break;
      case 'state':
        state = item.data;
        skew = item.data.now - receivedAt;
        break;
      case 'participant':
        participants.set(item.data.id, item.data);
        break;
      case 'presence': {
        const participant = participants.get(item.data.participantId);
        if (participant)
          participants.set(participant.id, {
            ...participant,
            online: item.data.online,
            seenAt: Math.max(participant.seenAt, item.data.seenAt),
          });
        break;
      }
      case 'removed': {
        const removed = new Set(item.data.participantIds);
        for (const id of removed) participants.delete(id);
        for (const [key, view] of progress) if (removed.has(view.participantId)) progress.delete(key);
        break;
      }
      case 'progress': {
        const key = cellKey(item.data.participantId, item.data.exerciseId);
        const previous = progress.get(key);
        if (!previous || previous.seq < item.data.seq) progress.set(key, item.data);
        const participant = participants.get(item.data.participantId);
        if (participant && participant.seenAt < item.data.updatedAt)
          participants.set(participant.id, { ...participant, seenAt: item.data.updatedAt });
        break;
      }
    }
  }
  if (!state) return null;
  return { state, createdAt, skew, participants, progress };
}

/**
 * The name each participant is shown by: two who joined as "Ada" are "Ada" and "Ada (2)", in the
 * order they joined, so the instructor can tell their rows apart.
 */
export function distinctNames(participants: Iterable<ParticipantView>): Map<string, string> {
  const byJoin = [...participants].sort((a, b) => a.joinedAt - b.joinedAt || a.id.localeCompare(b.id));
  const seen = new Map<string, number>();
  const names = new Map<string, string>();
  for (const participant of byJoin) {
    const count = (seen.get(participant.name) ?? 0) + 1;
    seen.set(participant.name, count);
    names.set(participant.id, count === 1 ? participant.name : `${participant.name} (${count})`);
  }
  return names;
}

/** Participants who have sent no progress yet, in the order they joined. */
export function idleParticipants(model: DashboardModel): string[] {
  const reported = new Set([...model.progress.values()].map((view) => view.participantId));
  return [...model.participants.keys()].filter((id) => !reported.has(id));
}

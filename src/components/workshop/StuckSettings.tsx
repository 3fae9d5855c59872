/**
 * The instructor's say on when the dashboard calls a participant stuck: minutes without a new goal
 * passing, and tries in a row failing one goal. The server keeps them with the workshop, so every
 * dashboard open on it counts alike.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { type ActionBody, LIMITS, type StuckRule } from '../../workshop/protocol.ts';

interface Props {
  readonly rule: StuckRule;
  readonly disabled: boolean;
  readonly send: (body: ActionBody) => Promise<boolean>;
}

export function StuckSettings({ rule, disabled, send }: Props) {
  const id = useId();
  const [minutes, setMinutes] = useState(String(rule.quietMinutes));
  const [tries, setTries] = useState(String(rule.sameGoalTries));
  // Another dashboard of the workshop may change them: show what the server holds.
  useEffect(() => {
    setMinutes(String(rule.quietMinutes));
    setTries(String(rule.sameGoalTries));
  }, [rule.quietMinutes, rule.sameGoalTries]);

  return (
    <fieldset class="mc-ws-control" disabled={disabled}>
      <legend>Stuck when</legend>
      <form
        class="mc-ws-row"
        onSubmit={(event) => {
          event.preventDefault();
          send({ action: 'stuck', quietMinutes: Number(minutes), sameGoalTries: Number(tries) });
        }}
      >
        <label for={`${id}-quiet`}>No new goal for (minutes)</label>
        <input
          id={`${id}-quiet`}
          type="number"
          min={LIMITS.stuckQuietMinutes.min}
          max={LIMITS.stuckQuietMinutes.max}
          step="1"
          required
          value={minutes}
          onInput={(event) => setMinutes(event.currentTarget.value)}
        />
        <label for={`${id}-tries`}>or tries failing one goal</label>
        <input
          id={`${id}-tries`}
          type="number"
          min={LIMITS.stuckSameGoalTries.min}
          max={LIMITS.stuckSameGoalTries.max}
          step="1"
          required
          value={tries}
          onInput={(event) => setTries(event.currentTarget.value)}
        />
        <button type="submit" class="mc-ws-button is-quiet">
          Save
        </button>
      </form>
    </fieldset>
  );
}

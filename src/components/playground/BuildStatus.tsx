/**
 * One line on the newest build: the image, its size and whether it starts, or the first error, and
 * how sure the simulator is of it (the reasons below it; a stop for want of data in its own voice).
 * While a newer build runs, the last verdict stays (marked as updating) so the line does not flicker.
 */
import { mainGaps } from '../../lib/certainty.ts';
import { CertaintyBadge, CertaintyNote } from '../certainty/CertaintyNote.tsx';
import { KNOWS_PAGE } from '../certainty/certainty-text.ts';
import { SeverityIcon } from '../editor/DiagnosticList.tsx';
import type { BuildOutput } from '../engine/protocol.ts';
import { buildVerdict } from './build-verdict.ts';
import './status.css';

interface Props {
  /** The newest build the worker answered. */
  readonly build: BuildOutput | undefined;
  /** Why the worker could not build at all (not a build error: those are in `build`). */
  readonly failure: string | undefined;
  /** A build of newer text is under way. */
  readonly building: boolean;
  readonly roundTripMs?: number;
  /** Why the simulator was restarted on the way to this build. */
  readonly notice?: string | undefined;
  /** Link the page of what the simulator knows even when the verdict needs no note (the playground). */
  readonly knowsLink?: boolean;
}

export function BuildStatus({ build, failure, building, roundTripMs, notice, knowsLink = false }: Props) {
  const { state, text, certainty } = buildVerdict(build, failure);
  const noted = state !== 'no-data' && mainGaps(certainty).length > 0;
  return (
    <div class="mc-build-status" data-building={building ? 'true' : undefined}>
      <p
        class="mc-build-verdict"
        role="status"
        data-state={state}
        data-certainty={certainty.level}
        data-build={build?.build}
        data-build-ms={build?.timing.buildMs.toFixed(1)}
        data-analyze-ms={build?.timing.analyzeMs.toFixed(1)}
        data-cached-steps={build?.timing.cachedSteps}
        data-round-trip-ms={roundTripMs?.toFixed(1)}
      >
        {state !== 'pending' && <SeverityIcon severity={state === 'no-data' ? 'info' : state} />}
        <span>{text}</span>
        <CertaintyBadge certainty={certainty} />
      </p>
      {notice && !failure && <p class="mc-build-notice">{notice}</p>}
      {building && build && (
        <span class="mc-build-updating" aria-hidden="true">
          updating…
        </span>
      )}
      {noted && <CertaintyNote certainty={certainty} subject="This image" />}
      {!noted && (state === 'no-data' || knowsLink) && (
        <p class="mc-build-knows">
          <a href={KNOWS_PAGE}>What the simulator knows</a>
        </p>
      )}
    </div>
  );
}

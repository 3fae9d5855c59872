/**
 * One line on the newest build: the image, its size and whether it starts, or the first error.
 * While a newer build runs, the last verdict stays (marked as updating) so the line does not flicker.
 */
import { formatSize } from '../../lib/format-size.ts';
import { SeverityIcon } from '../editor/DiagnosticList.tsx';
import type { BuildOutput } from '../engine/protocol.ts';
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
}

export function BuildStatus({ build, failure, building, roundTripMs, notice }: Props) {
  const { icon, text } = verdict(build, failure);
  return (
    <div class="mc-build-status" data-building={building ? 'true' : undefined}>
      <p
        class="mc-build-verdict"
        role="status"
        data-state={icon}
        data-build={build?.build}
        data-build-ms={build?.timing.buildMs.toFixed(1)}
        data-analyze-ms={build?.timing.analyzeMs.toFixed(1)}
        data-cached-steps={build?.timing.cachedSteps}
        data-round-trip-ms={roundTripMs?.toFixed(1)}
      >
        {icon !== 'pending' && <SeverityIcon severity={icon} />}
        <span>{text}</span>
      </p>
      {notice && !failure && <p class="mc-build-notice">{notice}</p>}
      {building && build && (
        <span class="mc-build-updating" aria-hidden="true">
          updating…
        </span>
      )}
    </div>
  );
}

function verdict(build: BuildOutput | undefined, failure: string | undefined) {
  if (failure !== undefined) return { icon: 'error', text: failure } as const;
  if (!build) return { icon: 'pending', text: 'Building the image…' } as const;
  const { result, analysis } = build;
  if (!result.ok) {
    const error = result.error;
    const where = error?.line ? ` on line ${error.line}` : '';
    return { icon: 'error', text: `Build failed${where}: ${error?.message ?? 'unknown error'}` } as const;
  }
  const target = result.stages[result.target ?? -1];
  const parts = [target?.reference ?? 'image', formatSize(target?.size ?? 0)];
  if (analysis.run) parts.push(analysis.run.starts ? 'starts' : 'does not start');
  return { icon: analysis.run?.starts === false ? 'error' : 'ok', text: parts.join(' · ') } as const;
}

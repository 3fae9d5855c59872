/** One line on the engine's verdict: what it parsed, or the error and where, or that it failed. */

import { SeverityIcon } from '../editor/DiagnosticList.tsx';
import type { Outcome } from '../engine/engine-client.ts';
import './status.css';

interface Props {
  /** Undefined until the first answer. */
  readonly outcome: Outcome<'parse'> | undefined;
  readonly file: string;
}

export function StatusLine({ outcome, file }: Props) {
  const { icon, text } = describe(outcome, file);
  return (
    <p
      class="mc-status"
      role="status"
      data-state={icon}
      data-round-trip-ms={outcome?.status === 'done' ? outcome.roundTripMs.toFixed(2) : undefined}
    >
      {icon !== 'pending' && <SeverityIcon severity={icon} />}
      <span>{text}</span>
    </p>
  );
}

function describe(outcome: Outcome<'parse'> | undefined, file: string) {
  if (outcome === undefined || outcome.status === 'stale')
    return { icon: 'pending', text: `Parsing ${file}…` } as const;
  if (outcome.status === 'failed') return { icon: 'error', text: outcome.message } as const;
  const { result, diagnostics } = outcome.output;
  if (!result.ok) {
    const { line } = result.error.range.start;
    return { icon: 'error', text: `Error on line ${line}: ${result.error.message}` } as const;
  }
  const stages = result.dockerfile.stages.length;
  const instructions = result.dockerfile.instructions.length;
  const warnings = diagnostics.filter((diagnostic) => diagnostic.severity === 'warning').length;
  const parts = [count(stages, 'stage'), count(instructions, 'instruction')];
  if (warnings > 0) parts.push(count(warnings, 'warning'));
  return { icon: warnings > 0 ? 'warning' : 'ok', text: `Parsed: ${parts.join(', ')}` } as const;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

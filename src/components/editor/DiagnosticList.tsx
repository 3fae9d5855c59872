/**
 * The engine's diagnostics as a list under the editor: severity by icon and word (never colour
 * alone), where, what, and what to do; each entry jumps to its range, and quick fixes are buttons.
 * The attack-surface findings of one image are one expandable entry (problem-groups.ts).
 */
import type { Diagnostic, Fix, Severity } from '../../lib/diagnostic.ts';
import { CertaintyNote } from '../certainty/CertaintyNote.tsx';
import { groupProblems, surfaceSummary } from './problem-groups.ts';

interface Props {
  readonly diagnostics: readonly Diagnostic[];
  /** The file the diagnostics are about. */
  readonly path: string;
  readonly headingId: string;
  readonly onJump: (diagnostic: Diagnostic) => void;
  readonly onFix: (fix: Fix) => void;
}

const LABEL: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Note' };

export function DiagnosticList({ diagnostics, path, headingId, onJump, onFix }: Props) {
  return (
    <section class="mc-problems" aria-labelledby={headingId}>
      <h2 id={headingId} class="mc-problems-title">
        Problems in {path}
        <span class="mc-problems-count">{diagnostics.length}</span>
      </h2>
      {diagnostics.length === 0 ? (
        <p class="mc-problems-none">
          <SeverityIcon severity="ok" />
          No problems found.
        </p>
      ) : (
        <ul class="mc-problems-list">
          {groupProblems(diagnostics).map((entry) =>
            entry.kind === 'one' ? (
              <Problem
                key={`${entry.diagnostic.code}@${entry.diagnostic.range.start.offset}`}
                diagnostic={entry.diagnostic}
                onJump={onJump}
                onFix={onFix}
              />
            ) : (
              <li key="surface" class={`mc-problem mc-problem-${entry.severity} mc-problem-group`}>
                <details>
                  <summary class="mc-problem-summary">
                    <SeverityIcon severity={entry.severity} />
                    <span class="mc-problem-severity">{LABEL[entry.severity]}</span>
                    <Where diagnostic={entry.diagnostics[0] as Diagnostic} />
                    <span class="mc-problem-message">
                      {surfaceSummary(entry.carries)}{' '}
                      <span class="mc-problem-more">({entry.diagnostics.length} findings)</span>
                    </span>
                  </summary>
                  <ul class="mc-problems-list">
                    {entry.diagnostics.map((diagnostic) => (
                      <Problem
                        key={`${diagnostic.code}@${diagnostic.range.start.offset}`}
                        diagnostic={diagnostic}
                        onJump={onJump}
                        onFix={onFix}
                      />
                    ))}
                  </ul>
                </details>
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  );
}

interface ProblemProps {
  readonly diagnostic: Diagnostic;
  readonly onJump: (diagnostic: Diagnostic) => void;
  readonly onFix: (fix: Fix) => void;
}

function Problem({ diagnostic, onJump, onFix }: ProblemProps) {
  return (
    <li class={`mc-problem mc-problem-${diagnostic.severity}`}>
      <button type="button" class="mc-problem-jump" onClick={() => onJump(diagnostic)}>
        <SeverityIcon severity={diagnostic.severity} />
        <span class="mc-problem-severity">{LABEL[diagnostic.severity]}</span>
        <Where diagnostic={diagnostic} />
        <span class="mc-problem-message">{diagnostic.message}</span>
      </button>
      <div class="mc-problem-details">
        {diagnostic.hint && <p class="mc-problem-hint">{diagnostic.hint}</p>}
        {diagnostic.certainty && <CertaintyNote certainty={diagnostic.certainty} subject="This finding" />}
        <code class="mc-problem-code">{diagnostic.code}</code>
        {diagnostic.url && (
          <a href={diagnostic.url} target="_blank" rel="noopener">
            About this check
          </a>
        )}
        {diagnostic.fixes?.map((fix) => (
          <button key={fix.title} type="button" class="mc-problem-fix" onClick={() => onFix(fix)}>
            Quick fix: {fix.title}
          </button>
        ))}
      </div>
    </li>
  );
}

function Where({ diagnostic }: { readonly diagnostic: Diagnostic }) {
  return (
    <span class="mc-problem-where">
      line {diagnostic.range.start.line}, column {diagnostic.range.start.column}
      <span class="visually-hidden">:</span>
    </span>
  );
}

export function SeverityIcon({ severity }: { severity: Severity | 'ok' }) {
  return (
    <svg aria-hidden="true" class={`mc-icon mc-icon-${severity}`} width="16" height="16" viewBox="0 0 16 16">
      {ICON_SHAPES[severity]}
    </svg>
  );
}

/** Each severity has its own shape, so it reads without colour. */
const ICON_SHAPES = {
  error: (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M5.5 5.5l5 5m0-5l-5 5" stroke="var(--bg-raised)" stroke-width="1.8" stroke-linecap="round" />
    </>
  ),
  warning: (
    <>
      <path d="M8 1.5L15 14.5H1z" fill="currentColor" />
      <path d="M8 6v4m0 2.2v.1" stroke="var(--bg-raised)" stroke-width="1.8" stroke-linecap="round" />
    </>
  ),
  info: (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M8 7.5v4m0-6.7v.1" stroke="var(--bg-raised)" stroke-width="1.8" stroke-linecap="round" />
    </>
  ),
  ok: (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path
        d="M4.8 8.3l2.2 2.2 4.2-4.6"
        stroke="var(--bg-raised)"
        stroke-width="1.8"
        fill="none"
        stroke-linecap="round"
      />
    </>
  ),
};

/**
 * The build as a timeline, stage by stage: each step with what it did, its size, whether the layer
 * cache answered it, and the files it changed. Step forward and back like a debugger; the current
 * step's line is highlighted in the editor by whoever owns the editor (`onSelect`).
 */
import { useId, useLayoutEffect, useRef } from 'preact/hooks';
import type { Step, StepStatus } from '../../lib/build/result.ts';
import { formatSize } from '../../lib/format-size.ts';
import { CertaintyBadge, CertaintyNote } from '../certainty/CertaintyNote.tsx';
import { SizeModelNote } from '../certainty/SizeModelNote.tsx';
import type { BuildSummary } from '../engine/protocol.ts';
import {
  moveStep,
  STAGE_STATE_LABEL,
  STATUS_LABEL,
  type StageGroup,
  type StepMove,
  sizeDelta,
  skippedReason,
  stageGroups,
  steppable,
} from './step-navigation.ts';
import '../ui.css';
import './steps.css';

interface Props {
  readonly result: BuildSummary;
  /** Index into result.steps of the step being shown, or null before the learner picks one. */
  readonly current: number | null;
  readonly onSelect: (index: number) => void;
  /** Opens the layer explorer on a layer of the target image, when the page has one. */
  readonly onExploreLayer?: (layer: number) => void;
}

const KEY_MOVES: Readonly<Record<string, StepMove>> = {
  ArrowDown: 'next',
  ArrowRight: 'next',
  ArrowUp: 'previous',
  ArrowLeft: 'previous',
  Home: 'first',
  End: 'last',
};

export function BuildSteps({ result, current, onSelect, onExploreLayer }: Props) {
  const id = useId();
  const order = steppable(result.steps);
  const groups = stageGroups(result);
  const focusNext = useRef(false);
  const position = current === null ? -1 : order.indexOf(current);
  const tabbable = current ?? order[0] ?? null;

  const go = (move: StepMove, focus: boolean) => {
    const next = moveStep(order, current, move);
    if (next === null) return;
    focusNext.current = focus;
    onSelect(next);
  };

  useLayoutEffect(() => {
    if (!focusNext.current || current === null) return;
    focusNext.current = false;
    document.getElementById(`${id}-step-${current}`)?.focus();
  }, [current, id]);

  const currentStep = current === null ? undefined : result.steps[current];

  return (
    <div class="mc-steps">
      <div
        class="mc-steps-controls"
        role="toolbar"
        aria-label="Step through the build"
        aria-controls={`${id}-list`}
      >
        <button type="button" onClick={() => go('first', false)} disabled={order.length === 0}>
          <ArrowIcon shape="first" /> First
        </button>
        <button
          type="button"
          onClick={() => go('previous', false)}
          disabled={position === 0 || order.length === 0}
        >
          <ArrowIcon shape="previous" /> Previous step
        </button>
        <button
          type="button"
          onClick={() => go('next', false)}
          disabled={position === order.length - 1 || order.length === 0}
        >
          Next step <ArrowIcon shape="next" />
        </button>
        <button type="button" onClick={() => go('last', false)} disabled={order.length === 0}>
          Last <ArrowIcon shape="last" />
        </button>
        <p class="mc-steps-position" aria-live="polite">
          {currentStep
            ? `Step ${position + 1} of ${order.length}: line ${currentStep.line}, ${currentStep.kind}`
            : `${order.length} steps ran. Pick one, or press Next step.`}
        </p>
      </div>
      <p class="mc-steps-help">
        On a step, <kbd>↑</kbd> and <kbd>↓</kbd> move to the previous and next step, <kbd>Home</kbd> and{' '}
        <kbd>End</kbd> to the first and last; the editor marks the step’s line.
      </p>
      <div id={`${id}-list`} class="mc-stage-list">
        {groups.map((group) => (
          <StageSection
            key={group.stage.index}
            group={group}
            idPrefix={id}
            current={current}
            tabbable={tabbable}
            onSelect={(index) => onSelect(index)}
            {...(onExploreLayer && group.target ? { onExploreLayer } : {})}
            onKey={(event) => {
              const move = KEY_MOVES[event.key];
              if (!move) return;
              event.preventDefault();
              go(move, true);
            }}
          />
        ))}
      </div>
      <SizeModelNote />
    </div>
  );
}

interface StageProps {
  readonly group: StageGroup;
  readonly idPrefix: string;
  readonly current: number | null;
  readonly tabbable: number | null;
  readonly onSelect: (index: number) => void;
  readonly onKey: (event: KeyboardEvent) => void;
  readonly onExploreLayer?: (layer: number) => void;
}

function StageSection({ group, idPrefix, current, tabbable, onSelect, onKey, onExploreLayer }: StageProps) {
  const headingId = `${idPrefix}-stage-${group.stage.index}`;
  const reason = skippedReason(group.state);
  const base = group.stage.base;
  return (
    <section class="mc-stage" data-state={group.state} aria-labelledby={headingId}>
      <h3 id={headingId} class="mc-stage-title">
        <span class="mc-stage-name">
          Stage {group.stage.index}
          {group.stage.name !== null && <> “{group.stage.name}”</>}
        </span>
        <span class="mc-stage-from">FROM {group.stage.reference}</span>
        {base?.kind === 'image' && base.resolved !== base.reference && (
          <span class="mc-stage-resolved">({base.resolved})</span>
        )}
        <span class={`mc-badge mc-stage-state mc-stage-${group.state}`}>
          {STAGE_STATE_LABEL[group.state]}
        </span>
        {group.target && <span class="mc-badge mc-badge-target">Target</span>}
      </h3>
      {reason && <p class="mc-stage-reason">{reason}</p>}
      {base?.kind === 'image' && (
        <CertaintyNote certainty={base.certainty} subject={`FROM ${base.reference}`} />
      )}
      {group.steps.length > 0 && (
        <ol class="mc-step-list">
          {group.steps.map(({ index, step }) => (
            <StepItem
              key={index}
              step={step}
              id={`${idPrefix}-step-${index}`}
              current={current === index}
              tabbable={tabbable === index}
              onSelect={() => onSelect(index)}
              onKey={onKey}
              {...(onExploreLayer && step.layer !== null
                ? { onExplore: () => onExploreLayer(step.layer ?? 0) }
                : {})}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

interface StepProps {
  readonly step: Step;
  readonly id: string;
  readonly current: boolean;
  readonly tabbable: boolean;
  readonly onSelect: () => void;
  readonly onKey: (event: KeyboardEvent) => void;
  /** Shows the layer this step made in the layer explorer. */
  readonly onExplore?: () => void;
}

function StepItem({ step, id, current, tabbable, onSelect, onKey, onExplore }: StepProps) {
  const head = (
    <>
      <span class="mc-step-line">line {step.line}</span>
      <code class="mc-step-instruction">{step.instruction}</code>
      <span class="mc-step-facts">
        <StatusBadge status={step.status} />
        {step.status === 'done' && <CertaintyBadge certainty={step.certainty} />}
        {step.cached && <span class="mc-badge mc-badge-cached">CACHED</span>}
        <span class="mc-step-size">
          {step.layer === null ? 'no layer' : sizeDelta(step.sizeDelta, formatSize)}
        </span>
      </span>
    </>
  );
  return (
    <li class="mc-step" data-status={step.status} aria-current={current ? 'step' : undefined}>
      {step.status === 'skipped' ? (
        <div class="mc-step-head">{head}</div>
      ) : (
        <button
          type="button"
          id={id}
          class="mc-step-head"
          tabIndex={tabbable ? 0 : -1}
          aria-pressed={current}
          onClick={onSelect}
          onKeyDown={onKey}
        >
          {head}
        </button>
      )}
      <p class="mc-step-narrative">{step.narrative}</p>
      {step.status !== 'failed' && <CertaintyNote certainty={step.certainty} subject="This step" />}
      {step.crossed && <Crossed crossed={step.crossed} />}
      {step.files && <StepFiles files={step.files} expanded={current} />}
      {current && onExplore && (
        <button type="button" class="mc-button mc-step-explore" onClick={onExplore}>
          Show this layer’s files
        </button>
      )}
    </li>
  );
}

function StepFiles({ files, expanded }: { files: NonNullable<Step['files']>; expanded: boolean }) {
  const total = files.added + files.modified + files.removed;
  if (total === 0) return null;
  const counts = [
    files.added > 0 && `${files.added} added`,
    files.modified > 0 && `${files.modified} modified`,
    files.removed > 0 && `${files.removed} removed`,
  ].filter(Boolean);
  return (
    <div class="mc-step-files">
      <p class="mc-step-counts">Files: {counts.join(', ')}</p>
      {expanded && files.largest.length > 0 && (
        <ul class="mc-file-list" aria-label="Largest files of this step">
          {files.largest.map((file) => (
            <li key={file.path}>
              <code>{file.path}</code> <span class="mc-file-size">{formatSize(file.size)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const CROSSED_SHOWN = 8;

function Crossed({ crossed }: { crossed: NonNullable<Step['crossed']> }) {
  const rest = crossed.paths.length - CROSSED_SHOWN;
  return (
    <div class="mc-crossed">
      <p>
        <span aria-hidden="true">⇢ </span>
        Crossed from <strong>{crossed.from}</strong>: {crossed.paths.length}{' '}
        {crossed.paths.length === 1 ? 'path' : 'paths'}, {formatSize(crossed.bytes)}. Nothing else of that
        stage reaches this image.
      </p>
      {crossed.paths.length > 0 && (
        <ul class="mc-file-list">
          {crossed.paths.slice(0, CROSSED_SHOWN).map((path) => (
            <li key={path}>
              <code>{path}</code>
            </li>
          ))}
          {rest > 0 && <li>and {rest} more</li>}
        </ul>
      )}
    </div>
  );
}

export function StatusBadge({ status }: { status: StepStatus }) {
  return (
    <span class={`mc-badge mc-status-${status}`}>
      <StatusIcon status={status} />
      {STATUS_LABEL[status]}
    </span>
  );
}

/** One shape per status, so it reads without colour. */
function StatusIcon({ status }: { status: StepStatus }) {
  return (
    <svg aria-hidden="true" class="mc-status-icon" width="12" height="12" viewBox="0 0 12 12">
      {status === 'done' && (
        <path
          d="M2 6.5l2.5 2.5 5.5-6"
          stroke="currentColor"
          stroke-width="2"
          fill="none"
          stroke-linecap="round"
        />
      )}
      {status === 'failed' && (
        <path d="M2.5 2.5l7 7m0-7l-7 7" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
      )}
      {status === 'not-simulated' && (
        <>
          <path
            d="M4 4.2a2 2 0 1 1 2.6 1.9c-.4.2-.6.5-.6.9v.6"
            stroke="currentColor"
            stroke-width="1.6"
            fill="none"
            stroke-linecap="round"
          />
          <circle cx="6" cy="10" r="1" fill="currentColor" />
        </>
      )}
      {status === 'skipped' && (
        <path d="M2 6h8" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
      )}
    </svg>
  );
}

const ARROWS = {
  first: 'M4 3v10M13 3L6 8l7 5z',
  previous: 'M11 3L4 8l7 5z',
  next: 'M5 3l7 5-7 5z',
  last: 'M12 3v10M3 3l7 5-7 5z',
} as const;

function ArrowIcon({ shape }: { shape: keyof typeof ARROWS }) {
  return (
    <svg aria-hidden="true" width="12" height="12" viewBox="0 0 16 16">
      <path
        d={ARROWS[shape]}
        fill="currentColor"
        stroke="currentColor"
        stroke-width="1.5"
        stroke-linejoin="round"
      />
    </svg>
  );
}

/**
 * What the simulator does not know or only estimates about a result, said in its own voice and
 * styled apart from Docker's output: a labelled list of the gaps, with a link to the page that
 * says what data the simulator has.
 */
import { type Certainty, gapsOf, mainGaps } from '../../lib/certainty.ts';
import { certaintyTitle, KNOWS_PAGE } from './certainty-text.ts';
import './certainty.css';

interface Props {
  readonly certainty: Certainty;
  /** Include the catalog's modelled layers (they are behind almost every figure: shown where sizes are read closely). */
  readonly withModels?: boolean;
  /** What the certainty is about, for the label: "This step", "The image size". */
  readonly subject?: string;
}

export function CertaintyNote({ certainty, withModels = false, subject }: Props) {
  const gaps = withModels ? gapsOf(certainty) : mainGaps(certainty);
  if (certainty.level === 'known' || gaps.length === 0) return null;
  const level = gaps.some((gap) => gap.level === 'unknown') ? 'unknown' : 'estimated';
  return (
    <div class="mc-certainty" data-level={level} role="note">
      <p class="mc-certainty-title">
        <span class="mc-certainty-badge">{level === 'unknown' ? 'Unknown' : 'Estimated'}</span>
        {certaintyTitle(level, subject)}
      </p>
      <ul class="mc-certainty-gaps">
        {gaps.map((gap) => (
          <li key={`${gap.line ?? ''}${gap.text}`}>
            {gap.line !== undefined && <span class="mc-certainty-line">line {gap.line}: </span>}
            {gap.text}
          </li>
        ))}
      </ul>
      <a class="mc-certainty-link" href={KNOWS_PAGE}>
        What the simulator knows
      </a>
    </div>
  );
}

/** A small badge beside a figure: "estimated" or "unknown", with the reason as its label. */
export function CertaintyBadge({
  certainty,
  withModels = false,
}: {
  readonly certainty: Certainty;
  /** Count the catalog's modelled layers too (a layer's own size, read closely). */
  readonly withModels?: boolean;
}) {
  const gaps = withModels ? gapsOf(certainty) : mainGaps(certainty);
  if (certainty.level === 'known' || gaps.length === 0) return null;
  const level = gaps.some((gap) => gap.level === 'unknown') ? 'unknown' : 'estimated';
  const reason = gaps.map((gap) => gap.text).join(' ');
  return (
    <span class="mc-badge mc-certainty-chip" data-level={level} title={reason}>
      {level === 'unknown' ? 'unknown' : 'estimated'}
      <span class="visually-hidden">: {reason}</span>
    </span>
  );
}

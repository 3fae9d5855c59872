/**
 * Names the size model under a view that shows sizes: real Docker's two image stores count RUN
 * layers differently, so a figure means nothing until it says which store it matches.
 */
import { SIZE_MODEL_NAME, SIZE_MODEL_SHORT } from '../../lib/size-model.ts';
import { KNOWS_PAGE } from './certainty-text.ts';
import './certainty.css';

export function SizeModelNote() {
  return (
    <p class="mc-size-model">
      Sizes: {SIZE_MODEL_NAME} ·{' '}
      <a href={`${KNOWS_PAGE}#sizes`} title={SIZE_MODEL_SHORT}>
        how they are counted
      </a>
    </p>
  );
}

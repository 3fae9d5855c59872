/**
 * A tap on a phone opens the editor's hover tooltips (the browser turns it into a mouse move) but
 * nothing moves the mouse away afterwards, so they stayed over the code. Any touch outside a
 * tooltip now closes them; a tap on another squiggle then opens its own, as a hover would.
 */
import { closeHoverTooltips, hasHoverTooltips, ViewPlugin } from '@codemirror/view';

export const closeTooltipsOnTouch = ViewPlugin.define((view) => {
  const onTouch = (event: TouchEvent) => {
    if (!hasHoverTooltips(view.state)) return;
    if ((event.target as Element | null)?.closest?.('.cm-tooltip')) return;
    view.dispatch({ effects: closeHoverTooltips });
  };
  const document = view.dom.ownerDocument;
  document.addEventListener('touchstart', onTouch, { passive: true, capture: true });
  return { destroy: () => document.removeEventListener('touchstart', onTouch, { capture: true }) };
});

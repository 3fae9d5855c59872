/**
 * Keeps a click on a lesson's "Open in the lab" or "Run in the terminal" button that comes before
 * the lab's loader has hydrated (it hydrates when the browser is idle, which a busy phone may
 * postpone for seconds). The button is marked, and LabLoader answers the marked button when it
 * starts, so the learner's click is never lost.
 */
import { LAB_BUTTONS, PENDING_ATTRIBUTE, READY_ATTRIBUTE } from './lab-request.ts';

document.addEventListener('click', (event) => {
  if (document.documentElement.hasAttribute(READY_ATTRIBUTE)) return;
  const button = (event.target as Element | null)?.closest?.(LAB_BUTTONS);
  if (!button) return;
  event.preventDefault();
  for (const marked of document.querySelectorAll(`[${PENDING_ATTRIBUTE}]`))
    marked.removeAttribute(PENDING_ATTRIBUTE);
  button.setAttribute(PENDING_ATTRIBUTE, '');
  button.setAttribute('aria-busy', 'true');
});

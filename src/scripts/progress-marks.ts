/**
 * Fills in the progress marks of course lists (lessons read, challenges solved with their best
 * size) from the learner's saved progress, and keeps them current as it changes.
 */

import { type Progress, watchProgress } from '../components/progress/progress.ts';
import { formatSize } from '../lib/format-size.ts';

function mark(progress: Progress): void {
  for (const item of document.querySelectorAll<HTMLElement>('[data-lesson]')) {
    const status = item.querySelector('[data-status]');
    const read = Boolean(progress.lessons[item.dataset.lesson ?? '']);
    item.dataset.done = String(read);
    if (status) status.textContent = read ? '✓ read' : '';
  }
  for (const item of document.querySelectorAll<HTMLElement>('[data-exercise]')) {
    const status = item.querySelector('[data-status]');
    const entry = progress.exercises[item.dataset.exercise ?? ''];
    const solved = Boolean(entry?.solvedAt);
    item.dataset.done = String(solved);
    if (status) {
      status.textContent = solved
        ? `✓ solved${entry?.bestSize === undefined ? '' : `, best ${formatSize(entry.bestSize)}`}`
        : entry
          ? 'started'
          : '';
    }
  }
}

watchProgress(mark);

/**
 * An embed's theme: light, dark, or `auto`, which follows the reader's system setting as it changes.
 * The page's inline script sets the first one before paint; this takes over from there.
 */
import type { Theme } from './protocol.ts';

let stopFollowing: (() => void) | undefined;

export function applyTheme(theme: Theme): void {
  stopFollowing?.();
  stopFollowing = undefined;
  const root = document.documentElement;
  if (theme !== 'auto') {
    root.dataset.theme = theme;
    return;
  }
  const query = matchMedia('(prefers-color-scheme: dark)');
  const follow = () => {
    root.dataset.theme = query.matches ? 'dark' : 'light';
  };
  follow();
  query.addEventListener('change', follow);
  stopFollowing = () => query.removeEventListener('change', follow);
}

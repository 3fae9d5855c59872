/** Theme choice: an explicit choice kept in localStorage wins over the system preference. */
export type Theme = 'light' | 'dark';

const KEY = 'mc-theme';

export function storeTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // Storage can be disabled (private mode, sandboxed iframe); the theme still applies for this page.
  }
}

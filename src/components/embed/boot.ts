/**
 * The one script an embed page loads at first: it reads the options, applies the theme, opens the
 * postMessage bridge and reports the page's height, then starts the widget at once or, with
 * `load=click`, when the reader asks. Everything heavy (Preact, the editor, the exercise) is in
 * mount.tsx, loaded by that start, so a click-to-load embed costs a few kilobytes until used.
 */
import { createBridge, reportHeight } from './bridge.ts';
import { readOptions } from './options.ts';
import { applyTheme } from './theme.ts';

const root = document.getElementById('mc-embed');
const app = document.getElementById('mc-embed-app');
if (root && app) {
  const { options, problems } = readOptions(location.search);
  applyTheme(options.theme);
  const bridge = createBridge({ widget: options.id, origins: options.origins });
  reportHeight(bridge);
  for (const problem of problems) {
    console.warn(`Minimal Containers embed: ${problem}`);
    bridge.post({ type: 'error', code: 'invalid-option', message: problem });
  }

  const cover = document.getElementById('mc-embed-start');
  const button = cover?.querySelector('button');
  const status = cover?.querySelector('[role="status"]');
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    if (button) button.disabled = true;
    if (status) status.textContent = 'Loading the editor and the simulator…';
    import('./mount.tsx')
      .then((widget) => {
        cover?.remove();
        return widget.mount({ root, app, options, bridge });
      })
      .catch((error: unknown) => {
        started = false;
        if (cover) cover.hidden = false;
        if (button) button.disabled = false;
        if (status) status.textContent = `The widget could not load: ${String(error)}. Try again.`;
      });
  };

  if (options.load === 'click' && cover && button) {
    cover.hidden = false;
    root.dataset.load = 'click';
    button.addEventListener('click', start);
  } else {
    start();
  }
}

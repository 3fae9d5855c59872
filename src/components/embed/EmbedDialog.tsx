/**
 * The Embed dialog of a challenge or the playground: a few options, both snippets with copy
 * buttons, and a live preview of the widget as the snippets make it. Loaded when first opened.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { DEFAULT_OPTIONS, EMBED_PANELS, type EmbedPanel } from './options.ts';
import { readEvent, THEMES } from './protocol.ts';
import {
  type EmbedTarget,
  elementSnippet,
  embedUrl,
  iframeSnippet,
  type SnippetOptions,
} from './snippets.ts';
import './embed-dialog.css';

export interface EmbedDialogProps {
  readonly target: Exclude<EmbedTarget, { kind: 'custom' }>;
  /** Called once the dialog has closed. */
  readonly onClose: () => void;
}

const PANEL_LABELS: Readonly<Record<Exclude<EmbedPanel, 'editor'>, string>> = {
  steps: 'Build steps',
  explorer: 'Layer explorer',
  compare: 'Comparison',
  terminal: 'Terminal',
};

export function EmbedDialog({ target, onClose }: EmbedDialogProps) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const preview = useRef<HTMLIFrameElement>(null);
  const [options, setOptions] = useState<SnippetOptions>({
    panels: DEFAULT_OPTIONS.panels,
    theme: DEFAULT_OPTIONS.theme,
    readonly: false,
    load: DEFAULT_OPTIONS.load,
  });
  const [copied, setCopied] = useState('');
  const [previewHeight, setPreviewHeight] = useState(360);
  const site = location.origin;

  useEffect(() => {
    dialog.current?.showModal();
    // The preview is a widget of this site: its height comes by the embed's own protocol.
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== location.origin || event.source !== preview.current?.contentWindow) return;
      const message = readEvent(event.data);
      if (message?.type === 'resize') setPreviewHeight(Math.min(1200, Math.max(120, message.height)));
    };
    addEventListener('message', onMessage);
    return () => removeEventListener('message', onMessage);
  }, []);

  const change = (next: Partial<SnippetOptions>) => setOptions((current) => ({ ...current, ...next }));
  const togglePanel = (panel: EmbedPanel, on: boolean) =>
    change({
      panels: EMBED_PANELS.filter(
        (name) => name === 'editor' || (name === panel ? on : options.panels.includes(name)),
      ),
    });

  const snippets = [
    {
      key: 'element',
      label: 'With the loader script (sized to its content, with events)',
      text: elementSnippet(site, target, options),
    },
    {
      key: 'iframe',
      label: 'As a plain iframe (no script on your page)',
      text: iframeSnippet(site, target, options),
    },
  ];

  const copy = async (key: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`Copied the ${key === 'iframe' ? 'iframe' : 'loader'} snippet.`);
    } catch {
      // No clipboard here (permissions, an insecure origin): select it for the reader to copy.
      const area = document.getElementById(`${id}-${key}`) as HTMLTextAreaElement | null;
      area?.focus();
      area?.select();
      setCopied('Selected: press Ctrl+C (or ⌘C) to copy.');
    }
  };

  return (
    <dialog ref={dialog} class="mc-embed-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <div class="mc-embed-dialog-header">
        <h2 id={`${id}-title`}>
          {target.kind === 'exercise' ? `Embed “${target.title}”` : 'Embed these files'}
        </h2>
        <button type="button" class="button" onClick={() => dialog.current?.close()}>
          Close <span class="visually-hidden">the embed dialog</span>
        </button>
      </div>
      <p class="mc-embed-dialog-intro">
        Put this {target.kind === 'exercise' ? 'exercise' : 'Dockerfile'} on your own page: paste either
        snippet. Readers’ work stays in their browser. All options are on the <a href="/embed/">embed page</a>
        .
      </p>
      <div class="mc-embed-dialog-body">
        <form class="mc-embed-options" onSubmit={(event) => event.preventDefault()}>
          <fieldset>
            <legend>Theme</legend>
            {THEMES.map((theme) => (
              <label key={theme}>
                <input
                  type="radio"
                  name={`${id}-theme`}
                  value={theme}
                  checked={options.theme === theme}
                  onChange={() => change({ theme })}
                />
                {theme === 'auto' ? 'Follow the reader’s system' : theme === 'light' ? 'Light' : 'Dark'}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Under the editor</legend>
            {EMBED_PANELS.filter((panel) => panel !== 'editor').map((panel) => (
              <label key={panel}>
                <input
                  type="checkbox"
                  checked={options.panels.includes(panel)}
                  onChange={(event) => togglePanel(panel, event.currentTarget.checked)}
                />
                {PANEL_LABELS[panel as Exclude<EmbedPanel, 'editor'>]}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Behaviour</legend>
            <label>
              <input
                type="checkbox"
                checked={options.readonly}
                onChange={(event) => change({ readonly: event.currentTarget.checked })}
              />
              Read-only
            </label>
            <label>
              <input
                type="checkbox"
                checked={options.load === 'click'}
                onChange={(event) => change({ load: event.currentTarget.checked ? 'click' : 'eager' })}
              />
              Load when the reader clicks (lightest page)
            </label>
          </fieldset>
        </form>
        <div class="mc-embed-snippets">
          {snippets.map((snippet) => (
            <div key={snippet.key} class="mc-embed-snippet">
              <label for={`${id}-${snippet.key}`}>{snippet.label}</label>
              <textarea
                id={`${id}-${snippet.key}`}
                readOnly
                rows={snippet.text.split('\n').length + 1}
                spellcheck={false}
                value={snippet.text}
                onFocus={(event) => event.currentTarget.select()}
              />
              <button type="button" class="button primary" onClick={() => copy(snippet.key, snippet.text)}>
                Copy{' '}
                <span class="visually-hidden">
                  {snippet.key === 'iframe' ? 'the iframe' : 'the loader'} snippet
                </span>
              </button>
            </div>
          ))}
          <p class="mc-embed-copied" role="status">
            {copied}
          </p>
        </div>
      </div>
      <h3 class="mc-embed-preview-title">Preview</h3>
      <iframe
        ref={preview}
        class="mc-embed-preview-frame"
        title="Preview of the embedded widget"
        src={embedUrl(site, target, options)}
        style={{ height: `${previewHeight}px` }}
      />
    </dialog>
  );
}

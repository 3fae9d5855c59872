/**
 * The two snippets an author pastes to embed an exercise or a playground: the custom element with
 * the loader script (sized to its content, events as DOM events), and a plain iframe that works
 * without any script on their page. The Embed dialog shows both; the /embed/ page documents them.
 */
import { DEFAULT_OPTIONS, type EmbedOptions, optionsQuery } from './options.ts';
import { CUSTOM_KEY } from './protocol.ts';

export type EmbedTarget =
  | { readonly kind: 'exercise'; readonly id: string; readonly title: string }
  /** `state`: the playground's files as its share links encode them. */
  | { readonly kind: 'playground'; readonly state: string }
  /** `exercise`: an author's exercise, encoded as /embed/custom/ reads it. */
  | { readonly kind: 'custom'; readonly exercise: string; readonly title: string };

/** What the author picks in the dialog; the rest of the options keep their defaults. */
export type SnippetOptions = Pick<EmbedOptions, 'panels' | 'theme' | 'readonly' | 'load'>;

/** A plain iframe has no script to size it: a height that fits an exercise on a laptop. */
export const IFRAME_HEIGHT = 720;

/** The widget's address on the site at `site` (an origin, or a base URL ending in /). */
export function embedUrl(site: string, target: EmbedTarget, options: Partial<EmbedOptions>): string {
  const base = site.endsWith('/') ? site : `${site}/`;
  const query = optionsQuery(options);
  switch (target.kind) {
    case 'exercise':
      return `${base}embed/exercise/${target.id}/${query}`;
    case 'playground':
      return `${base}embed/playground/${query}#s=${target.state}`;
    case 'custom':
      return `${base}embed/custom/${query}#${CUSTOM_KEY}=${target.exercise}`;
  }
}

/** The custom element for a course exercise or a playground (an author's own exercise is written as JSON). */
export function elementSnippet(
  site: string,
  target: Exclude<EmbedTarget, { kind: 'custom' }>,
  options: SnippetOptions,
): string {
  const base = site.endsWith('/') ? site : `${site}/`;
  const attributes: [string, string | true][] = [];
  if (target.kind === 'exercise') attributes.push(['exercise', target.id]);
  else attributes.push(['playground', true], ['state', target.state]);
  if (options.theme !== DEFAULT_OPTIONS.theme) attributes.push(['theme', options.theme]);
  const panels = options.panels.filter((panel) => panel !== 'editor');
  if (panels.length > 0) attributes.push(['panels', panels.join(',')]);
  if (options.readonly) attributes.push(['readonly', true]);
  if (options.load !== DEFAULT_OPTIONS.load) attributes.push(['load', options.load]);
  const written = attributes
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`))
    .join('');
  return `<script src="${base}embed.js" async></script>\n<minimal-containers-exercise${written}></minimal-containers-exercise>`;
}

export function iframeSnippet(site: string, target: EmbedTarget, options: SnippetOptions): string {
  const title = target.kind === 'playground' ? 'A Dockerfile to try' : `Exercise: ${target.title}`;
  return [
    `<iframe src="${escapeHtml(embedUrl(site, target, options))}"`,
    `  title="${escapeHtml(title)}"`,
    `  width="100%" height="${IFRAME_HEIGHT}" style="border:0" loading="lazy" allow="clipboard-write"></iframe>`,
  ].join('\n');
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

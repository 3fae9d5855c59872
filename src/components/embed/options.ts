/**
 * An embed's options, from its URL's query (the loader's attributes have the same names). The URL
 * is the author's, but whoever writes a link can write anything, so every value is checked and a
 * bad one falls back to its default with a problem to report. The zod schema in
 * src/content/schemas/embed.ts describes the same options for the docs; a test keeps them agreeing.
 */
import type { PanelId } from '../playground/BuildPanels.tsx';
import { THEMES, type Theme } from './protocol.ts';

export const EMBED_PANELS = ['editor', 'steps', 'explorer', 'compare', 'terminal'] as const;
export type EmbedPanel = (typeof EMBED_PANELS)[number];

export const LOAD_MODES = ['eager', 'click'] as const;
export type LoadMode = (typeof LOAD_MODES)[number];

export const MAX_ORIGINS = 16;
const WIDGET_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export interface EmbedOptions {
  /** In order; the editor is always shown, whether listed or not. */
  readonly panels: readonly EmbedPanel[];
  readonly theme: Theme;
  readonly readonly: boolean;
  readonly load: LoadMode;
  /** The origins whose commands the widget obeys and to which it posts events; null: any. */
  readonly origins: readonly string[] | null;
  /** The author's name for this widget, echoed in every event. */
  readonly id: string | null;
}

export const DEFAULT_OPTIONS: EmbedOptions = {
  panels: ['editor'],
  theme: 'auto',
  readonly: false,
  load: 'eager',
  origins: null,
  id: null,
};

export interface OptionsRead {
  readonly options: EmbedOptions;
  /** What was wrong with the query, for the author: each bad value was replaced by its default. */
  readonly problems: readonly string[];
}

export function readOptions(search: string): OptionsRead {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const one = (name: string) => params.get(name)?.trim();

  let panels = DEFAULT_OPTIONS.panels;
  const panelList = one('panels');
  if (panelList !== undefined) {
    const names = panelList
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    const known = names.filter((name): name is EmbedPanel =>
      (EMBED_PANELS as readonly string[]).includes(name),
    );
    for (const name of names)
      if (!known.includes(name as EmbedPanel)) problems.push(`unknown panel ${quote(name)}`);
    panels = ['editor', ...new Set(known.filter((name) => name !== 'editor'))];
  }

  const themeValue = one('theme');
  const theme = THEMES.find((candidate) => candidate === themeValue) ?? DEFAULT_OPTIONS.theme;
  if (themeValue !== undefined && themeValue !== theme) problems.push(`unknown theme ${quote(themeValue)}`);

  const readonlyValue = one('readonly');
  let readonly = DEFAULT_OPTIONS.readonly;
  if (readonlyValue !== undefined) {
    if (['', '1', 'true', 'yes'].includes(readonlyValue)) readonly = true;
    else if (['0', 'false', 'no'].includes(readonlyValue)) readonly = false;
    else problems.push(`readonly must be true or false, not ${quote(readonlyValue)}`);
  }

  const loadValue = one('load');
  const load = LOAD_MODES.find((candidate) => candidate === loadValue) ?? DEFAULT_OPTIONS.load;
  if (loadValue !== undefined && loadValue !== load) problems.push(`unknown load mode ${quote(loadValue)}`);

  let origins: string[] | null = null;
  const originList = one('origins');
  if (originList !== undefined) {
    origins = [];
    for (const entry of originList.split(/[\s,]+/).filter(Boolean)) {
      const origin = originOf(entry);
      if (origin && origins.length < MAX_ORIGINS) origins.push(origin);
      else
        problems.push(origin ? `more than ${MAX_ORIGINS} origins` : `not an http(s) origin: ${quote(entry)}`);
    }
  }

  const idValue = one('id');
  const id = idValue !== undefined && WIDGET_ID.test(idValue) ? idValue : null;
  if (idValue !== undefined && id === null)
    problems.push(`the widget id must be 1 to 64 of A-Z a-z 0-9 _ . : -`);

  return { options: { panels, theme, readonly, load, origins, id }, problems };
}

/** The query for these options, naming only what differs from the defaults. */
export function optionsQuery(options: Partial<EmbedOptions>): string {
  const params = new URLSearchParams();
  const panels = options.panels?.filter((panel) => panel !== 'editor') ?? [];
  if (panels.length > 0) params.set('panels', ['editor', ...panels].join(','));
  if (options.theme && options.theme !== DEFAULT_OPTIONS.theme) params.set('theme', options.theme);
  if (options.readonly) params.set('readonly', 'true');
  if (options.load && options.load !== DEFAULT_OPTIONS.load) params.set('load', options.load);
  if (options.origins && options.origins.length > 0) params.set('origins', options.origins.join(','));
  if (options.id) params.set('id', options.id);
  const query = params.toString().replaceAll('%2C', ',');
  return query ? `?${query}` : '';
}

/** The views of the build under the editor, as BuildPanels names them. */
export function buildViewsOf(panels: readonly EmbedPanel[]): PanelId[] {
  const views: Record<Exclude<EmbedPanel, 'editor'>, PanelId> = {
    steps: 'steps',
    explorer: 'layers',
    compare: 'compare',
    terminal: 'terminal',
  };
  return panels.flatMap((panel) => (panel === 'editor' ? [] : [views[panel]]));
}

/** `https://blog.example` from `https://blog.example` or `https://blog.example/`; nothing else. */
export function originOf(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  return url.origin === text.replace(/\/$/, '').toLowerCase() ? url.origin : undefined;
}

function quote(value: string): string {
  return JSON.stringify(value.slice(0, 60));
}

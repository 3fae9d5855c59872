/**
 * The loader script, served as /embed.js: defines <minimal-containers-exercise>, which puts a widget
 * in a frame, sizes the frame to its content, forwards the widget's events as DOM events on the
 * element (`mc:ready`, `mc:build`, `mc:goal`, `mc:complete`, `mc:error`, `mc:resize`) and offers the
 * commands as methods. It is bundled on its own (vite-plugins.ts), so it must stay small: it
 * imports only the protocol, the option names and the compressor.
 */
import { encodeJson } from '../playground/compressed-json.ts';
import {
  EMBED_PANELS,
  type EmbedOptions,
  type EmbedPanel,
  LOAD_MODES,
  optionsQuery,
  originOf,
} from './options.ts';
import {
  CUSTOM_KEY,
  commandMessage,
  type EmbedCommand,
  type EmbedEvent,
  readEvent,
  THEMES,
  type Theme,
} from './protocol.ts';

const TAG = 'minimal-containers-exercise';
const EXERCISE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** The frame's height before the widget reports its own, and the bounds it may ask for. */
const HEIGHTS = { initial: 420, min: 80, max: 20_000 } as const;

// The site that serves this script serves the widgets too.
const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src;
const SITE = new URL('.', scriptUrl ?? location.href).href;
const SITE_ORIGIN = new URL(SITE).origin;

/** What the frame should show, worked out from the element's attributes and content. */
async function frameUrl(element: HTMLElement): Promise<string> {
  const attribute = (name: string) => element.getAttribute(name) ?? undefined;
  const exercise = attribute('exercise');
  const options = optionsOf(element);
  const query = optionsQuery(options);
  if (exercise !== undefined) {
    if (!EXERCISE_ID.test(exercise)) throw new Error(`"${exercise.slice(0, 64)}" is not an exercise id`);
    return `${SITE}embed/exercise/${exercise}/${query}`;
  }
  const inline = inlineJson(element);
  if (element.hasAttribute('playground')) {
    const state = attribute('state');
    if (state !== undefined) return `${SITE}embed/playground/${query}#s=${encodeURIComponent(state)}`;
    const dockerfile = attribute('dockerfile');
    const files = isRecord(inline) && Array.isArray(inline.files) ? inline.files : [];
    const all = dockerfile === undefined ? files : [{ path: 'Dockerfile', content: dockerfile }, ...files];
    return `${SITE}embed/playground/${query}#s=${await encodeJson({ v: 1, files: all })}`;
  }
  const custom = { ...(isRecord(inline) ? inline : {}) };
  for (const [name, field] of [
    ['dockerfile', 'dockerfile'],
    ['heading', 'title'],
    ['summary', 'summary'],
  ] as const) {
    const value = attribute(name);
    if (value !== undefined) custom[field] = value;
  }
  const goals = attribute('goals');
  if (goals !== undefined) custom.goals = parseJson(goals, 'the goals attribute');
  if (custom.dockerfile === undefined) {
    throw new Error('give an exercise="…" id, a playground, or your own exercise (a dockerfile and goals)');
  }
  return `${SITE}embed/custom/${query}#${CUSTOM_KEY}=${await encodeJson({ v: 1, exercise: custom })}`;
}

function optionsOf(element: HTMLElement): Partial<EmbedOptions> {
  const attribute = (name: string) => element.getAttribute(name)?.trim();
  const panels = attribute('panels')
    ?.split(',')
    .map((name) => name.trim())
    .filter((name): name is EmbedPanel => (EMBED_PANELS as readonly string[]).includes(name));
  const theme = THEMES.find((candidate) => candidate === attribute('theme'));
  const load = LOAD_MODES.find((candidate) => candidate === attribute('load'));
  const readonly = element.hasAttribute('readonly') && attribute('readonly') !== 'false';
  // Commands are taken from this page's origin only, unless the author lists others.
  const listed = attribute('origins')
    ?.split(/[\s,]+/)
    .map(originOf)
    .filter((origin): origin is string => origin !== undefined);
  const own = originOf(location.origin);
  const origins = listed ?? (own ? [own] : undefined);
  const id = attribute('widget-id') ?? (element.id || undefined);
  return {
    ...(panels ? { panels } : {}),
    ...(theme ? { theme } : {}),
    ...(load ? { load } : {}),
    readonly,
    ...(origins ? { origins } : {}),
    ...(id ? { id } : {}),
  };
}

/** The JSON in the element's `<script type="application/json">`, if it has one. */
function inlineJson(element: HTMLElement): unknown {
  const script = element.querySelector(':scope > script[type="application/json"]');
  return script?.textContent ? parseJson(script.textContent, 'the JSON inside the element') : undefined;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${what} is not valid JSON`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class MinimalContainersExercise extends HTMLElement {
  static observedAttributes = ['theme'];
  #frame: HTMLIFrameElement | undefined;
  #ready = false;
  /** Commands given before the widget was ready: sent when it is. */
  #queue: EmbedCommand[] = [];
  #listening = false;

  /** Whether the widget has started and takes commands. */
  get ready(): boolean {
    return this.#ready;
  }

  setDockerfile(dockerfile: string): void {
    this.#send({ type: 'setDockerfile', dockerfile: String(dockerfile) });
  }

  reset(): void {
    this.#send({ type: 'reset' });
  }

  setTheme(theme: Theme): void {
    if (THEMES.includes(theme)) this.#send({ type: 'setTheme', theme });
  }

  connectedCallback(): void {
    if (!this.#listening) {
      addEventListener('message', this.#onMessage);
      this.#listening = true;
    }
    if (this.#frame) return;
    const frame = document.createElement('iframe');
    this.#frame = frame;
    frame.title = this.getAttribute('label') ?? 'Minimal Containers: a Dockerfile exercise';
    frame.loading = this.getAttribute('loading') === 'lazy' ? 'lazy' : 'eager';
    frame.allow = 'clipboard-write';
    frame.style.cssText = `display:block;width:100%;border:0;height:${Number(this.getAttribute('height')) || HEIGHTS.initial}px`;
    frameUrl(this).then(
      (url) => {
        frame.src = url;
        this.replaceChildren(frame);
      },
      (error: unknown) => {
        this.#frame = undefined;
        const message = `Minimal Containers: ${error instanceof Error ? error.message : String(error)}`;
        const note = document.createElement('p');
        note.textContent = message;
        note.setAttribute('role', 'alert');
        this.replaceChildren(note);
        this.dispatchEvent(new CustomEvent('mc:error', { detail: { code: 'invalid-exercise', message } }));
      },
    );
  }

  disconnectedCallback(): void {
    removeEventListener('message', this.#onMessage);
    this.#listening = false;
  }

  attributeChangedCallback(name: string, before: string | null, after: string | null): void {
    const theme = THEMES.find((candidate) => candidate === after);
    if (name === 'theme' && before !== after && theme && this.#frame) this.setTheme(theme);
  }

  #send(command: EmbedCommand): void {
    const target = this.#frame?.contentWindow;
    if (!this.#ready || !target) this.#queue.push(command);
    else target.postMessage(commandMessage(command), SITE_ORIGIN);
  }

  #onMessage = (event: MessageEvent): void => {
    if (!this.#frame || event.source !== this.#frame.contentWindow || event.origin !== SITE_ORIGIN) return;
    const message = readEvent(event.data);
    if (!message) return;
    if (message.type === 'resize') {
      const height = Math.min(HEIGHTS.max, Math.max(HEIGHTS.min, Math.ceil(message.height)));
      this.#frame.style.height = `${height}px`;
    }
    if (message.type === 'ready') {
      this.#ready = true;
      for (const command of this.#queue.splice(0)) this.#send(command);
    }
    this.dispatchEvent(new CustomEvent<EmbedEvent>(`mc:${message.type}`, { detail: message }));
  };
}

if (!customElements.get(TAG)) customElements.define(TAG, MinimalContainersExercise);

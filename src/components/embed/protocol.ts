/**
 * The embed's postMessage API, version 1: the events a widget posts to the page that embeds it and
 * the commands it takes from that page. The loader script (embed.js) and the widget both use this
 * file, so it stays free of imports; docs/embed.md documents it, and a test holds the two together.
 *
 * Every message is a plain object with `protocol: 'minimal-containers'` and `version: 1`; events
 * also carry the `widget` id the author gave (or null). Anything else arriving is not ours and is
 * ignored; a message of ours that is malformed is answered with an `error` event.
 */

export const PROTOCOL = 'minimal-containers';
export const PROTOCOL_VERSION = 1;

/** The fragment key of an author's exercise in a URL: `/embed/custom/#e=…`. */
export const CUSTOM_KEY = 'e';

export const THEMES = ['light', 'dark', 'auto'] as const;
export type Theme = (typeof THEMES)[number];

/** The largest Dockerfile a command may carry: the exercise schema's limit for one file. */
export const MAX_COMMAND_DOCKERFILE = 64 * 1024;

export const EVENT_TYPES = ['ready', 'resize', 'build', 'goal', 'complete', 'error'] as const;
export const COMMAND_TYPES = ['setDockerfile', 'reset', 'setTheme'] as const;
export const ERROR_CODES = [
  'unsupported-version',
  'unknown-command',
  'invalid-command',
  'origin-not-allowed',
  'not-ready',
  'invalid-exercise',
  'invalid-option',
] as const;
export type EmbedErrorCode = (typeof ERROR_CODES)[number];

export interface FindingCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

/** How sure a result is: the simulator's own data (known), a model or stand-in, or no data. */
export type CertaintyLevel = 'known' | 'estimated' | 'unknown';

export interface EventCertainty {
  readonly level: CertaintyLevel;
  /** The gaps of the reader's own Dockerfile, in the simulator's words ("line 3: …"). */
  readonly reasons: readonly string[];
}

/** What a widget tells its host, without the envelope. */
export type EmbedEventBody =
  | {
      readonly type: 'ready';
      readonly mode: 'exercise' | 'playground';
      /** The exercise's id (`custom-…` for an author's own), null for a playground. */
      readonly exercise: string | null;
      readonly goals: number;
    }
  | { readonly type: 'resize'; readonly height: number }
  | {
      readonly type: 'build';
      readonly built: boolean;
      readonly imageBytes: number | null;
      readonly starts: boolean | null;
      readonly diagnostics: FindingCounts;
      readonly passing: number;
      readonly total: number;
      /** How sure the build's outcome is, with the reasons in the simulator's words. */
      readonly certainty: EventCertainty;
    }
  | {
      readonly type: 'goal';
      readonly index: number;
      readonly kind: string;
      readonly text: string;
      readonly pass: boolean;
      readonly detail: string;
      /** As the goal's badge shows it: estimated or unknown when its verdict rests on a gap. */
      readonly certainty: CertaintyLevel;
    }
  | {
      readonly type: 'complete';
      readonly imageBytes: number | null;
      readonly passing: number;
      readonly total: number;
      /** known, or estimated when a goal was met on the simulator's estimates (never unknown). */
      readonly certainty: EventCertainty;
    }
  | { readonly type: 'error'; readonly code: EmbedErrorCode; readonly message: string };

export type EmbedEvent = {
  readonly protocol: typeof PROTOCOL;
  readonly version: typeof PROTOCOL_VERSION;
  readonly widget: string | null;
} & EmbedEventBody;

export type EmbedCommand =
  | { readonly type: 'setDockerfile'; readonly dockerfile: string }
  | { readonly type: 'reset' }
  | { readonly type: 'setTheme'; readonly theme: Theme };

export type CommandRead =
  | { readonly ok: true; readonly command: EmbedCommand }
  | { readonly ok: false; readonly code: EmbedErrorCode; readonly message: string };

export function eventMessage(widget: string | null, body: EmbedEventBody): EmbedEvent {
  return { protocol: PROTOCOL, version: PROTOCOL_VERSION, widget, ...body };
}

export function commandMessage(command: EmbedCommand) {
  return { protocol: PROTOCOL, version: PROTOCOL_VERSION, ...command };
}

/**
 * A command from a message's data, rebuilt field by field; undefined when the message is not for
 * us at all (other scripts on a page post messages too).
 */
export function readCommand(data: unknown): CommandRead | undefined {
  if (!isRecord(data) || data.protocol !== PROTOCOL) return undefined;
  if (data.version !== PROTOCOL_VERSION) {
    return refuse('unsupported-version', `this widget speaks version ${PROTOCOL_VERSION} of the protocol`);
  }
  switch (data.type) {
    case 'setDockerfile': {
      const { dockerfile } = data;
      if (typeof dockerfile !== 'string')
        return refuse('invalid-command', 'setDockerfile needs a dockerfile string');
      if (dockerfile.length > MAX_COMMAND_DOCKERFILE) {
        return refuse(
          'invalid-command',
          `the Dockerfile is longer than ${MAX_COMMAND_DOCKERFILE / 1024} KiB`,
        );
      }
      return { ok: true, command: { type: 'setDockerfile', dockerfile } };
    }
    case 'reset':
      return { ok: true, command: { type: 'reset' } };
    case 'setTheme': {
      const theme = THEMES.find((candidate) => candidate === data.theme);
      if (!theme) return refuse('invalid-command', `setTheme needs a theme: ${THEMES.join(', ')}`);
      return { ok: true, command: { type: 'setTheme', theme } };
    }
    default:
      return refuse(
        'unknown-command',
        `unknown command ${describe(data.type)}; known: ${COMMAND_TYPES.join(', ')}`,
      );
  }
}

/** An event from a message's data, for the loader: undefined unless it is a well-formed one of ours. */
export function readEvent(data: unknown): EmbedEvent | undefined {
  if (!isRecord(data) || data.protocol !== PROTOCOL || data.version !== PROTOCOL_VERSION) return undefined;
  if (!EVENT_TYPES.includes(data.type as EmbedEvent['type'])) return undefined;
  if (data.type === 'resize' && !(typeof data.height === 'number' && Number.isFinite(data.height)))
    return undefined;
  return data as EmbedEvent;
}

/** A value named in a message, short and inert, for an error message. */
function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : `of type ${typeof value}`;
}

function refuse(code: EmbedErrorCode, message: string): CommandRead {
  return { ok: false, code, message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What a lesson asks of its lab: open a Dockerfile with its build context, or run a command in the
 * terminal. Requests come from buttons in the lesson's static HTML; their payload is JSON in a
 * script element next to the button, read and checked here before anything uses it.
 */

export interface LabFile {
  readonly path: string;
  readonly content: string;
}

export interface LabSource {
  /** The lesson's scenario id (`go-single`): the lab tags its image with it, for the lesson's commands. */
  readonly scenario?: string;
  readonly title: string;
  readonly dockerfile: string;
  readonly files: readonly LabFile[];
}

export type LabRequest =
  | { readonly kind: 'load'; readonly source: LabSource }
  | { readonly kind: 'run'; readonly command: string; readonly source?: LabSource };

/** Reads the payload a `<Dockerfile>` block carries; undefined if it is missing or malformed. */
export function sourceFromPayload(text: string | null | undefined): LabSource | undefined {
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { scenario, title, dockerfile, files } = value as Record<string, unknown>;
  if (typeof title !== 'string' || typeof dockerfile !== 'string') return undefined;
  if (typeof files !== 'object' || files === null) return undefined;
  const list = Object.entries(files as Record<string, unknown>)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([path, content]) => ({ path, content }));
  // The scenario becomes an image name: only what `docker build -t` accepts.
  const named = typeof scenario === 'string' && /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(scenario);
  return { ...(named ? { scenario } : {}), title, dockerfile, files: list };
}

/** The lesson's buttons that talk to the lab. */
export const LAB_BUTTONS = '[data-lab-load], [data-lab-run]';
/** Set on `<html>` once the lab's loader listens for its buttons. */
export const READY_ATTRIBUTE = 'data-lab-ready';
/** Marks a button clicked before that (early-clicks.ts); the loader answers it when it starts. */
export const PENDING_ATTRIBUTE = 'data-lab-pending';

/** The request a click on a lesson's button makes, from the button and the block around it. */
export function requestFrom(button: Element): LabRequest | undefined {
  const block = button.closest('[data-lab-source]');
  const source = sourceFromPayload(block?.querySelector('script[data-lab-payload]')?.textContent);
  if (button.hasAttribute('data-lab-load')) return source ? { kind: 'load', source } : undefined;
  const command = button.getAttribute('data-lab-run');
  if (!command) return undefined;
  return source ? { kind: 'run', command, source } : { kind: 'run', command };
}

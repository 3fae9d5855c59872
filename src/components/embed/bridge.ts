/**
 * The widget's side of the postMessage API: events out to the embedding page, commands in from it.
 * A command counts only if it comes from the parent frame, from an allowed origin (when the author
 * set any), and reads as a well-formed command; whatever it carries only ever changes this widget.
 */
import {
  type EmbedCommand,
  type EmbedErrorCode,
  type EmbedEventBody,
  eventMessage,
  readCommand,
} from './protocol.ts';

export interface Bridge {
  post(body: EmbedEventBody): void;
  /** Who acts on commands; until one is set, commands are answered `not-ready`. */
  setHandler(handler: ((command: EmbedCommand) => void) | undefined): void;
}

export interface BridgeOptions {
  readonly widget: string | null;
  readonly origins: readonly string[] | null;
}

export function createBridge(options: BridgeOptions, frame: Window = window): Bridge {
  const parent = frame.parent;
  const framed = parent !== frame;
  let handler: ((command: EmbedCommand) => void) | undefined;

  const postTo = (body: EmbedEventBody, targets: readonly string[]) => {
    if (!framed) return;
    const message = eventMessage(options.widget, body);
    for (const target of targets) parent.postMessage(message, target);
  };
  // Events go only to the allowed origins, when there are any: postMessage drops the others.
  const post = (body: EmbedEventBody) => postTo(body, options.origins ?? ['*']);

  frame.addEventListener('message', (event: MessageEvent) => {
    if (!framed || event.source !== parent) return;
    const read = readCommand(event.data);
    if (!read) return;
    // An opaque origin ("null": a sandboxed or file: page) cannot be named as a target.
    const replyTo = [event.origin === 'null' ? '*' : event.origin];
    const refuse = (code: EmbedErrorCode, message: string) =>
      postTo({ type: 'error', code, message }, replyTo);
    if (options.origins && !options.origins.includes(event.origin)) {
      refuse(
        'origin-not-allowed',
        `${event.origin} is not among the origins this widget takes commands from`,
      );
    } else if (!read.ok) refuse(read.code, read.message);
    else if (!handler) refuse('not-ready', 'the widget has not started yet: wait for its ready event');
    else handler(read.command);
  });

  return {
    post,
    setHandler: (next) => {
      handler = next;
    },
  };
}

/** Posts the body's height whenever it changes, for the loader to size the frame (auto-height). */
export function reportHeight(bridge: Bridge, body: HTMLElement = document.body): void {
  let last = -1;
  const measure = () => {
    const height = Math.ceil(body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    bridge.post({ type: 'resize', height });
  };
  new ResizeObserver(measure).observe(body);
  measure();
}

/**
 * A cap on what a live stream may hold unsent. The Node adapter writes a stream's events to the
 * socket without waiting for the client to read them, so a dashboard that stops reading (a laptop
 * asleep, a stalled proxy) would make the server keep every event for it, about 0.4 MB a second in
 * a busy workshop. Past the cap the connection is closed: the client reconnects and its stream
 * starts again from a fresh snapshot, so it loses nothing but the backlog.
 */
import type { ServerResponse } from 'node:http';

/** Far above one event or a dashboard's first snapshot; far below what hurts the server. */
export const MAX_STREAM_BACKLOG = 4 * 1024 * 1024;

/** The paths of the live streams: a participant's and the instructor's. */
export function isStreamPath(path: string): boolean {
  return /^\/api\/workshops\/[^/]+\/(events|dashboard)\/?$/.test(path);
}

/**
 * Closes `response` when a write finds more than `maxBytes` still waiting from earlier writes,
 * and calls `onDrop` with what was waiting.
 */
export function limitBacklog(
  response: ServerResponse,
  maxBytes: number,
  onDrop: (waitingBytes: number) => void,
): void {
  const write = response.write.bind(response) as (...args: unknown[]) => boolean;
  response.write = ((...args: unknown[]) => {
    const waiting = response.writableLength;
    if (waiting > maxBytes) {
      if (!response.destroyed) {
        onDrop(waiting);
        response.destroy();
      }
      return false;
    }
    return write(...args);
  }) as ServerResponse['write'];
}

/**
 * Which state the playground opens with: a shared link wins, then what was stored on this device,
 * then the default example. A link that does not decode says why and opens the default example.
 */
import { decodeState, encodedStateIn } from './share-link.ts';
import type { PlaygroundState } from './state.ts';
import { loadStoredState } from './storage.ts';

export type Notice = {
  readonly kind: 'info' | 'error';
  readonly text: string;
  /** Puts back what the action replaced (loading an example, importing a zip). */
  readonly undo?: () => void;
};

export interface Restored {
  readonly state: PlaygroundState;
  /** Where the state came from. */
  readonly source: 'link' | 'storage' | 'default';
  readonly notice?: Notice;
}

export async function restoreState(
  hash: string,
  fallback: { readonly state: PlaygroundState; readonly title: string },
  storage?: Storage,
): Promise<Restored> {
  const encoded = encodedStateIn(hash);
  if (encoded !== undefined) {
    const decoded = await decodeState(encoded);
    if (decoded.ok) {
      return {
        state: decoded.state,
        source: 'link',
        notice: { kind: 'info', text: 'Opened the files from the shared link.' },
      };
    }
    return {
      state: fallback.state,
      source: 'default',
      notice: {
        kind: 'error',
        text: `This link could not be opened: ${decoded.message}. Showing the example “${fallback.title}” instead.`,
      },
    };
  }
  const stored = loadStoredState(storage);
  return stored ? { state: stored, source: 'storage' } : { state: fallback.state, source: 'default' };
}

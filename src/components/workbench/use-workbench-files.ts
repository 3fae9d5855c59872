/**
 * The files an editing page holds: the state, the newest state without waiting for a render, and
 * one `apply` for every change. A wholesale replacement remounts the editor and clears the step
 * on show; a change of the files is handed to `onFiles` (to build them), any change to `onChange`.
 */
import { useRef, useState } from 'preact/hooks';
import type { PlaygroundState } from '../playground/state.ts';
import type { BuildSession } from './use-build-session.ts';

export interface WorkbenchFiles {
  readonly state: PlaygroundState;
  /** Bumped on every wholesale replacement: the editor's key. */
  readonly generation: number;
  /** The newest state, also between a change and the render it causes. */
  readonly current: () => PlaygroundState;
  apply(change: (state: PlaygroundState) => PlaygroundState, options?: { readonly replace?: boolean }): void;
}

export function useWorkbenchFiles(
  initial: () => PlaygroundState,
  session: BuildSession,
  handlers: {
    readonly onFiles: (next: PlaygroundState) => void;
    readonly onChange?: (next: PlaygroundState, previous: PlaygroundState) => void;
  },
): WorkbenchFiles {
  const [state, setState] = useState(initial);
  const [generation, setGeneration] = useState(0);
  const current = useRef(state);
  const latest = useRef(handlers);
  latest.current = handlers;
  return {
    state,
    generation,
    current: () => current.current,
    apply(change, options = {}) {
      const previous = current.current;
      const next = change(previous);
      current.current = next;
      setState(next);
      if (options.replace) {
        setGeneration((value) => value + 1);
        session.showStep(null);
      }
      if (next.files !== previous.files) latest.current.onFiles(next);
      latest.current.onChange?.(next, previous);
    },
  };
}

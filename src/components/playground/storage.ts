/** Keeps the playground across reloads in localStorage, which may be missing, full or disabled. */
import { checkState, type PlaygroundState } from './state.ts';

const KEY = 'mc-playground';

/** The stored state, or undefined when there is none, it cannot be read, or it no longer checks out. */
export function loadStoredState(
  storage: Storage | undefined = safeLocalStorage(),
): PlaygroundState | undefined {
  try {
    const text = storage?.getItem(KEY);
    if (!text) return undefined;
    const checked = checkState(JSON.parse(text));
    return checked.ok ? checked.state : undefined;
  } catch {
    return undefined;
  }
}

/** Stores the state; false when storage refused it (disabled, or over quota). */
export function storeState(
  state: PlaygroundState,
  storage: Storage | undefined = safeLocalStorage(),
): boolean {
  try {
    storage?.setItem(KEY, JSON.stringify(state));
    return storage !== undefined;
  } catch {
    return false;
  }
}

/** Reading `localStorage` itself throws where storage is blocked (sandboxed frames, some privacy modes). */
function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

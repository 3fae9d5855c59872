/** Which state the playground opens with: link, then storage, then the default; a bad link says so. */
import { describe, expect, it } from 'vitest';
import { restoreState } from '../../../src/components/playground/restore.ts';
import { encodeState } from '../../../src/components/playground/share-link.ts';
import type { PlaygroundState } from '../../../src/components/playground/state.ts';
import { loadStoredState, storeState } from '../../../src/components/playground/storage.ts';

const fallback = {
  state: { files: [{ path: 'Dockerfile', content: 'FROM python:3.9\n' }], active: 'Dockerfile' },
  title: 'Python',
};
const shared: PlaygroundState = {
  files: [{ path: 'Dockerfile', content: 'FROM scratch\n' }],
  active: 'Dockerfile',
};
const stored: PlaygroundState = {
  files: [{ path: 'Dockerfile', content: 'FROM golang:1\n' }],
  active: 'Dockerfile',
};

/** An in-memory Storage, optionally one that refuses every call as blocked storage does. */
function memoryStorage(blocked = false): Storage {
  const items = new Map<string, string>();
  const guard = () => {
    if (blocked) throw new DOMException('The operation is insecure.', 'SecurityError');
  };
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => {
      guard();
      return items.get(key) ?? null;
    },
    setItem: (key, value) => {
      guard();
      items.set(key, value);
    },
    removeItem: (key) => items.delete(key),
  };
}

describe('restoreState', () => {
  it('opens a shared link over what is stored', async () => {
    const storage = memoryStorage();
    storeState(stored, storage);
    const restored = await restoreState(`#s=${await encodeState(shared)}`, fallback, storage);
    expect(restored).toMatchObject({ state: shared, source: 'link', notice: { kind: 'info' } });
  });

  it('falls back to the default example, and says why, when the link is bad', async () => {
    const storage = memoryStorage();
    storeState(stored, storage);
    const restored = await restoreState('#s=AAAA', fallback, storage);
    expect(restored.state).toBe(fallback.state);
    expect(restored.source).toBe('default');
    expect(restored.notice).toEqual({
      kind: 'error',
      text: 'This link could not be opened: it is damaged (it does not unpack). Showing the example “Python” instead.',
    });
  });

  it('opens what was stored when there is no link', async () => {
    const storage = memoryStorage();
    storeState(stored, storage);
    await expect(restoreState('', fallback, storage)).resolves.toEqual({ state: stored, source: 'storage' });
  });

  it('opens the default when storage is empty, damaged or blocked', async () => {
    const damaged = memoryStorage();
    damaged.setItem('mc-playground', '{"files": "nope"');
    for (const storage of [memoryStorage(), damaged, memoryStorage(true)]) {
      await expect(restoreState('#intro', fallback, storage)).resolves.toEqual({
        state: fallback.state,
        source: 'default',
      });
    }
  });
});

describe('storage', () => {
  it('round-trips a state and reports a store that storage refused', () => {
    const storage = memoryStorage();
    expect(storeState(stored, storage)).toBe(true);
    expect(loadStoredState(storage)).toEqual(stored);
    expect(storeState(stored, memoryStorage(true))).toBe(false);
  });

  it('ignores a stored state that no longer passes the checks', () => {
    const storage = memoryStorage();
    storage.setItem('mc-playground', JSON.stringify({ files: [{ path: '../x', content: '' }] }));
    expect(loadStoredState(storage)).toBeUndefined();
  });
});

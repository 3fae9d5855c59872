import { describe, expect, it } from 'vitest';
import {
  emptyProgress,
  exportProgress,
  importProgress,
  loadProgress,
  markLessonRead,
  ProgressFileError,
  recordSolved,
  saveProgress,
  updateExercise,
} from '../../../src/components/progress/progress.ts';

const T1 = '2026-11-26T10:00:00.000Z';
const T2 = '2026-11-26T11:00:00.000Z';

class MemoryStorage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe('progress', () => {
  it('keeps the first read time of a lesson', () => {
    const once = markLessonRead(emptyProgress(), 'why-small-images', T1);
    expect(markLessonRead(once, 'why-small-images', T2).lessons['why-small-images']?.readAt).toBe(T1);
  });

  it('keeps the first solve time and the smallest passing size', () => {
    let progress = recordSolved(emptyProgress(), 'go-under-10mb', 5_800_000, T1);
    progress = recordSolved(progress, 'go-under-10mb', 7_000_000, T2);
    expect(progress.exercises['go-under-10mb']).toMatchObject({
      solvedAt: T1,
      bestSize: 5_800_000,
      updatedAt: T2,
    });
    progress = recordSolved(progress, 'go-under-10mb', 5_000_000, T2);
    expect(progress.exercises['go-under-10mb']?.bestSize).toBe(5_000_000);
  });

  it('round-trips through an exported file', () => {
    let progress = markLessonRead(emptyProgress(), 'layer-caching', T1);
    progress = updateExercise(
      progress,
      'cache-friendly-order',
      { dockerfile: 'FROM scratch\n', hintsShown: 2 },
      T1,
    );
    expect(importProgress(exportProgress(progress))).toEqual(progress);
  });

  it('refuses files that are not progress, with a reason', () => {
    expect(() => importProgress('not json')).toThrow(new ProgressFileError('the file is not JSON'));
    expect(() => importProgress('{"version":2}')).toThrow(/not a Minimal Containers progress file/);
    expect(() => importProgress(' '.repeat(3 * 1024 * 1024))).toThrow(/larger than 2 MB/);
  });

  it('drops hostile or malformed entries and keeps the rest', () => {
    const text = JSON.stringify({
      version: 1,
      lessons: { '<script>': { readAt: T1 }, 'go-from-scratch': { readAt: T1 }, bad: { readAt: 3 } },
      exercises: {
        'go-under-10mb': { updatedAt: T1, bestSize: 'big' },
        'smallest-go-image': { updatedAt: T1, bestSize: 5, files: [{ path: 'a', content: 'b', extra: 1 }] },
        __proto__: { updatedAt: T1 },
      },
    });
    const progress = importProgress(text);
    expect(Object.keys(progress.lessons)).toEqual(['go-from-scratch']);
    expect(progress.exercises).toEqual({
      'smallest-go-image': { updatedAt: T1, bestSize: 5, files: [{ path: 'a', content: 'b' }] },
    });
  });

  it('saves to and loads from storage, and survives a corrupt entry', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const progress = markLessonRead(emptyProgress(), 'challenges', T1);
    expect(saveProgress(progress, storage)).toBe(true);
    expect(loadProgress(storage)).toEqual(progress);
    storage.setItem('mc:progress:v1', '{broken');
    expect(loadProgress(storage)).toEqual(emptyProgress());
    expect(loadProgress(null)).toEqual(emptyProgress());
  });

  it('keeps an embed’s progress under its own key, apart from the site’s', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const site = markLessonRead(emptyProgress(), 'challenges', T1);
    const embed = recordSolved(emptyProgress(), 'go-under-10mb', 5_000_000, T1);
    expect(saveProgress(site, storage)).toBe(true);
    expect(saveProgress(embed, storage, 'mc:embed:v1:go-under-10mb')).toBe(true);
    expect(loadProgress(storage)).toEqual(site);
    expect(loadProgress(storage, 'mc:embed:v1:go-under-10mb')).toEqual(embed);
  });
});

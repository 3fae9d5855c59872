import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  readInstructorKey,
  rememberedWorkshops,
  rememberWorkshop,
  writeInstructorKey,
} from '../../../src/components/workshop/session.ts';
import { MemoryStorage } from './memory-storage.ts';

describe("this browser's workshops", () => {
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
    vi.stubGlobal('localStorage', storage);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists every workshop it holds a key for, newest first, with title and creation time', () => {
    writeInstructorKey('KM7TX4', 'key-1');
    rememberWorkshop('KM7TX4', 'Tuesday', 1000);
    writeInstructorKey('ACDEFG', 'key-2');
    rememberWorkshop('ACDEFG', 'Wednesday', 2000);
    // A key kept before titles were: listed by its code alone, after the dated ones.
    writeInstructorKey('HJKMNP', 'key-3');
    storage.setItem('mc-workshop', '{"code":"QRTWXY","token":"t"}');
    expect(rememberedWorkshops()).toEqual([
      { code: 'ACDEFG', title: 'Wednesday', createdAt: 2000 },
      { code: 'KM7TX4', title: 'Tuesday', createdAt: 1000 },
      { code: 'HJKMNP', title: null, createdAt: null },
    ]);
  });

  it('forgets the title with the key, and survives what it did not write', () => {
    writeInstructorKey('KM7TX4', 'key-1');
    rememberWorkshop('KM7TX4', 'Tuesday', 1000);
    writeInstructorKey('KM7TX4', null);
    expect(readInstructorKey('KM7TX4')).toBeNull();
    expect(storage.getItem('mc-workshop-about:KM7TX4')).toBeNull();
    expect(rememberedWorkshops()).toEqual([]);
    writeInstructorKey('ACDEFG', 'key-2');
    storage.setItem('mc-workshop-about:ACDEFG', '{not json');
    expect(rememberedWorkshops()).toEqual([{ code: 'ACDEFG', title: null, createdAt: null }]);
  });

  it('lists nothing, without throwing, where storage is refused', () => {
    vi.stubGlobal('localStorage', undefined);
    expect(rememberedWorkshops()).toEqual([]);
    storage.refuseWrites = true;
    vi.stubGlobal('localStorage', storage);
    expect(() => rememberWorkshop('KM7TX4', 'T', 1)).not.toThrow();
  });
});

import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { filesToZip, MAX_ZIP_BYTES, zipToFiles } from '../../../src/components/playground/zip-files.ts';

const state = {
  files: [
    { path: 'Dockerfile', content: 'FROM scratch\n' },
    { path: 'src/example.py', content: 'print("hi")\n' },
  ],
  active: 'Dockerfile',
};

describe('zip export and import', () => {
  it('round-trips the files', () => {
    expect(zipToFiles(filesToZip(state))).toEqual({ ok: true, state });
  });

  it('takes off the folder a zipped directory puts everything under', () => {
    const zip = zipSync({ 'app/Dockerfile': strToU8('FROM scratch\n'), 'app/go.mod': strToU8('module x\n') });
    const result = zipToFiles(zip);
    expect(result.ok && result.state.files.map((file) => file.path)).toEqual(['Dockerfile', 'go.mod']);
  });

  it('refuses names that leave the context, binaries, non-zips and archives without a Dockerfile', () => {
    const outside = zipSync({ Dockerfile: strToU8('FROM scratch'), '../etc/passwd': strToU8('x') });
    expect(zipToFiles(outside)).toMatchObject({ ok: false, message: expect.stringContaining('..') });
    const binary = zipSync({ Dockerfile: strToU8('FROM scratch'), app: new Uint8Array([0xff, 0xfe, 0x00]) });
    expect(zipToFiles(binary)).toEqual({ ok: false, message: 'app is not a text file' });
    expect(zipToFiles(strToU8('not a zip'))).toEqual({
      ok: false,
      message: 'it is not a zip archive that can be read',
    });
    expect(zipToFiles(zipSync({ 'main.go': strToU8('package main') }))).toEqual({
      ok: false,
      message: 'it has no Dockerfile',
    });
  });

  it('refuses a zip bomb from its declared sizes, before inflating it', () => {
    const bomb = zipSync(
      { Dockerfile: strToU8('FROM scratch'), big: new Uint8Array(5 * 1024 * 1024) },
      { level: 9 },
    );
    expect(bomb.length).toBeLessThan(MAX_ZIP_BYTES);
    expect(zipToFiles(bomb)).toMatchObject({ ok: false, message: expect.stringContaining('KiB of text') });
    const many = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`f${i}`, strToU8('x')]));
    expect(zipToFiles(zipSync({ Dockerfile: strToU8('FROM scratch'), ...many }))).toMatchObject({
      ok: false,
    });
  });
});

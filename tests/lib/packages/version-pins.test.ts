/** apt's and apk's version constraints, read as the tools read them. */
import { describe, expect, it } from 'vitest';
import {
  apkVersionMatches,
  aptVersionMatches,
  parseApkRequest,
  parseAptRequest,
} from '../../../src/lib/packages/version-pins.ts';

describe('version pins', () => {
  it('reads apt requests: name=version (epochs, globs) and name/release', () => {
    expect(parseAptRequest('git=1:2.39.5-0+deb12u2')).toMatchObject({
      name: 'git',
      version: '1:2.39.5-0+deb12u2',
    });
    expect(parseAptRequest('curl/bookworm-backports')).toMatchObject({
      name: 'curl',
      release: 'bookworm-backports',
    });
    expect(parseAptRequest('./local.deb')).toEqual({ text: './local.deb', name: './local.deb' });
    expect(parseAptRequest('curl')).toEqual({ text: 'curl', name: 'curl' });
  });

  it("matches apt's version globs", () => {
    expect(aptVersionMatches('7.88.1-10+deb12u15', '7.88.1-10+deb12u15')).toBe(true);
    expect(aptVersionMatches('7.88.1-10+deb12u15', '7.88.1*')).toBe(true);
    expect(aptVersionMatches('1:2.39.5-0+deb12u2', '1:2.39.*')).toBe(true);
    expect(aptVersionMatches('7.88.1-10+deb12u15', '7.88.1-10+deb12u14')).toBe(false);
    expect(aptVersionMatches('7.88.1-10+deb12u15', '7.8*')).toBe(true);
    expect(aptVersionMatches('7.88.1', '7.8')).toBe(false);
  });

  it('reads apk constraints', () => {
    expect(parseApkRequest('curl~8.14')).toMatchObject({ name: 'curl', operator: '~', version: '8.14' });
    expect(parseApkRequest('curl>=8')).toMatchObject({ name: 'curl', operator: '>=', version: '8' });
    expect(parseApkRequest('flex=2.6.4-r1')).toMatchObject({
      name: 'flex',
      operator: '=',
      version: '2.6.4-r1',
    });
    expect(parseApkRequest('curl')).toEqual({ text: 'curl', name: 'curl' });
  });

  it("matches apk's fuzzy and ordered constraints, and says when it cannot tell", () => {
    expect(apkVersionMatches('8.14.1-r2', '~', '8.14')).toBe(true);
    expect(apkVersionMatches('8.14.1-r2', '~', '8.1')).toBe(false);
    expect(apkVersionMatches('8.14.1-r2', '=', '8.14.1-r2')).toBe(true);
    expect(apkVersionMatches('8.14.1-r2', '=', '8.14.1-r1')).toBe(false);
    expect(apkVersionMatches('8.14.1-r2', '>=', '8.9')).toBe(true);
    expect(apkVersionMatches('8.14.1-r2', '<', '8.9')).toBe(false);
    expect(apkVersionMatches('8.14.1-r2', '>', '8.14.1-r1')).toBe(true);
    expect(apkVersionMatches('1.2_rc1-r0', '>', '1.1')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { utf8Bytes } from '../../src/workshop/protocol.ts';
import { actionBody, joinBody, progressEntry, sitePath } from '../../src/workshop/request-schemas.ts';

describe('the workshop protocol', () => {
  it('counts UTF-8 bytes as the wire does', () => {
    for (const text of ['', 'FROM scratch', 'é', '€', '😀', 'a\u{10ffff}b', '\ud800'])
      expect(utf8Bytes(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });

  it('accepts only paths on this site as follow-me targets', () => {
    for (const path of ['/', '/lessons/multi-stage/#the-final-stage', '/playground/?x=1'])
      expect(sitePath.safeParse(path).success, path).toBe(true);
    for (const path of [
      '//evil.example',
      '/\\evil',
      'https://x',
      'javascript:alert(1)',
      'lessons/',
      '/a b',
      '/<x>',
    ])
      expect(sitePath.safeParse(path).success, path).toBe(false);
  });

  it('trims names, and refuses empty ones and control or direction-override characters', () => {
    expect(joinBody.parse({ name: '  Ada  ', leaderboardName: null })).toEqual({
      name: 'Ada',
      leaderboardName: null,
    });
    expect(joinBody.safeParse({ name: '   ', leaderboardName: null }).success).toBe(false);
    expect(joinBody.safeParse({ name: 'a\u0007', leaderboardName: null }).success).toBe(false);
    expect(joinBody.safeParse({ name: 'a\u202Eb', leaderboardName: null }).success).toBe(false);
    expect(joinBody.safeParse({ name: 'x'.repeat(41), leaderboardName: null }).success).toBe(false);
  });

  it('refuses names that show as nothing or spill over their row, and keeps real ones', () => {
    const name = (text: string) => joinBody.safeParse({ name: text, leaderboardName: null });
    expect(name('\u3164').success).toBe(false);
    expect(name('Ada\u3164').success).toBe(false);
    expect(name('\uFFA0\u115F').success).toBe(false);
    expect(name('Z\u0351\u0352\u0357\u035B\u0360a\u0358l\u0359go').error?.issues[0]?.message).toBe(
      'The name stacks too many accents on one letter.',
    );
    for (const real of ['Nguyễn Thị Ánh', 'Zoë', 'Ada ❤️', 'Σωκράτης', '李小龍', 'Ɓaaba'])
      expect(name(real).success, real).toBe(true);
  });

  it('checks that a progress entry is consistent', () => {
    const entry = {
      exerciseId: 'go-under-10mb',
      seq: 1,
      passing: 3,
      total: 3,
      failing: [],
      results: null,
      solved: true,
      imageBytes: 10,
      attempts: 1,
      failStreak: 0,
      dockerfile: null,
    };
    expect(progressEntry.safeParse(entry).success).toBe(true);
    expect(progressEntry.safeParse({ ...entry, passing: 2 }).success).toBe(false);
    expect(progressEntry.safeParse({ ...entry, seq: 0 }).success).toBe(false);
    expect(progressEntry.safeParse({ ...entry, exerciseId: '../x' }).success).toBe(false);
    expect(progressEntry.safeParse({ ...entry, imageBytes: 0 }).success).toBe(false);
    expect(progressEntry.safeParse({ ...entry, passing: 2, solved: false, failing: [11] }).success).toBe(
      false,
    );
    expect(progressEntry.safeParse({ ...entry, solved: false }).success).toBe(false);
  });

  it('takes a goal’s certainty when it is estimated or unknown, and reports without it as before', () => {
    const entry = {
      exerciseId: 'go-under-10mb',
      seq: 1,
      passing: 1,
      total: 2,
      failing: [1],
      results: [
        { pass: true, detail: 'ok' },
        { pass: false, detail: 'line 3', certainty: 'unknown' },
      ],
      solved: false,
      imageBytes: 10,
      attempts: 1,
      failStreak: 0,
      dockerfile: null,
    };
    expect(progressEntry.parse(entry).results?.[1]).toEqual({
      pass: false,
      detail: 'line 3',
      certainty: 'unknown',
    });
    const known = { ...entry, results: [{ pass: true, detail: 'ok', certainty: 'known' }] };
    expect(progressEntry.safeParse(known).success).toBe(false);
  });

  it('knows each instructor action by its name', () => {
    expect(actionBody.parse({ action: 'timer', seconds: 300 })).toEqual({
      action: 'timer',
      seconds: 300,
      label: null,
    });
    expect(actionBody.safeParse({ action: 'explode' }).success).toBe(false);
    expect(actionBody.safeParse({ action: 'message', text: 'x'.repeat(281) }).success).toBe(false);
  });
});

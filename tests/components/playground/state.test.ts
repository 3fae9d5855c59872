/** The playground state from untrusted data, and the pure changes the page makes to it. */
import { describe, expect, it } from 'vitest';
import {
  checkState,
  type PlaygroundState,
  STATE_LIMITS,
  withContent,
  withFile,
  withoutFile,
  withRename,
} from '../../../src/components/playground/state.ts';

const state: PlaygroundState = {
  files: [
    { path: 'Dockerfile', content: 'FROM scratch\n' },
    { path: 'main.go', content: 'package main\n', readOnly: true },
    { path: 'go.mod', content: 'module x\n' },
  ],
  active: 'main.go',
};

function refusal(value: unknown): string {
  const checked = checkState(value);
  if (checked.ok) throw new Error('expected a refusal');
  return checked.message;
}

describe('checkState', () => {
  it('accepts a valid state and rebuilds it with only the known fields', () => {
    const checked = checkState({
      ...state,
      extra: 1,
      files: state.files.map((file) => ({ ...file, evil: '<script>' })),
    });
    expect(checked).toEqual({ ok: true, state });
  });

  it('opens the Dockerfile when the active file is missing or unknown', () => {
    for (const active of [undefined, 'nope', 42]) {
      const checked = checkState({ files: state.files, active });
      expect(checked.ok && checked.state.active).toBe('Dockerfile');
    }
  });

  it('does not carry __proto__ keys through', () => {
    const checked = checkState(
      JSON.parse('{"files":[{"path":"Dockerfile","content":"","__proto__":{"readOnly":true}}]}'),
    );
    expect(checked.ok && checked.state.files[0]).toEqual({ path: 'Dockerfile', content: '' });
    expect(({} as Record<string, unknown>).readOnly).toBeUndefined();
  });

  it.each([
    [null, 'no list of files'],
    ['text', 'no list of files'],
    [[], 'no list of files'],
    [{ files: {} }, 'no list of files'],
    [{ files: [] }, 'no files'],
    [{ files: [{ path: 'main.go', content: '' }] }, 'no Dockerfile'],
    [{ files: [{ path: 'Dockerfile' }] }, 'no path or content'],
    [{ files: [{ path: 'Dockerfile', content: 1 }] }, 'no path or content'],
    [{ files: ['Dockerfile'] }, 'no path or content'],
    [{ files: [{ path: 'Dockerfile', content: '', readOnly: 'yes' }] }, 'read-only flag'],
    [
      {
        files: [
          { path: 'Dockerfile', content: '' },
          { path: 'Dockerfile', content: '' },
        ],
      },
      'already a file',
    ],
    [{ files: [{ path: '../Dockerfile', content: '' }] }, 'outside itself'],
    [{ files: [{ path: '/Dockerfile', content: '' }] }, 'leading /'],
    [{ files: [{ path: ' Dockerfile', content: '' }] }, 'spaces'],
  ])('refuses %j', (value, reason) => {
    expect(refusal(value)).toContain(reason);
  });

  it('refuses too many files and too much text', () => {
    const many = Array.from({ length: STATE_LIMITS.files + 1 }, (_, i) => ({
      path: i === 0 ? 'Dockerfile' : `f${i}`,
      content: '',
    }));
    expect(refusal({ files: many })).toContain('more than 50 files');
    const big = [{ path: 'Dockerfile', content: 'x'.repeat(STATE_LIMITS.totalContent + 1) }];
    expect(refusal({ files: big })).toContain('larger than 256 KiB');
  });
});

describe('state changes', () => {
  it('edits one file', () => {
    const next = withContent(state, 'go.mod', 'module y\n');
    expect(next.files.map((file) => file.content)).toEqual([
      'FROM scratch\n',
      'package main\n',
      'module y\n',
    ]);
    expect(state.files[2]?.content).toBe('module x\n');
  });

  it('adds an empty file and opens it', () => {
    expect(withFile(state, 'README.md')).toMatchObject({
      active: 'README.md',
      files: [{}, {}, {}, { path: 'README.md', content: '' }],
    });
  });

  it('renames, following the open file', () => {
    const next = withRename(state, 'main.go', 'cmd/main.go');
    expect(next.active).toBe('cmd/main.go');
    expect(next.files[1]).toEqual({ path: 'cmd/main.go', content: 'package main\n', readOnly: true });
  });

  it('deletes and opens the neighbour, as closing a tab does', () => {
    expect(withoutFile(state, 'main.go').active).toBe('go.mod');
    expect(withoutFile({ ...state, active: 'go.mod' }, 'go.mod').active).toBe('main.go');
    expect(withoutFile(state, 'go.mod')).toEqual({ files: state.files.slice(0, 2), active: 'main.go' });
  });
});

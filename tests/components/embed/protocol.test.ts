/** The postMessage protocol's reading of commands and events: hostile data is refused or ignored. */
import { describe, expect, it } from 'vitest';
import {
  commandMessage,
  eventMessage,
  MAX_COMMAND_DOCKERFILE,
  readCommand,
  readEvent,
} from '../../../src/components/embed/protocol.ts';

const ours = { protocol: 'minimal-containers', version: 1 };

describe('commands', () => {
  it('reads each command, keeping only its own fields', () => {
    expect(readCommand({ ...ours, type: 'setDockerfile', dockerfile: 'FROM scratch', extra: 1 })).toEqual({
      ok: true,
      command: { type: 'setDockerfile', dockerfile: 'FROM scratch' },
    });
    expect(readCommand({ ...ours, type: 'reset' })).toEqual({ ok: true, command: { type: 'reset' } });
    expect(readCommand({ ...ours, type: 'setTheme', theme: 'dark' })).toEqual({
      ok: true,
      command: { type: 'setTheme', theme: 'dark' },
    });
    expect(readCommand(commandMessage({ type: 'reset' }))).toEqual({ ok: true, command: { type: 'reset' } });
  });

  it.each([
    null,
    'setDockerfile',
    42,
    [ours],
    { type: 'reset' },
    { protocol: 'other', version: 1, type: 'reset' },
  ])('ignores a message that is not ours: %j', (data) => {
    expect(readCommand(data)).toBeUndefined();
  });

  it.each([
    [{ ...ours, version: 2, type: 'reset' }, 'unsupported-version'],
    [{ ...ours, version: '1', type: 'reset' }, 'unsupported-version'],
    [{ ...ours, type: 'eval', code: 'alert(1)' }, 'unknown-command'],
    [{ ...ours, type: { toString: 'x' } }, 'unknown-command'],
    [{ ...ours, type: 'setDockerfile' }, 'invalid-command'],
    [{ ...ours, type: 'setDockerfile', dockerfile: ['FROM scratch'] }, 'invalid-command'],
    [
      { ...ours, type: 'setDockerfile', dockerfile: 'x'.repeat(MAX_COMMAND_DOCKERFILE + 1) },
      'invalid-command',
    ],
    [{ ...ours, type: 'setTheme', theme: 'javascript:alert(1)' }, 'invalid-command'],
  ])('refuses a malformed command of ours with a code: %#', (data, code) => {
    expect(readCommand(data)).toMatchObject({ ok: false, code });
  });

  it('quotes at most a short, inert piece of what it refuses', () => {
    const read = readCommand({ ...ours, type: `<img src=x onerror=alert(1)>${'a'.repeat(1000)}` });
    expect(read?.ok).toBe(false);
    if (read && !read.ok) expect(read.message.length).toBeLessThan(120);
  });
});

describe('events', () => {
  it('reads well-formed events and nothing else', () => {
    const ready = eventMessage('w', { type: 'ready', mode: 'exercise', exercise: 'x', goals: 2 });
    expect(readEvent(ready)).toEqual(ready);
    expect(readEvent({ ...ready, version: 2 })).toBeUndefined();
    expect(readEvent({ ...ready, type: 'navigate' })).toBeUndefined();
    expect(readEvent(eventMessage(null, { type: 'resize', height: Number.NaN }))).toBeUndefined();
    expect(readEvent('ready')).toBeUndefined();
  });
});

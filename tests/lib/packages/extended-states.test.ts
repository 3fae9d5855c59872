import { describe, expect, it } from 'vitest';
import { autoInstalled, autoStanza, statesText } from '../../../src/lib/packages/extended-states.ts';

describe("apt's extended_states", () => {
  it('reads back the marks apt writes', () => {
    // after `apt-get install --no-install-recommends jq` on debian:bookworm: 112 bytes, two stanzas
    const text = autoStanza('libonig5', 'amd64') + autoStanza('libjq1', 'amd64');
    expect(text.length).toBe(112);
    expect([...autoInstalled(text)].sort()).toEqual(['libjq1', 'libonig5']);
    expect(autoInstalled('Package: jq\nArchitecture: amd64\nAuto-Installed: 0\n\n').size).toBe(0);
  });

  it('knows the text only where it can', () => {
    expect(statesText(undefined)).toBe('');
    expect(statesText({ kind: 'file', mode: 0o644, uid: 0, gid: 0, size: 0 })).toBe('');
    expect(statesText({ kind: 'file', mode: 0o644, uid: 0, gid: 0, size: 56 })).toBeUndefined();
  });
});

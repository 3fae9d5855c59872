/** tr against GNU tr's behaviour (coreutils 9.1, Debian bookworm): sets, ranges, classes, -d, -s, -c. */
import { describe, expect, it } from 'vitest';
import { sh } from './shell-fixture.ts';

const debian = { image: 'debian:bookworm' };

describe('tr', () => {
  it('translates with escapes, ranges and classes (sh-pipe)', async () => {
    expect((await sh('echo "a b c" | tr " " "\\n"', debian)).stdout).toBe('a\nb\nc\n');
    expect((await sh('echo Hello | tr a-z A-Z', debian)).stdout).toBe('HELLO\n');
    expect((await sh("echo Hello | tr '[:upper:]' '[:lower:]'", debian)).stdout).toBe('hello\n');
    // a shorter second set is padded with its last character
    expect((await sh('echo abcd | tr abcd xy', debian)).stdout).toBe('xyyy\n');
    expect((await sh("echo a:b | tr ':' '\\072'", debian)).stdout).toBe('a:b\n');
  });

  it('deletes with -d, squeezes with -s, complements with -c', async () => {
    expect((await sh('echo "a1b22c" | tr -d 0-9', debian)).stdout).toBe('abc\n');
    expect((await sh('echo "a   b  c" | tr -s " "', debian)).stdout).toBe('a b c\n');
    expect((await sh('echo "a,,b" | tr -s , " "', debian)).stdout).toBe('a b\n');
    expect((await sh("echo 'x-1_y' | tr -cd 'a-z\\n'", debian)).stdout).toBe('xy\n');
    expect((await sh('echo aaabbb | tr -ds a b', debian)).stdout).toBe('b\n');
  });

  it('says what is wrong as GNU tr does', async () => {
    expect(await sh('echo x | tr a', debian)).toMatchObject({
      status: 1,
      stderr:
        "tr: missing operand after 'a'\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n",
    });
    expect((await sh('echo x | tr z-a x', debian)).stderr).toBe(
      "tr: range-endpoints of 'z-a' are in reverse collating sequence order\n",
    );
  });
});

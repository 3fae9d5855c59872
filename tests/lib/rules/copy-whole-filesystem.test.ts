import { describe, expect, it } from 'vitest';
import { copyWholeFilesystem } from '../../../src/lib/rules/copy-whole-filesystem.ts';
import { briefFindings, check, lines, marked, NONE_IN_BRIEF } from './fixtures.ts';

describe('rule/copy-whole-filesystem', () => {
  it('reports COPY --from=builder / / in its Bad example, not its Good one', () => {
    expect(lines(check(copyWholeFilesystem, copyWholeFilesystem.bad))).toEqual([7]);
    expect(check(copyWholeFilesystem, copyWholeFilesystem.good)).toEqual([]);
  });

  it.each([
    ['FROM alpine:3.22 AS a\nFROM scratch\nCOPY --from=a / /\n', ['/']],
    ['FROM alpine:3.22 AS a\nFROM scratch\nCOPY --from=a /. /rootfs\n', ['/.']],
    ['FROM alpine:3.22 AS a\nFROM scratch\nCOPY --from=a /* /\n', ['/*']],
    ['FROM scratch\nCOPY --from=alpine:3.22 ["/", "/"]\n', ['"/"']],
  ])('catches %j', (text, words) => {
    expect(marked(text, check(copyWholeFilesystem, text))).toEqual(words);
  });

  it.each([
    'FROM alpine:3.22 AS a\nFROM scratch\nCOPY --from=a /etc/passwd /etc/passwd\n',
    'FROM alpine:3.22 AS a\nFROM scratch\nCOPY --from=a /out/ /\n',
    'FROM scratch\nCOPY / /\n',
    // A stage that never ships may gather a whole filesystem; the final stage copies one file from it.
    'FROM alpine:3.22 AS a\nFROM scratch AS rootfs\nCOPY --from=a / /\nFROM scratch\nCOPY --from=rootfs /etc/os-release /\n',
  ])('does not catch %j', (text) => {
    expect(check(copyWholeFilesystem, text)).toEqual([]);
  });

  it('finds nothing in the brief, which copies /root/.local, the binary and /etc/passwd', async () => {
    expect(await briefFindings(copyWholeFilesystem)).toEqual(NONE_IN_BRIEF);
  });
});

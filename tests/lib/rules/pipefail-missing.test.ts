import { describe, expect, it } from 'vitest';
import { pipefailMissing } from '../../../src/lib/rules/pipefail-missing.ts';
import { check, lines } from './fixtures.ts';

describe('rule/pipefail-missing', () => {
  it('flags a RUN with a pipe under /bin/sh, in any stage', () => {
    const text =
      'FROM alpine:3.22 AS build\nRUN wget -qO- https://example.com/x.sh | sh\nFROM alpine:3.22\nRUN echo a | tr a b\n';
    const found = check(pipefailMissing, text);
    expect(lines(found)).toEqual([2, 4]);
    expect(found[0]?.message).toBe('Set the SHELL option -o pipefail before RUN with a pipe in it');
  });

  it.each([
    'FROM alpine:3.22\nSHELL ["/bin/ash", "-o", "pipefail", "-c"]\nRUN wget -qO- https://example.com/x.sh | sh\n',
    'FROM alpine:3.22 AS base\nSHELL ["/bin/ash", "-o", "pipefail", "-c"]\nFROM base\nRUN echo a | tr a b\n',
    'FROM alpine:3.22\nRUN echo a || echo b\n',
    'FROM alpine:3.22\nRUN ["sh", "-c", "echo a | tr a b"]\n',
  ])('does not flag %j', (text) => {
    expect(check(pipefailMissing, text)).toEqual([]);
  });

  it('flags a SHELL that drops pipefail again', () => {
    const text =
      'FROM debian:bookworm-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nSHELL ["/bin/sh", "-c"]\nRUN echo a | tr a b\n';
    expect(lines(check(pipefailMissing, text))).toEqual([4]);
  });
});

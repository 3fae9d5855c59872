import { describe, expect, it } from 'vitest';
import { goInstallUnpinned } from '../../../src/lib/rules/go-install-unpinned.ts';
import { check, lines, marked } from './fixtures.ts';

describe('rule/go-install-unpinned', () => {
  it('reports the @latest of its Bad example, not its Good one', () => {
    const found = check(goInstallUnpinned, goInstallUnpinned.bad);
    expect(lines(found)).toEqual([2]);
    expect(marked(goInstallUnpinned.bad, found)).toEqual(['github.com/go-delve/delve/cmd/dlv@latest']);
    expect(check(goInstallUnpinned, goInstallUnpinned.good)).toEqual([]);
  });

  it('reads past build flags and their values', () => {
    const text =
      'FROM golang:1.26\nRUN go install -ldflags "-s -w" -tags netgo example.com/a@latest example.com/b@v1.0.0\n';
    expect(marked(text, check(goInstallUnpinned, text))).toEqual(['example.com/a@latest']);
  });

  it.each([
    'FROM golang:1.26\nWORKDIR /src\nRUN go install ./cmd/server\n',
    'FROM golang:1.26\nRUN go build -o /out/app .\n',
  ])('does not catch %j', (text) => {
    expect(check(goInstallUnpinned, text)).toEqual([]);
  });
});

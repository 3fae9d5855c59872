import { describe, expect, it } from 'vitest';
import { dumpSyntaxTree, parseSyntaxTree, type SyntaxTree } from '../../../src/lib/dockerfile/index.ts';

function tree(text: string): SyntaxTree {
  const result = parseSyntaxTree(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.tree;
}

const dump = (text: string) => dumpSyntaxTree(tree(text));

describe('parseSyntaxTree', () => {
  it('treats CRLF line endings like LF', () => {
    expect(dump('FROM alpine\r\nRUN echo a \\\r\n  b\r\n')).toBe(dump('FROM alpine\nRUN echo a \\\n  b\n'));
  });

  it('strips a byte-order mark before the first line', () => {
    expect(dump('\uFEFF# escape=`\nFROM alpine\nRUN a `\n b\n')).toBe('(from "alpine")\n(run "a  b")\n');
  });

  it('honours directives only at the top, before any other line', () => {
    const late = tree('FROM alpine\n# escape=`\nRUN a \\\n b\n');
    expect(late.escapeToken).toBe('\\');
    expect(late.directives).toEqual([]);
    const afterComment = tree('# a comment\n# escape=`\nFROM alpine\n');
    expect(afterComment.escapeToken).toBe('\\');
    const top = tree('# syntax=docker/dockerfile:1\n#check=skip=all\nFROM alpine\n');
    expect(top.directives.map((d) => [d.name, d.value, d.line])).toEqual([
      ['syntax', 'docker/dockerfile:1', 1],
      ['check', 'skip=all', 2],
    ]);
  });

  it('does not treat a doubled escape at the end of a line as a continuation', () => {
    expect(dump('FROM alpine\nRUN echo \\\\\nRUN b\n')).toBe(
      '(from "alpine")\n(run "echo \\\\\\\\")\n(run "b")\n',
    );
  });

  it('gives each flag and argument its column range, across continuation lines', () => {
    const nodes = tree('FROM golang:1 AS build\nCOPY --from=build \\\n     /src/app /app\n').nodes;
    const copy = nodes[1];
    expect(copy?.flags[0]?.range).toMatchObject({
      start: { line: 2, column: 6 },
      end: { line: 2, column: 18 },
    });
    expect(
      copy?.args.map((arg) => [
        arg.value,
        arg.range.start.line,
        arg.range.start.column,
        arg.range.end.column,
      ]),
    ).toEqual([
      ['/src/app', 3, 6, 14],
      ['/app', 3, 15, 19],
    ]);
    expect(copy?.range).toMatchObject({ start: { line: 2, column: 1 }, end: { line: 3, column: 19 } });
  });

  it('locates the elements of an exec-form array', () => {
    const cmd = tree('FROM scratch\nCMD [ "python", "./server.py" ]\n').nodes[1];
    expect(cmd?.args.map((arg) => [arg.value, arg.range.start.column, arg.range.end.column])).toEqual([
      ['python', 7, 15],
      ['./server.py', 17, 30],
    ]);
  });

  it('reads non-ASCII flag bytes as Latin-1 characters, as BuildKit does', () => {
    expect(dump('FROM alpine\nCOPY --chown=josé:josé a b\n')).toBe(
      '(from "alpine")\n(copy ["--chown=josÃ©:josÃ©"] "a" "b")\n',
    );
  });

  it('warns about empty continuation lines, which BuildKit will reject in future', () => {
    const result = tree('FROM alpine\nRUN a \\\n\n  b\n');
    expect(result.warnings.map((w) => [w.code, w.range.start.line])).toEqual([
      ['parse/no-empty-continuation', 4],
    ]);
  });

  it('keeps the comments directly above an instruction, but not directives', () => {
    const nodes = tree(
      '# syntax=docker/dockerfile:1\n# Build stage\nFROM alpine\n\n# Install curl\nRUN apk add curl\n',
    ).nodes;
    expect(nodes.map((node) => node.comments)).toEqual([['Build stage'], ['Install curl']]);
  });

  it('accepts a line of exactly 65535 bytes and rejects one byte more', () => {
    expect(parseSyntaxTree(`FROM a\nRUN ${'x'.repeat(65535 - 4)}\n`).ok).toBe(true);
    expect(parseSyntaxTree(`FROM a\nRUN ${'x'.repeat(65536 - 4)}\n`).ok).toBe(false);
  });
});

describe('keywords that are names of JavaScript object properties', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    '%s is an unknown instruction',
    (keyword) => {
      expect(dump(`FROM alpine\n${keyword} x\n`)).toBe(`(from "alpine")\n(${keyword.toLowerCase()} "")\n`);
    },
  );
});

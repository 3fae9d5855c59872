/** Dockerfile highlighting: which words get which token, line by line, as CodeMirror's stream runner drives it. */
import { StringStream } from '@codemirror/language';
import { describe, expect, it } from 'vitest';
import { dockerfileParser } from '../../../src/components/editor/dockerfile-language.ts';

/** The styled tokens of each line as `text:style`; unstyled text and spaces are left out. */
function highlight(text: string): string[][] {
  const state = dockerfileParser.startState();
  return text.split('\n').map((line) => {
    if (line.trim() === '') {
      dockerfileParser.blankLine(state);
      return [];
    }
    const stream = new StringStream(line, 4, 2);
    const tokens: string[] = [];
    while (!stream.eol()) {
      stream.start = stream.pos;
      const style = dockerfileParser.token(stream, state);
      if (stream.pos === stream.start) throw new Error(`no progress at ${stream.pos} in ${line}`);
      if (style) tokens.push(`${stream.current()}:${style}`);
    }
    return tokens;
  });
}

describe('Dockerfile highlighting', () => {
  it('marks instructions, stage names and strings of the brief’s multi-stage build', () => {
    expect(highlight('FROM python:3.9 AS builder\nCMD [ "python", "./server.py" ]')).toEqual([
      ['FROM:keyword', 'AS:keyword'],
      [
        'CMD:keyword',
        '[:punctuation',
        '"python":string',
        ',:punctuation',
        '"./server.py":string',
        ']:punctuation',
      ],
    ]);
  });

  it('is case-insensitive for instructions, as BuildKit is, and leaves a misspelt one plain', () => {
    expect(highlight('from alpine as base\nRUNN echo hi')).toEqual([['from:keyword', 'as:keyword'], []]);
  });

  it('marks leading flags with their values, but not later words that look like flags', () => {
    expect(highlight('COPY --from=builder --chown=app /root/.local /root/.local')).toEqual([
      ['COPY:keyword', '--from:attributeName', '--chown:attributeName'],
    ]);
    expect(highlight('RUN ls --all')).toEqual([['RUN:keyword']]);
  });

  it('marks variables and assignments', () => {
    expect(highlight('ENV PATH=/root/.local:$PATH HOME=${HOME:-/root}')).toEqual([
      [
        'ENV:keyword',
        '=:operator',
        '$PATH:variableName.special',
        '=:operator',
        '${HOME:-/root}:variableName.special',
      ],
    ]);
  });

  it('carries an instruction over continuation lines, through comment lines, and ends it after', () => {
    expect(
      highlight('RUN apt-get update \\\n# dropped by BuildKit\n    && apt-get install -y curl\nUSER app'),
    ).toEqual([['RUN:keyword', '\\:escape'], ['# dropped by BuildKit:comment'], [], ['USER:keyword']]);
  });

  it('reads parser directives only at the top, and follows # escape=`', () => {
    expect(
      highlight('# escape=`\n# syntax=docker/dockerfile:1\nFROM scratch\n# syntax=not-a-directive'),
    ).toEqual([
      ['# escape=`:meta'],
      ['# syntax=docker/dockerfile:1:meta'],
      ['FROM:keyword'],
      ['# syntax=not-a-directive:comment'],
    ]);
    expect(highlight('# escape=`\nRUN a `\n  b')).toEqual([
      ['# escape=`:meta'],
      ['RUN:keyword', '`:escape'],
      [],
    ]);
    expect(highlight('# a comment\n# escape=`')).toEqual([['# a comment:comment'], ['# escape=`:comment']]);
  });

  it('treats heredoc bodies as text until their delimiter', () => {
    expect(
      highlight(
        'RUN <<EOF\nFROM is not an instruction here\nEOF\nCOPY <<-"END" /x\n\tbody\n\tEND\nWORKDIR /',
      ),
    ).toEqual([
      ['RUN:keyword', '<<EOF:string.special'],
      ['FROM is not an instruction here:string'],
      ['EOF:string.special'],
      ['COPY:keyword', '<<-"END":string.special'],
      ['\tbody:string'],
      ['\tEND:string.special'],
      ['WORKDIR:keyword'],
    ]);
  });

  it('marks EXPOSE ports as numbers', () => {
    expect(highlight('EXPOSE 8080 53/udp')).toEqual([['EXPOSE:keyword', '8080:number', '53/udp:number']]);
  });

  it('ends an unclosed string at the end of its line', () => {
    expect(highlight('LABEL a="open\nUSER app')).toEqual([
      ['LABEL:keyword', '=:operator', '"open:string'],
      ['USER:keyword'],
    ]);
  });
});

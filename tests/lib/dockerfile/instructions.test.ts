import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/lib/dockerfile/index.ts';

function errorOf(text: string): string | undefined {
  const result = parseDockerfile(text);
  return result.ok ? undefined : result.error.message;
}

describe('instruction validation, in BuildKit’s words', () => {
  it.each([
    ['COPY --link --link a b', 'duplicate flag specified: --link'],
    ['COPY --link=maybe a b', 'expecting boolean value for flag --link, not: maybe'],
    ['COPY --link= a b', 'missing a value on flag: --link'],
    ['COPY --from a b', 'missing a value on flag: --from'],
    ['ADD --checksun=sha256:abc https://x /y', 'unknown flag: --checksun (did you mean checksum?)'],
    ['RUN --network=bridge true', 'invalid network mode "bridge"'],
    ['RUN --security=privileged true', 'security "privileged" is not valid'],
    ['RUN --mount=type=secret true', 'invalid secret mount. one of source, target required'],
    ['RUN --mount=type=bind,uid=1000,target=/x true', 'uid not allowed for "bind" type mounts'],
    [
      'RUN --mount=type=cache,target=/x,sharing=lockd true',
      'unsupported sharing value "lockd" (did you mean locked?)',
    ],
    ['RUN --mount=target=/x,readonly=maybe true', 'invalid value for readonly: maybe'],
    [
      'RUN --mount=type=cache,tagret=/x true',
      "unexpected key 'tagret' in 'tagret=/x' (did you mean target?)",
    ],
    ['HEALTHCHECK NONE extra', 'HEALTHCHECK NONE takes no arguments'],
    ['HEALTHCHECK CMD', 'Missing command after HEALTHCHECK CMD'],
    ['HEALTHCHECK --retries=-1 CMD true', '--retries cannot be negative (-1)'],
    ['HEALTHCHECK --interval=1us CMD true', 'Interval "interval" cannot be less than 1ms'],
    ['HEALTHCHECK WAT true', 'Unknown type "WAT" in HEALTHCHECK (try CMD)'],
    ['ONBUILD ONBUILD RUN true', "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"],
    ['ONBUILD FROM alpine', "FROM isn't allowed as an ONBUILD trigger"],
    ['WORKDIR', 'WORKDIR requires exactly one argument'],
    ['USER', 'USER requires exactly one argument'],
    ['EXPOSE', 'EXPOSE requires at least one argument'],
    ['VOLUME [""]', 'VOLUME specified can not be an empty string'],
    ['ARG =x', 'ARG names can not be blank'],
    ['ENV =x', 'ENV names can not be blank'],
    ['COPY <<EOF <<DEST\nx\nEOF\ny\nDEST', 'COPY cannot accept a heredoc as a destination'],
    ['FROM alpine AS Has_Upper', undefined],
    ['FROM alpine AS has space', 'FROM requires either one or three arguments'],
  ])('%s', (line, message) => {
    expect(errorOf(`FROM alpine\n${line}\n`)).toBe(message);
  });

  it('points the error at the flag, not the whole line', () => {
    const result = parseDockerfile('FROM alpine\nCOPY --chown=1 --chmd=755 a b\n');
    expect(result).toMatchObject({
      ok: false,
      error: { range: { start: { line: 2, column: 16 }, end: { column: 26 } } },
    });
  });

  it('accepts an invalid ONBUILD trigger, as Docker does, but warns', () => {
    const result = parseDockerfile('FROM alpine\nONBUILD RUNN make\n');
    expect(result.ok && result.dockerfile.warnings.map((w) => w.code)).toEqual([
      'parse/invalid-onbuild-trigger',
    ]);
  });

  it('lower-cases stage names and keeps the global ARGs apart', () => {
    const result = parseDockerfile('ARG V=1\nFROM alpine AS Build\nARG V\nRUN true\n');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.dockerfile.stages.map((stage) => stage.name)).toEqual(['build']);
    expect(result.dockerfile.globalArgs).toHaveLength(1);
    expect(result.dockerfile.stages[0]?.instructions.map((i) => i.kind)).toEqual(['ARG', 'RUN']);
  });

  it('joins a shell-form command into one script and keeps exec form as separate words', () => {
    const result = parseDockerfile('FROM alpine\nCMD ["a", "b c"]\nENTRYPOINT exec app --flag\n');
    if (!result.ok) throw new Error(result.error.message);
    const [cmd, entrypoint] = result.dockerfile.stages[0]?.instructions ?? [];
    expect(cmd).toMatchObject({
      kind: 'CMD',
      command: { form: 'exec', args: [{ value: 'a' }, { value: 'b c' }] },
    });
    expect(entrypoint).toMatchObject({
      kind: 'ENTRYPOINT',
      command: { form: 'shell', script: { value: 'exec app --flag' } },
    });
  });
});

describe('quick fixes', () => {
  const fixed = (text: string) => {
    const result = parseDockerfile(text);
    if (result.ok) throw new Error('expected an error');
    const fix = result.error.fixes?.[0];
    if (!fix) return undefined;
    let out = text;
    for (const edit of [...fix.edits].reverse())
      out = out.slice(0, edit.from) + edit.insert + out.slice(edit.to);
    return { title: fix.title, text: out };
  };

  it('offers the suggested instruction for a misspelt keyword', () => {
    expect(fixed('FROM alpine\nRUNN echo hi\n')).toEqual({
      title: 'Replace with RUN',
      text: 'FROM alpine\nRUN echo hi\n',
    });
    expect(fixed('FROM alpine\ncpoy a b\n')).toEqual({
      title: 'Replace with copy',
      text: 'FROM alpine\ncopy a b\n',
    });
  });

  it('offers the suggested flag name and keeps the value as written', () => {
    expect(fixed('FROM a AS b\nFROM scratch\nCOPY --form="b" /x /x\n')).toEqual({
      title: 'Replace with from',
      text: 'FROM a AS b\nFROM scratch\nCOPY --from="b" /x /x\n',
    });
  });

  it('offers nothing when there is no close match', () => {
    expect(fixed('FROM alpine\nFROBNICATE x\n')).toBeUndefined();
  });
});

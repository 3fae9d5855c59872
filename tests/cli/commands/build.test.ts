/** `sim build` through the real Node adapters: a context folder on disk and the committed catalog. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCommand } from '../../../src/cli/commands/build.ts';
import { recordingIo } from '../fake-io.ts';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sim-build-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

async function sim(...args: string[]) {
  const io = recordingIo();
  const code = await buildCommand.run(args, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

describe('sim build', () => {
  const dir = project({
    Dockerfile:
      'FROM alpine:3.22 AS base\nWORKDIR /app\nCOPY app.sh .\nARG GREETING=hi\nENV GREETING=$GREETING\nFROM scratch\nCOPY --from=base /app/app.sh /\n',
    'app.sh': '#!/bin/sh\necho hi\n',
  });

  it('prints the JSON contract and exits 0 when the build succeeds', async () => {
    const result = await sim(
      join(dir, 'Dockerfile'),
      '--json',
      '--files',
      '--target',
      'base',
      '--build-arg',
      'GREETING=hello',
    );
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({
      ok: true,
      error: null,
      run: { starts: true, argv: ['/bin/sh'], user: 'root', error: null },
    });
    // alpine:3.22 is modelled from its package list: the stage's data is an estimate, and says so.
    const alpineModelled = {
      level: 'estimated',
      gaps: [{ level: 'estimated', kind: 'model', text: expect.stringContaining('alpine:3.22: the layer') }],
    };
    expect(json.stages).toEqual([
      {
        index: 0,
        name: 'base',
        base: 'alpine:3.22',
        resolved: { image: 'alpine:3.22', certainty: alpineModelled },
        built: true,
        size: expect.any(Number),
        certainty: alpineModelled,
      },
      {
        index: 1,
        name: null,
        base: 'scratch',
        built: false,
        size: null,
        skipped: 'not-needed',
        certainty: { level: 'known' },
      },
    ]);
    expect(json.image.config).toMatchObject({
      workdir: '/app',
      env: { GREETING: 'hello' },
      cmd: ['/bin/sh'],
    });
    expect(json.image.layers.at(-1)).toEqual({
      line: 3,
      instruction: 'COPY app.sh . # buildkit',
      size: 18,
      certainty: { level: 'known' },
    });
    expect(json.image.files).toContainEqual({
      path: '/app/app.sh',
      type: 'file',
      size: 18,
      mode: '0644',
      uid: 0,
      gid: 0,
    });
  });

  it('prints a docker-build-style report and the final size', async () => {
    const result = await sim(join(dir, 'Dockerfile'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(' => [base 1/5] FROM alpine:3.22');
    expect(result.stdout).toMatch(/Image: 18 B \(18 bytes, containerd image store sizes\) in 1 layer\b/);
  });

  it("ends a failed RUN on BuildKit's process line, as real docker build does (oracle: run-shell-form-scratch)", async () => {
    const bad = project({ Dockerfile: 'FROM scratch\nRUN echo hi\n' });
    const result = await sim(join(bad, 'Dockerfile'));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'ERROR: failed to solve: process "/bin/sh -c echo hi" did not complete successfully: exit code: 1\n',
    );
    expect(result.stdout).toContain('exec: "/bin/sh": stat /bin/sh: no such file or directory');
  });

  it('exits 1 with the error on a failed build, still printing the JSON', async () => {
    const bad = project({ Dockerfile: 'FROM alpine:3.22\nCOPY missing.txt /\n' });
    const result = await sim(join(bad, 'Dockerfile'), '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'build/copy-source-not-found', line: 2 });
  });

  it('exits 2 for usage errors and unreadable files', async () => {
    expect((await sim()).code).toBe(2);
    expect((await sim(join(dir, 'Dockerfile'), '--build-arg', 'NOEQUALS')).code).toBe(2);
    expect((await sim(join(dir, 'nope'))).code).toBe(2);
  });
});

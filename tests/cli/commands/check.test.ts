/** `sim check` through the real Node adapters: files on disk and the committed catalog. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCommand } from '../../../src/cli/commands/check.ts';
import { recordingIo } from '../fake-io.ts';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sim-check-'));
  for (const [path, content] of Object.entries(files)) writeFileSync(join(dir, path), content);
  return dir;
}

async function sim(...args: string[]) {
  const io = recordingIo();
  const code = await checkCommand.run(args, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

describe('sim check', () => {
  it('prints the JSON shape of the issue, BuildKit names for its checks and rule/ codes for ours', async () => {
    const dir = project({ Dockerfile: '\nFROM alpine:3.22 AS BadStageName\nCMD ["sh"]\n' });
    const { code, stdout } = await sim(join(dir, 'Dockerfile'), '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      warnings: [
        {
          rule: 'StageNameCasing',
          line: 2,
          message: "Stage name 'BadStageName' should be lowercase",
          url: 'https://docs.docker.com/go/dockerfile/rule/stage-name-casing/',
        },
        {
          rule: 'rule/final-user-root',
          line: 2,
          message:
            "The final image runs as root: no USER instruction, so it keeps the base image's user, root",
          url: '/rules/#final-user-root',
        },
      ],
      error: null,
    });
  });

  it('prints BuildKit’s plain report by default, and exits 1 when error=true finds something', async () => {
    const dir = project({ Dockerfile: '# check=error=true\nFROM scratch as base\nUSER 65532\n' });
    const { code, stdout } = await sim(join(dir, 'Dockerfile'));
    expect(code).toBe(1);
    expect(stdout).toContain('Check complete, 1 warning has been found!');
    expect(stdout).toContain(
      'WARNING: FromAsCasing - https://docs.docker.com/go/dockerfile/rule/from-as-casing/',
    );
    expect(stdout).toContain('   2 | >>> FROM scratch as base');
    expect(stdout).toContain('ERROR: failed to solve: lint violation found for rules: FromAsCasing');
  });

  it('reads the .dockerignore next to the Dockerfile, the Dockerfile-specific one first', async () => {
    const dir = project({
      Dockerfile: 'FROM scratch\nCOPY a.txt b.txt /\nUSER 65532\n',
      '.dockerignore': 'a.txt\n',
      'Dockerfile.dockerignore': 'b.txt\n',
    });
    const { stdout } = await sim(join(dir, 'Dockerfile'), '--json');
    expect(JSON.parse(stdout).warnings.map((w: { message: string }) => w.message)).toEqual([
      'Attempting to Copy file "b.txt" that is excluded by .dockerignore',
    ]);
  });

  it('exits 1 with the error when the Dockerfile does not parse', async () => {
    const dir = project({ Dockerfile: 'FROM scratch\nRUN --bogus=1 true\n' });
    const { code, stdout } = await sim(join(dir, 'Dockerfile'), '--json');
    expect(code).toBe(1);
    expect(JSON.parse(stdout).error).toEqual({
      message: 'dockerfile parse error on line 2: unknown flag: --bogus',
      line: 2,
    });
  });

  it('reports an invalid check directive as BuildKit does', async () => {
    const dir = project({ Dockerfile: '# check=skip\nFROM scratch\n' });
    const { code, stdout } = await sim(join(dir, 'Dockerfile'), '--json');
    expect(code).toBe(1);
    expect(JSON.parse(stdout).error.message).toBe(
      'failed to parse check options: invalid check option "skip"',
    );
  });

  it.each([
    [[], 'missing FILE'],
    [['a', 'b'], 'unexpected argument b'],
    [['a', '--build-arg', 'NOVALUE'], '--build-arg needs KEY=VALUE'],
    [['a', '--yaml'], 'unknown option --yaml'],
  ])('exits 2 for the usage error in %j', async (args, message) => {
    const { code, stderr } = await sim(...args);
    expect(code).toBe(2);
    expect(stderr).toContain(`sim check: ${message}`);
  });

  it('exits 2 when the file cannot be read', async () => {
    const { code, stderr } = await sim('/nonexistent/Dockerfile');
    expect(code).toBe(2);
    expect(stderr).toContain('sim check: cannot read /nonexistent/Dockerfile');
  });
});

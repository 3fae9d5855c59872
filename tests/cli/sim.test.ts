/** The `sim` command line: exit codes, output formats and error reporting, through a fake io. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { recordingIo } from './fake-io.ts';

const FILES: Record<string, string> = {
  'good.Dockerfile':
    'FROM golang:1 AS builder\nRUN go build -o /app\nFROM scratch\nCOPY --from=builder /app /app\n',
  'bad.Dockerfile': 'FROM alpine:3.22\nRUNN echo hi\n',
  'flags.Dockerfile': 'FROM scratch\nCOPY --user=me foo /tmp/\n',
};

const SIM = join(import.meta.dirname, '../../src/cli/sim.ts');

async function sim(...argv: string[]) {
  const io = recordingIo(FILES);
  const code = await main(argv, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

describe('sim', () => {
  it('lists its commands with --help and exits 2 without a command', async () => {
    expect(await sim('--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('parse') });
    expect(await sim()).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: sim') });
    expect(await sim('frobnicate')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("unknown command 'frobnicate'"),
    });
  });

  it('prints BuildKit’s dump with --dump', async () => {
    const result = await sim('parse', 'good.Dockerfile', '--dump');
    expect(result).toEqual({
      code: 0,
      stdout:
        '(from "golang:1" "AS" "builder")\n(run "go build -o /app")\n(from "scratch")\n(copy ["--from=builder"] "/app" "/app")\n',
      stderr: '',
    });
  });

  it('dumps what only the typed layer rejects, as BuildKit’s parser does', async () => {
    expect(await sim('parse', 'flags.Dockerfile', '--dump')).toMatchObject({ code: 0 });
    expect(await sim('parse', 'flags.Dockerfile')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('unknown flag: --user'),
    });
  });

  it('prints typed stages as JSON with --json', async () => {
    const result = await sim('parse', 'good.Dockerfile', '--json');
    const json = JSON.parse(result.stdout);
    expect(json.stages.map((stage: { name?: string }) => stage.name ?? null)).toEqual(['builder', null]);
    expect(json.stages[1].instructions[0]).toMatchObject({ kind: 'COPY', from: { value: 'builder' } });
  });

  it('reports a bad Dockerfile on stderr with its line, and exits 1', async () => {
    const result = await sim('parse', 'bad.Dockerfile');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'bad.Dockerfile:2:1: error: unknown instruction: RUNN (did you mean RUN?)',
    );
  });

  it('exits 2 for an unreadable file or wrong options', async () => {
    expect(await sim('parse', 'missing.Dockerfile')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('cannot read'),
    });
    expect(await sim('parse', 'good.Dockerfile', '--dump', '--json')).toMatchObject({ code: 2 });
    expect(await sim('parse')).toMatchObject({ code: 2, stderr: expect.stringContaining('missing FILE') });
  });

  it('refuses a Dockerfile over 1 MiB with a clear error, from a file or a pipe', async () => {
    const huge = `FROM alpine:3.22\n${'RUN true\n'.repeat(200_000)}`;
    const io = recordingIo({ 'huge.Dockerfile': huge });
    expect(await main(['build', 'huge.Dockerfile'], io)).toBe(2);
    expect(io.err()).toBe(
      'sim build: cannot read huge.Dockerfile: it is larger than 1 MiB, the most sim reads\n',
    );
    const piped = spawnSync(process.execPath, [SIM, 'parse', '-'], { input: huge, encoding: 'utf8' });
    expect(piped.status).toBe(2);
    expect(piped.stderr).toContain('cannot read -: it is larger than 1 MiB');
  });
});

import { describe, expect, it } from 'vitest';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from '../../../src/cli/command.ts';
import { imageCommand as command } from '../../../src/cli/commands/image.ts';

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await command.run(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    readFile: () => Promise.reject(new Error('not used')),
  });
  return { code, stdout, stderr };
}

describe('sim image', () => {
  it('shows size, compressed size, config and layers', async () => {
    const { code, stdout } = await run('python:3.9');
    expect(code).toBe(EXIT_OK);
    expect(stdout).toContain('python:3.9.25-trixie  (requested python:3.9)');
    expect(stdout).toMatch(/Size: +1,0\d\d,\d{3},\d{3} bytes/);
    expect(stdout).toContain('Cmd:          ["python3"]');
    expect(stdout).toContain('calibrated');
  });

  it('lists every file with --files', async () => {
    const { stdout } = await run('python:3.9-alpine', '--files');
    expect(stdout).toMatch(/^lrwxrwxrwx {2}0:0 +\d+ {2}\/bin\/sh -> \/bin\/busybox {2}\[busybox-binsh\]$/m);
    expect(stdout).toMatch(
      /\/bin\/busybox {2}\[busybox\] \(ELF dynamic, interpreter \/lib\/ld-musl-x86_64\.so\.1\)/,
    );
    expect(stdout).toMatch(/^drwxrwxrwt .* \/tmp$/m);
  });

  it('shows docker history newest first with --history', async () => {
    const { stdout } = await run('golang:1', '--history');
    const history = stdout.slice(stdout.indexOf('CREATED BY'));
    expect(history.indexOf('WORKDIR /go')).toBeLessThan(history.indexOf('debian.sh'));
  });

  it('prints JSON with --json, reporting a stand-in for a real tag it lacks as an estimate', async () => {
    const { code, stdout } = await run('golang:1.24-alpine', '--json');
    expect(code).toBe(EXIT_OK);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({
      ok: true,
      how: 'stand-in',
      resolved: 'golang:1.25.13-alpine3.24',
      certainty: { level: 'estimated', gaps: [{ kind: 'stand-in' }] },
    });
    expect(json.certainty.gaps[0].text).toContain(
      "Not in this simulator's catalog: golang:1.24-alpine (a real tag",
    );
    expect(json.files).toBeUndefined();
  });

  it('exits 1 with a suggestion for an unknown reference', async () => {
    const { code, stderr } = await run('python:3.9-alpne');
    expect(code).toBe(EXIT_INVALID);
    expect(stderr).toContain('Did you mean python:3.9-alpine?');
  });

  it('exits 2 on a usage error', async () => {
    expect((await run()).code).toBe(EXIT_USAGE);
    expect((await run('python:3.9', '--bogus')).code).toBe(EXIT_USAGE);
    expect((await run('a', 'b')).code).toBe(EXIT_USAGE);
  });

  it('lists every repository and current tag with its certainty (--list)', async () => {
    const { code, stdout } = await run('--list');
    expect(code).toBe(EXIT_OK);
    expect(stdout).toMatch(/^python: \d+ tags, \d+ known, \d+ estimated, \d+ unknown$/m);
    expect(stdout).toContain('  known     python:3.12-slim\n');
    expect(stdout).toContain('  estimated python:3.11-slim  (built on python:3.11.15-slim-trixie)\n');
    expect(stdout).toContain('  unknown   python:3.14-windowsservercore\n');
    expect(stdout).toContain('  known     gcr.io/distroless/static:nonroot\n');
    expect(stdout).toContain('  unknown   node:lts-alpine\n');
    // current tags only, unless --all: python:3.9 left the library in 2025
    expect(stdout).not.toContain('python:3.9-buster');
  }, 60_000);

  it('gives the rows as JSON and rejects other options with --list', async () => {
    const { code, stdout } = await run('--list', '--json');
    expect(code).toBe(EXIT_OK);
    const rows = JSON.parse(stdout) as {
      repository: string;
      tag: string;
      certainty: string;
      image?: string;
    }[];
    expect(rows).toContainEqual({
      repository: 'alpine',
      tag: 'latest',
      certainty: 'known',
      image: 'alpine:3.24',
    });
    expect((await run('--list', '--files')).code).toBe(EXIT_USAGE);
  }, 60_000);
});

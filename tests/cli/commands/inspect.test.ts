/** `sim inspect` on a real saved image (the course's Go example, saved by Docker 28) and on a plain tar. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inspectCommand } from '../../../src/cli/commands/inspect.ts';
import { tarOf } from '../../lib/image-archive/tar-builder.ts';
import { recordingIo } from '../fake-io.ts';

const folder = mkdtempSync(join(tmpdir(), 'sim-inspect-'));
const goImage = join(folder, 'go-scratch.tar');
writeFileSync(
  goImage,
  gunzipSync(
    readFileSync(new URL('../../lib/image-archive/fixtures/go-scratch.docker.tar.gz', import.meta.url)),
  ),
);
const inspect = JSON.parse(
  readFileSync(new URL('../../lib/image-archive/fixtures/go-scratch.inspect.json', import.meta.url), 'utf8'),
)[0] as { Size: number; Config: { User: string; WorkingDir: string; Entrypoint: string[] } };

async function sim(...args: string[]) {
  const io = recordingIo();
  const code = await inspectCommand.run(args, io);
  return { code, stdout: io.out(), stderr: io.err() };
}

describe('sim inspect', () => {
  it('prints the image part of sim build’s JSON contract, with the archive’s own facts', async () => {
    const { code, stdout } = await sim(goImage, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.image.size).toBe(inspect.Size);
    expect(report.image.config).toMatchObject({
      user: inspect.Config.User,
      workdir: inspect.Config.WorkingDir,
      entrypoint: inspect.Config.Entrypoint,
    });
    expect(report.image.layers.map((layer: { instruction: string }) => layer.instruction)).toEqual([
      'WORKDIR /usr/app',
      'COPY /usr/src/app/bin/app ./ # buildkit',
      'COPY /etc/passwd /etc/passwd # buildkit',
    ]);
    expect(report.run).toMatchObject({ starts: true, argv: ['./app'], user: 'app' });
    expect(report.archive).toMatchObject({
      format: 'docker-archive+oci',
      references: ['fixture/go-scratch:latest'],
    });
    expect(report.archive.packages.counts.golang).toBe(2);
  });

  it('prints the report as text, newest layer first', async () => {
    const { code, stdout } = await sim(goImage);
    expect(code).toBe(0);
    expect(stdout).toContain('Image: fixture/go-scratch:latest');
    expect(stdout).toContain(`(${inspect.Size.toLocaleString('en')} bytes) in 3 layers`);
    expect(stdout).toContain('Run:        starts: ./app (as app)');
    expect(stdout.indexOf('ENTRYPOINT')).toBeLessThan(stdout.indexOf('WORKDIR'));
  });

  it('refuses a plain tar with exit 1 and says how to save an image', async () => {
    const plain = join(folder, 'plain.tar');
    writeFileSync(plain, tarOf([{ name: 'main.go', data: 'package main' }]));
    const { code, stderr } = await sim(plain);
    expect(code).toBe(1);
    expect(stderr).toContain('docker save -o image.tar');
  });

  it('exits 2 for a missing file or a wrong option', async () => {
    expect((await sim(join(folder, 'missing.tar'))).code).toBe(2);
    expect((await sim(goImage, '--yaml')).code).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { buildAndAnalyze } from './build-and-analyze.ts';

const codes = async (dockerfile: string, files: Record<string, string> = {}) =>
  (await buildAndAnalyze(dockerfile, files)).analysis.diagnostics
    .filter((d) => d.code.startsWith('size/'))
    .map((d) => [d.code, d.range.start.line]);

describe('size findings', () => {
  it('flags a build cache left in the image, at the line that left it', async () => {
    expect(
      await codes('FROM alpine:3.22\nRUN mkdir -p /root/.cache/pip && echo wheel > /root/.cache/pip/w\n'),
    ).toEqual([['size/build-cache', 2]]);
    expect(
      await codes(
        'FROM alpine:3.22\nRUN mkdir -p /var/cache/apk && echo index > /var/cache/apk/APKINDEX.tar.gz\n',
      ),
    ).toEqual([['size/build-cache', 2]]);
  });

  it('flags build tools in the final image, and not in a lean one', async () => {
    expect(await codes('FROM golang:1\nCMD ["go"]\n')).toEqual([['size/build-tools-in-final', 1]]);
    expect(await codes('FROM alpine:3.22\nCMD ["sh"]\n')).toEqual([]);
  });

  it('does not count a base image’s own waste against the Dockerfile', async () => {
    expect(await codes('FROM python:3.9\nCMD ["python3"]\n')).toEqual([['size/build-tools-in-final', 1]]);
  });
});

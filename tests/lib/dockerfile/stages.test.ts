import { describe, expect, it } from 'vitest';
import {
  type Dockerfile,
  parseDockerfile,
  resolveCopyFrom,
  resolveStages,
} from '../../../src/lib/dockerfile/index.ts';

function dockerfile(text: string): Dockerfile {
  const result = parseDockerfile(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.dockerfile;
}

describe('stage resolution', () => {
  const file = dockerfile(
    'FROM golang:1 AS builder\nFROM builder AS test\nFROM scratch\nCOPY --from=builder /a /a\n',
  );

  it('resolves FROM to scratch, an earlier stage or an image', () => {
    const resolved = resolveStages(file);
    expect(resolved.ok && resolved.value.map((stage) => stage.base)).toEqual([
      { kind: 'image', reference: 'golang:1' },
      { kind: 'stage', index: 0, name: 'builder' },
      { kind: 'scratch' },
    ]);
  });

  it('resolves COPY --from by index, by name in any case, or as an image', () => {
    expect(resolveCopyFrom('0', file.stages)).toEqual({ ok: true, source: { kind: 'stage', index: 0 } });
    expect(resolveCopyFrom('BUILDER', file.stages)).toEqual({
      ok: true,
      source: { kind: 'stage', index: 0 },
    });
    expect(resolveCopyFrom('nginx:1.27', file.stages)).toEqual({
      ok: true,
      source: { kind: 'image', reference: 'nginx:1.27' },
    });
    expect(resolveCopyFrom('7', file.stages)).toEqual({ ok: false, message: 'invalid stage index 7' });
    expect(resolveCopyFrom('$STAGE', file.stages)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^variable expansion is not supported for --from/),
    });
  });

  it('expands global ARGs in FROM, with build args overriding defaults', () => {
    const args = dockerfile('ARG TAG=3.9\nARG IMAGE=python:${TAG}-alpine\nFROM ${IMAGE}\n');
    const byDefault = resolveStages(args);
    expect(byDefault.ok && byDefault.value[0]?.reference).toBe('python:3.9-alpine');
    const overridden = resolveStages(args, new Map([['TAG', '3.12']]));
    expect(overridden.ok && overridden.value[0]?.reference).toBe('python:3.12-alpine');
  });

  it('predefines the platform ARGs for linux/amd64', () => {
    const resolved = resolveStages(dockerfile('FROM --platform=$BUILDPLATFORM golang:1-alpine\n'));
    expect(resolved.ok && resolved.value[0]?.platform).toBe('linux/amd64');
  });
});

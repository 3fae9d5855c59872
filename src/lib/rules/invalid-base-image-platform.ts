/**
 * A base image that came in another platform than the build's: a single-platform tag
 * (`static-debian13:latest-arm64`), or an index that lacks the platform but has one it runs
 * (linux/386 for linux/amd64). BuildKit pulls it anyway and warns; the binaries in it may not run.
 */
import type { Diagnostic } from '../diagnostic.ts';
import { invalidBaseImagePlatform as buildkitMessage } from '../tool-errors.ts';
import { finding, type Rule } from './rule.ts';

export const invalidBaseImagePlatform: Rule = {
  code: 'rule/invalid-base-image-platform',
  severity: 'warning',
  title: "Build on an image for the build's own platform",
  explanation:
    'A tag such as `latest-arm64` names one platform’s image: BuildKit uses it whatever platform the build is ' +
    'for, and programs compiled for another architecture fail with `exec format error` when the container ' +
    'starts. Use the multi-platform tag (`latest`), which gives each build the image of its platform.',
  bad: 'FROM gcr.io/distroless/static-debian13:nonroot-arm64\nCOPY --chmod=755 app /app\nENTRYPOINT ["/app"]\n',
  good: 'FROM gcr.io/distroless/static-debian13:nonroot\nCOPY --chmod=755 app /app\nENTRYPOINT ["/app"]\n',
  refs: { buildkit: 'InvalidBaseImagePlatform' },
  needs: { build: true, context: { app: 'a static Go binary' } },
  check(input) {
    const diagnostics: Diagnostic[] = [];
    for (const stage of input.build?.stages ?? []) {
      const base = stage.base;
      const from = input.dockerfile.stages[stage.index]?.from;
      if (base?.kind !== 'image' || !base.platformMismatch || !from) continue;
      const { expected, actual } = base.platformMismatch;
      diagnostics.push(
        finding(invalidBaseImagePlatform, from.range, buildkitMessage(stage.reference, expected, actual)),
      );
    }
    return diagnostics;
  },
};

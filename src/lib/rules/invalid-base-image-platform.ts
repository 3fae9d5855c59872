/**
 * A base image that came in another platform than the build's: a single-platform tag
 * (`static-debian13:latest-arm64`), or an index that lacks the platform but has one it runs
 * (linux/386 for linux/amd64). BuildKit pulls it anyway and warns; the binaries in it may not run.
 */
import { basePlatform } from '../build/base-platform.ts';
import { PLATFORM_ARGS, resolveStages, type Stage } from '../dockerfile/index.ts';
import { invalidBaseImagePlatform as buildkitMessage } from '../tool-errors.ts';
import { finding, type Rule, type RuleInput } from './rule.ts';

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
    const mismatches = input.build ? builtMismatches(input) : resolvedMismatches(input);
    return mismatches.map(({ index, reference, expected, actual }) =>
      finding(
        invalidBaseImagePlatform,
        (input.dockerfile.stages[index] as Stage).from.range,
        buildkitMessage(reference, expected, actual),
      ),
    );
  },
};

interface Mismatch {
  readonly index: number;
  readonly reference: string;
  readonly expected: string;
  readonly actual: string;
}

/** From the build: the platform each base actually came in. */
function builtMismatches(input: RuleInput): Mismatch[] {
  return (input.build?.stages ?? []).flatMap((stage) => {
    const base = stage.base;
    if (base?.kind !== 'image' || !base.platformMismatch) return [];
    return [{ index: stage.index, reference: stage.reference, ...base.platformMismatch }];
  });
}

/** Without a build (`docker build --check`): each base resolved for its platform from the tag histories. */
function resolvedMismatches(input: RuleInput): Mismatch[] {
  const lookup = input.imagePlatforms;
  const stages = lookup ? resolveStages(input.dockerfile) : undefined;
  if (!lookup || !stages?.ok) return [];
  return stages.value.flatMap((stage) => {
    if (stage.base.kind !== 'image') return [];
    const wanted = stage.platform ?? (PLATFORM_ARGS.get('TARGETPLATFORM') as string);
    const platform = basePlatform(stage.reference, wanted, lookup(stage.reference));
    if (!platform.ok || !platform.mismatch) return [];
    return [{ index: stage.index, reference: stage.reference, ...platform.mismatch }];
  });
}

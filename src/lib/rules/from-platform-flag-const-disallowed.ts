/** `FROM --platform=linux/amd64`: a fixed platform, which a multi-platform build cannot change. */
import type { Diagnostic } from '../diagnostic.ts';
import { parsePlatform, platformWord } from './from-platform.ts';
import { finding, type Rule } from './rule.ts';
import { flagValueRange } from './source-text.ts';

export const fromPlatformFlagConstDisallowed: Rule = {
  code: 'rule/from-platform-flag-const-disallowed',
  severity: 'warning',
  title: 'Use a variable, not a fixed value, in FROM --platform',
  explanation:
    '`FROM --platform=linux/amd64` pins a stage to one platform whatever `docker build --platform` asks for: an ' +
    'arm64 build then gets amd64 binaries, which fail with `exec format error`. Use `$BUILDPLATFORM` for stages that ' +
    'run build tools and leave the final stage to the target platform. BuildKit accepts a fixed value when the stage ' +
    'name says which platform it is for (`AS build-amd64`).',
  bad: 'FROM --platform=linux/amd64 golang:1.26 AS build\nWORKDIR /src\n',
  good: 'FROM --platform=$BUILDPLATFORM golang:1.26 AS build\nWORKDIR /src\n',
  refs: { buildkit: 'FromPlatformFlagConstDisallowed' },
  check(input) {
    const diagnostics: Diagnostic[] = [];
    for (const stage of input.dockerfile.stages) {
      const platform = platformWord(input, stage.from);
      if (platform === undefined || platform.variables.size > 0) continue;
      const parsed = parsePlatform(platform.value);
      if (!parsed.ok) continue;
      const name = stage.from.stageName?.value ?? '';
      if (name.includes(parsed.os) || name.includes(parsed.architecture)) continue;
      diagnostics.push(
        finding(
          fromPlatformFlagConstDisallowed,
          flagValueRange(input, platform.word, 'platform'),
          `FROM --platform flag should not use constant value "${platform.value}"`,
          { hint: 'Write --platform=$BUILDPLATFORM for a build stage, or leave --platform out.' },
        ),
      );
    }
    return diagnostics;
  },
};

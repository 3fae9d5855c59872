/** `FROM --platform=$TARGETPLATFORM`: the platform every stage is built for anyway. */
import type { Diagnostic } from '../diagnostic.ts';
import { PLATFORM_ARGS } from '../dockerfile/index.ts';
import { platformWord } from './from-platform.ts';
import { finding, type Rule } from './rule.ts';
import { flagValueRange } from './source-text.ts';

export const redundantTargetPlatform: Rule = {
  code: 'rule/redundant-target-platform',
  severity: 'warning',
  title: 'Leave out --platform=$TARGETPLATFORM: it is the default',
  explanation:
    'Every stage is built for the target platform unless FROM says otherwise, so `--platform=$TARGETPLATFORM` ' +
    'changes nothing and suggests to a reader that it does. `--platform` is useful the other way round: ' +
    '`FROM --platform=$BUILDPLATFORM golang:1.26 AS build` runs the compiler natively and cross-compiles for the target.',
  bad: 'FROM --platform=$TARGETPLATFORM alpine:3.21\nRUN adduser -D -u 10001 app\nUSER 10001\n',
  good: 'FROM alpine:3.21\nRUN adduser -D -u 10001 app\nUSER 10001\n',
  refs: { buildkit: 'RedundantTargetPlatform' },
  check(input) {
    const diagnostics: Diagnostic[] = [];
    for (const stage of input.dockerfile.stages) {
      const platform = platformWord(input, stage.from);
      if (platform === undefined || platform.unmatched.length > 0) continue;
      if (platform.variables.size !== 1 || !platform.variables.has('TARGETPLATFORM')) continue;
      if (platform.value !== PLATFORM_ARGS.get('TARGETPLATFORM')) continue;
      diagnostics.push(
        finding(
          redundantTargetPlatform,
          flagValueRange(input, platform.word, 'platform'),
          `Setting platform to predefined ${platform.word.value} in FROM is redundant as this is the default behavior`,
        ),
      );
    }
    return diagnostics;
  },
};

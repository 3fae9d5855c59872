/**
 * Every best-practice rule, and `lint`, which runs them over a Dockerfile (and its build, when there
 * is one) and returns the findings in source order. One rule per file, named after its code.
 */
import type { BuildResult } from '../build/result.ts';
import type { Diagnostic } from '../diagnostic.ts';
import { parseDockerfile } from '../dockerfile/index.ts';
import { apkNoCache } from './apk-no-cache.ts';
import { aptListsNotRemoved } from './apt-lists-not-removed.ts';
import { aptNoInstallRecommends } from './apt-no-install-recommends.ts';
import { commandFileMissing } from './command-file-missing.ts';
import { copyFromOwnStage } from './copy-from-own-stage.ts';
import { copyFromUnknownStage } from './copy-from-unknown-stage.ts';
import { copyManifestsFirst } from './copy-manifests-first.ts';
import { copyWholeFilesystem } from './copy-whole-filesystem.ts';
import { duplicateStageName } from './duplicate-stage-name.ts';
import { finalUserRoot } from './final-user-root.ts';
import { fromAsCasing } from './from-as-casing.ts';
import { jsonArgs } from './json-args.ts';
import { maintainerDeprecated } from './maintainer-deprecated.ts';
import { pathMissesBin } from './path-misses-bin.ts';
import { pinBaseImage } from './pin-base-image.ts';
import { pipNoCacheDir } from './pip-no-cache-dir.ts';
import { reservedStageName } from './reserved-stage-name.ts';
import type { Rule, RuleInput } from './rule.ts';
import { secretsInArgEnv } from './secrets-in-arg-env.ts';
import { stageNameCasing } from './stage-name-casing.ts';
import { undefinedArgInFrom } from './undefined-arg-in-from.ts';
import { workdirRelativePath } from './workdir-relative-path.ts';

export type { Rule, RuleInput, RuleRefs } from './rule.ts';
export { ruleUrl } from './rule.ts';

/** Grouped as the reference page lists them: stages and bases, instructions, packages and caches, the final image. */
export const RULES: readonly Rule[] = [
  pinBaseImage,
  undefinedArgInFrom,
  duplicateStageName,
  reservedStageName,
  stageNameCasing,
  fromAsCasing,
  copyFromOwnStage,
  copyFromUnknownStage,
  copyWholeFilesystem,
  jsonArgs,
  workdirRelativePath,
  maintainerDeprecated,
  secretsInArgEnv,
  copyManifestsFirst,
  aptListsNotRemoved,
  aptNoInstallRecommends,
  apkNoCache,
  pipNoCacheDir,
  finalUserRoot,
  pathMissesBin,
  commandFileMissing,
];

const BY_CODE: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.code, rule]));

export function ruleByCode(code: string): Rule | undefined {
  return BY_CODE.get(code);
}

function bySourceOrder(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start.offset - b.range.start.offset ||
    a.range.end.offset - b.range.end.offset ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

/** Every rule's findings, in source order (line, then column, then code). */
export function lint(input: RuleInput, rules: readonly Rule[] = RULES): Diagnostic[] {
  return rules.flatMap((rule) => rule.check(input)).sort(bySourceOrder);
}

/** Parses and lints in one step; a Dockerfile that does not parse has no findings (its parse error says it all). */
export function lintText(text: string, build?: BuildResult): Diagnostic[] {
  const parsed = parseDockerfile(text);
  if (!parsed.ok) return [];
  return lint({ dockerfile: parsed.dockerfile, text, ...(build === undefined ? {} : { build }) });
}

/**
 * Every best-practice rule, and `lint`, which runs them over a Dockerfile (and its build, when there
 * is one) and returns the findings in source order. One rule per file, named after its code.
 */
import type { BuildResult } from '../build/result.ts';
import type { Diagnostic } from '../diagnostic.ts';
import { parseDockerfile } from '../dockerfile/index.ts';
import { addInsteadOfCopy } from './add-instead-of-copy.ts';
import { apkNoCache } from './apk-no-cache.ts';
import { apkVersionUnpinned } from './apk-version-unpinned.ts';
import { aptListsNotRemoved } from './apt-lists-not-removed.ts';
import { aptNoInstallRecommends } from './apt-no-install-recommends.ts';
import { aptVersionUnpinned } from './apt-version-unpinned.ts';
import type { CheckOptions } from './check-options.ts';
import { allowed, fileCheckOptions, InstructionLocator } from './check-scope.ts';
import { commandFileMissing } from './command-file-missing.ts';
import { consistentInstructionCasing } from './consistent-instruction-casing.ts';
import { copyFromOwnStage } from './copy-from-own-stage.ts';
import { copyFromUnknownStage } from './copy-from-unknown-stage.ts';
import { copyIgnoredFile } from './copy-ignored-file.ts';
import { copyManifestsFirst } from './copy-manifests-first.ts';
import { copyWholeFilesystem } from './copy-whole-filesystem.ts';
import { duplicateStageName } from './duplicate-stage-name.ts';
import { exposeInvalidFormat } from './expose-invalid-format.ts';
import { exposeProtoCasing } from './expose-proto-casing.ts';
import { finalUserRoot } from './final-user-root.ts';
import { fromAsCasing } from './from-as-casing.ts';
import { fromPlatformFlagConstDisallowed } from './from-platform-flag-const-disallowed.ts';
import { goInstallUnpinned } from './go-install-unpinned.ts';
import { healthcheckNeedsShell } from './healthcheck-needs-shell.ts';
import { invalidBaseImagePlatform } from './invalid-base-image-platform.ts';
import { invalidDefaultArgInFrom } from './invalid-default-arg-in-from.ts';
import { invalidDefinitionDescription } from './invalid-definition-description.ts';
import { jsonArgs } from './json-args.ts';
import { legacyKeyValueFormat } from './legacy-key-value-format.ts';
import { maintainerDeprecated } from './maintainer-deprecated.ts';
import { multipleInstructionsDisallowed } from './multiple-instructions-disallowed.ts';
import { pathMissesBin } from './path-misses-bin.ts';
import { pinBaseImage } from './pin-base-image.ts';
import { pipNoCacheDir } from './pip-no-cache-dir.ts';
import { pipVersionUnpinned } from './pip-version-unpinned.ts';
import { pipefailMissing } from './pipefail-missing.ts';
import { redundantTargetPlatform } from './redundant-target-platform.ts';
import { reservedStageName } from './reserved-stage-name.ts';
import type { Rule, RuleInput } from './rule.ts';
import { secretsInArgEnv } from './secrets-in-arg-env.ts';
import { stageNameCasing } from './stage-name-casing.ts';
import { undefinedArgInFrom } from './undefined-arg-in-from.ts';
import { undefinedVar } from './undefined-var.ts';
import { userNotNumeric } from './user-not-numeric.ts';
import { workdirRelativePath } from './workdir-relative-path.ts';

export type { Rule, RuleInput, RuleRefs } from './rule.ts';
export { ruleUrl } from './rule.ts';

/** Grouped as the reference page lists them: stages and bases, instructions, packages and caches, the final image. */
export const RULES: readonly Rule[] = [
  pinBaseImage,
  undefinedArgInFrom,
  invalidDefaultArgInFrom,
  redundantTargetPlatform,
  fromPlatformFlagConstDisallowed,
  invalidBaseImagePlatform,
  duplicateStageName,
  reservedStageName,
  stageNameCasing,
  fromAsCasing,
  consistentInstructionCasing,
  invalidDefinitionDescription,
  copyFromOwnStage,
  copyFromUnknownStage,
  copyWholeFilesystem,
  copyIgnoredFile,
  addInsteadOfCopy,
  undefinedVar,
  jsonArgs,
  multipleInstructionsDisallowed,
  legacyKeyValueFormat,
  exposeProtoCasing,
  exposeInvalidFormat,
  healthcheckNeedsShell,
  pipefailMissing,
  workdirRelativePath,
  maintainerDeprecated,
  secretsInArgEnv,
  copyManifestsFirst,
  aptListsNotRemoved,
  aptNoInstallRecommends,
  apkNoCache,
  pipNoCacheDir,
  aptVersionUnpinned,
  apkVersionUnpinned,
  pipVersionUnpinned,
  goInstallUnpinned,
  finalUserRoot,
  userNotNumeric,
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

/**
 * Every rule's findings that the file's `# check=` directive and the instructions' own `# check=`
 * comments let through, in source order (line, then column, then code).
 */
export function lint(
  input: RuleInput,
  rules: readonly Rule[] = RULES,
  options: CheckOptions = fileCheckOptions(input.dockerfile),
): Diagnostic[] {
  const located = new InstructionLocator(input.dockerfile);
  return rules
    .flatMap((rule) =>
      rule
        .check(input)
        .filter((diagnostic) => allowed(rule, options, located.at(diagnostic.range.start.offset))),
    )
    .sort(bySourceOrder);
}

/** Parses and lints in one step; a Dockerfile that does not parse has no findings (its parse error says it all). */
export function lintText(text: string, build?: BuildResult): Diagnostic[] {
  const parsed = parseDockerfile(text);
  if (!parsed.ok) return [];
  return lint({ dockerfile: parsed.dockerfile, text, ...(build === undefined ? {} : { build }) });
}

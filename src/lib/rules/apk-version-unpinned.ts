/** `apk add pkg` without `pkg=version` or `pkg~version`: a rebuild installs the index's newest. */
import type { Diagnostic } from '../diagnostic.ts';
import { finding, type Rule } from './rule.ts';
import { type CommandWord, commandName, commandsOf, operands } from './run-commands.ts';
import { allRuns } from './stages.ts';

const APK_OPTIONS_WITH_VALUE = new Set([
  '-t',
  '--virtual',
  '-X',
  '--repository',
  '-p',
  '--root',
  '--arch',
  '--cache-dir',
  '--keys-dir',
  '--repositories-file',
]);

/** A package named without a constraint; a local .apk, a path or a word with an expansion is not one. */
function unpinned(word: CommandWord): boolean {
  const value = word.value;
  return value !== undefined && !/[=~<>]/.test(value) && !value.includes('/') && !value.endsWith('.apk');
}

export const apkVersionUnpinned: Rule = {
  code: 'rule/apk-version-unpinned',
  severity: 'info',
  title: 'Pin the versions of Alpine packages, or the base image they come from',
  explanation:
    '`apk add curl` installs the newest curl in the Alpine index on the day of the build, so two builds of the same ' +
    'Dockerfile can differ. `curl=8.14.1-r2` names one version and `curl~8.14` any release of 8.14. Alpine keeps ' +
    'only the current version of a package in a branch, so an exact pin fails once a fix replaces it; pinning the ' +
    'base image by digest (or by a full tag such as `alpine:3.24.1`) fixes the branch and its package set for ' +
    'longer. Every stage is checked: a builder stage decides what the build produces.',
  bad: 'FROM alpine:3.22\nRUN apk add --no-cache curl\n',
  good: 'FROM alpine:3.22\nRUN apk add --no-cache curl~8.14\n',
  refs: { hadolint: ['DL3018'] },
  check(input) {
    const diagnostics: Diagnostic[] = [];
    for (const command of commandsOf(input, allRuns(input))) {
      if (commandName(command) !== 'apk') continue;
      const [verb, ...packages] = operands(command, APK_OPTIONS_WITH_VALUE);
      if (verb?.value !== 'add') continue;
      const loose = packages.filter(unpinned);
      const first = loose[0];
      if (!first) continue;
      diagnostics.push(
        finding(
          apkVersionUnpinned,
          first.range,
          `apk add without a version for ${loose.map((word) => word.value).join(', ')}: a rebuild installs whatever the index holds then`,
        ),
      );
    }
    return diagnostics;
  },
};

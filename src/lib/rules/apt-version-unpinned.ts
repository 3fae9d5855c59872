/** `apt-get install pkg` without `pkg=version`: a rebuild installs whatever the mirror holds that day. */
import type { Diagnostic } from '../diagnostic.ts';
import { finding, type Rule } from './rule.ts';
import { type CommandWord, commandName, commandsOf, operands } from './run-commands.ts';
import { allRuns } from './stages.ts';

const APT = new Set(['apt-get', 'apt']);
const APT_OPTIONS_WITH_VALUE = new Set([
  '-o',
  '-c',
  '-t',
  '--option',
  '--config-file',
  '--target-release',
  '--default-release',
]);

/** A package named without a version; a local .deb, a path or a word with an expansion is not one. */
function unpinned(word: CommandWord): boolean {
  const value = word.value;
  return value !== undefined && !value.includes('=') && !value.includes('/') && !value.endsWith('.deb');
}

export const aptVersionUnpinned: Rule = {
  code: 'rule/apt-version-unpinned',
  severity: 'info',
  title: 'Pin the versions of Debian packages, or the base image they come from',
  explanation:
    '`apt-get install curl` installs the newest curl the mirror has on the day of the build, so two builds of the ' +
    'same Dockerfile can differ. `curl=7.88.1-10+deb12u15` names one version. Debian keeps only the current version ' +
    'of each package in a release, though: once a security update replaces it, an exact pin fails with ' +
    '"Version … was not found". The steadier fix is to pin the base image by digest (or a dated tag such as ' +
    '`debian:bookworm-20261201`) and, where builds must repeat exactly, to read packages from snapshot.debian.org. ' +
    'Every stage is checked: a builder stage decides what the build produces.',
  bad: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
  good: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u15 && rm -rf /var/lib/apt/lists/*\n',
  refs: { hadolint: ['DL3008'] },
  check(input) {
    const diagnostics: Diagnostic[] = [];
    for (const command of commandsOf(input, allRuns(input))) {
      const name = commandName(command);
      if (name === undefined || !APT.has(name)) continue;
      const [verb, ...packages] = operands(command, APT_OPTIONS_WITH_VALUE);
      if (verb?.value !== 'install') continue;
      const loose = packages.filter(unpinned);
      const first = loose[0];
      if (!first) continue;
      diagnostics.push(
        finding(
          aptVersionUnpinned,
          first.range,
          `${name} install without a version for ${loose.map((word) => word.value).join(', ')}: a rebuild installs whatever the mirror holds then`,
        ),
      );
    }
    return diagnostics;
  },
};

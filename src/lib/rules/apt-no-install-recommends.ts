/** `apt-get install` without `--no-install-recommends`: Debian then installs every recommended package too. */
import type { Diagnostic } from '../diagnostic.ts';
import { finding, insertFix, type Rule } from './rule.ts';
import { commandName, hasFlag, runScripts, subcommand } from './run-commands.ts';
import { shippedRuns } from './stages.ts';

const APT = new Set(['apt-get', 'apt']);
const APT_OPTIONS_WITH_VALUE = new Set(['-o', '-c', '-t', '--option', '--config-file', '--target-release']);

export const aptNoInstallRecommends: Rule = {
  code: 'rule/apt-no-install-recommends',
  severity: 'info',
  title: 'Install Debian packages with --no-install-recommends',
  explanation:
    'By default apt installs the packages a package recommends as well as those it needs: `apt-get install curl` ' +
    'also brings manuals, extra libraries and tools you did not ask for. Each is more bytes and more code an attacker ' +
    'can use. `--no-install-recommends` installs only the dependencies. Only stages whose files end up in the final ' +
    'image are checked.',
  bad: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
  good: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u15 && rm -rf /var/lib/apt/lists/*\n',
  refs: { hadolint: ['DL3015'] },
  check(input) {
    const diagnostics: Diagnostic[] = [];
    for (const run of shippedRuns(input)) {
      for (const script of runScripts(input, run)) {
        for (const command of script.commands) {
          const name = commandName(command);
          if (name === undefined || !APT.has(name)) continue;
          const install = subcommand(command, APT_OPTIONS_WITH_VALUE);
          if (install?.value !== 'install') continue;
          const disabled =
            hasFlag(command, '--no-install-recommends') ||
            command.words.some((word) => /^APT::Install-Recommends=(false|0|no)$/i.test(word.value ?? ''));
          if (disabled) continue;
          diagnostics.push(
            finding(
              aptNoInstallRecommends,
              install.range,
              `${name} install also installs recommended packages: add --no-install-recommends`,
              {
                fixes:
                  install.after === undefined
                    ? []
                    : [insertFix('Add --no-install-recommends', install.after, ' --no-install-recommends')],
              },
            ),
          );
        }
      }
    }
    return diagnostics;
  },
};

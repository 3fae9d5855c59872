/** `apt-get update` whose package lists stay in the layer: tens of megabytes the program never reads. */
import type { Diagnostic } from '../diagnostic.ts';
import { finding, insertFix, type Rule } from './rule.ts';
import {
  commandName,
  mountsCacheOn,
  runScripts,
  type SimpleCommandWords,
  subcommand,
} from './run-commands.ts';
import { shippedRuns } from './stages.ts';

const APT = new Set(['apt-get', 'apt', 'aptitude']);
const APT_OPTIONS_WITH_VALUE = new Set(['-o', '-c', '-t', '--option', '--config-file', '--target-release']);
const CLEANUP = ' && rm -rf /var/lib/apt/lists/*';
// What empties the lists: the folder or everything in it, not `lists/lock` or `lists/partial` alone.
const LISTS = /^\/var\/lib\/apt(\/lists)?\/?\*?$/;

/** An `rm` that deletes the package lists; only one that runs after `apt-get update` helps. */
function removesLists(command: SimpleCommandWords): boolean {
  return commandName(command) === 'rm' && command.words.some((word) => LISTS.test(word.value ?? ''));
}

export const aptListsNotRemoved: Rule = {
  code: 'rule/apt-lists-not-removed',
  severity: 'info',
  title: 'Remove the apt package lists in the RUN that downloaded them',
  explanation:
    '`apt-get update` downloads the package lists into `/var/lib/apt/lists`, tens of megabytes that nothing reads ' +
    'at run time. Delete them at the end of the same RUN (`&& rm -rf /var/lib/apt/lists/*`): each RUN is a layer, ' +
    'and deleting them in a later RUN hides the files without making the image any smaller. A cache mount on ' +
    '`/var/lib/apt/lists` keeps them out of the layer too. Only stages whose files end up in the final image are ' +
    'checked: lists left in a build stage you only copy artifacts from cost nothing.',
  bad: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates\n',
  good: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates=20250419~deb12u2 \\\n    && rm -rf /var/lib/apt/lists/*\n',
  refs: { hadolint: ['DL3009'] },
  check(input) {
    const diagnostics: Diagnostic[] = [];
    for (const run of shippedRuns(input)) {
      if (mountsCacheOn(run, '/var/lib/apt')) continue;
      for (const script of runScripts(input, run)) {
        for (const [at, command] of script.commands.entries()) {
          const name = commandName(command);
          if (name === undefined || !APT.has(name)) continue;
          const update = subcommand(command, APT_OPTIONS_WITH_VALUE);
          if (update?.value !== 'update' || script.commands.slice(at + 1).some(removesLists)) continue;
          diagnostics.push(
            finding(
              aptListsNotRemoved,
              update.range,
              `${name} update leaves the package lists in /var/lib/apt/lists in this layer: remove them in the same RUN`,
              {
                hint: 'End the RUN with && rm -rf /var/lib/apt/lists/*; removing them in a later RUN does not shrink the image.',
                fixes:
                  script.end === undefined
                    ? []
                    : [
                        insertFix(
                          'Append && rm -rf /var/lib/apt/lists/*',
                          script.end,
                          // After a trailing `;` a new command starts; `&&` there would be a syntax error.
                          /;\s*$/.test(script.text) ? ' rm -rf /var/lib/apt/lists/*' : CLEANUP,
                        ),
                      ],
              },
            ),
          );
          break;
        }
      }
    }
    return diagnostics;
  },
};

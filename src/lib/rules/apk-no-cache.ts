/** `apk add` without `--no-cache`: the package index stays in /var/cache/apk. */
import type { Diagnostic } from '../diagnostic.ts';
import { finding, insertFix, type Rule } from './rule.ts';
import { commandName, hasFlag, mountsCacheOn, runScripts, subcommand } from './run-commands.ts';
import { shippedStages, withTriggers } from './stages.ts';

const APK_OPTIONS_WITH_VALUE = new Set(['-X', '--repository', '-p', '--root', '--arch', '--cache-dir']);

export const apkNoCache: Rule = {
  code: 'rule/apk-no-cache',
  severity: 'info',
  title: 'Install Alpine packages with apk add --no-cache',
  explanation:
    '`apk add` without `--no-cache` needs a package index (from `apk update` or `--update`) and leaves it in ' +
    '`/var/cache/apk`, where it stays in the layer. `apk add --no-cache` fetches the index, installs, and keeps ' +
    'nothing, with no `rm -rf /var/cache/apk/*` to remember. Only stages whose files end up in the final image are ' +
    'checked.',
  bad: 'FROM alpine:3.22\nRUN apk update && apk add ca-certificates\n',
  good: 'FROM alpine:3.22\nRUN apk add --no-cache ca-certificates\n',
  refs: { hadolint: ['DL3019'] },
  check(input) {
    const shipped = shippedStages(input);
    const diagnostics: Diagnostic[] = [];
    for (const stage of input.dockerfile.stages) {
      if (!shipped.has(stage.index)) continue;
      for (const run of withTriggers(stage.instructions)) {
        if (run.kind !== 'RUN' || mountsCacheOn(run, '/var/cache/apk')) continue;
        for (const script of runScripts(input, run)) {
          for (const command of script.commands) {
            if (commandName(command) !== 'apk') continue;
            const add = subcommand(command, APK_OPTIONS_WITH_VALUE);
            if (add?.value !== 'add' || hasFlag(command, '--no-cache')) continue;
            diagnostics.push(
              finding(
                apkNoCache,
                add.range,
                'apk add without --no-cache leaves the package index in /var/cache/apk',
                {
                  hint: 'Write apk add --no-cache …; then apk update and rm -rf /var/cache/apk/* are not needed.',
                  fixes:
                    add.after === undefined ? [] : [insertFix('Add --no-cache', add.after, ' --no-cache')],
                },
              ),
            );
          }
        }
      }
    }
    return diagnostics;
  },
};

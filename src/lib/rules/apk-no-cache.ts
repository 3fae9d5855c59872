/** `apk add` without `--no-cache`: the package index stays in /var/cache/apk. */
import type { Diagnostic, Fix, TextEdit } from '../diagnostic.ts';
import { finding, type Rule } from './rule.ts';
import {
  type CommandWord,
  commandName,
  hasFlag,
  mountsCacheOn,
  type RunScript,
  runScripts,
  type SimpleCommandWords,
  subcommand,
} from './run-commands.ts';
import { shippedRuns } from './stages.ts';

const APK_OPTIONS_WITH_VALUE = new Set(['-X', '--repository', '-p', '--root', '--arch', '--cache-dir']);

const INDEX = /^\/var\/cache\/apk\/?\*?$/;

function removesIndex(command: SimpleCommandWords): boolean {
  return commandName(command) === 'rm' && command.words.some((word) => INDEX.test(word.value ?? ''));
}

/**
 * `apk add` without --no-cache; or, when every add has it, an `apk update` whose index nothing
 * removes afterwards: --no-cache does not delete what `apk update` downloaded.
 */
function scriptFindings(script: RunScript): Diagnostic[] {
  const found: Diagnostic[] = [];
  const updates: { word: CommandWord; drop: TextEdit | undefined }[] = [];
  for (const [at, command] of script.commands.entries()) {
    if (commandName(command) !== 'apk') continue;
    const word = subcommand(command, APK_OPTIONS_WITH_VALUE);
    if (word?.value === 'update' && !script.commands.slice(at + 1).some(removesIndex))
      updates.push({ word, drop: dropCommand(command, script.commands[at + 1]) });
    if (word?.value !== 'add' || hasFlag(command, '--no-cache')) continue;
    const drops = updates.flatMap((update) => (update.drop ? [update.drop] : []));
    found.push(addFinding(word, word.after === undefined ? [] : [noCacheFix(word.after, drops)]));
  }
  if (found.length > 0) return found;
  return updates.map(({ word, drop }) =>
    finding(
      apkNoCache,
      word.range,
      'apk update leaves the package index in /var/cache/apk: apk add --no-cache does not remove it',
      {
        hint: 'Leave out apk update: apk add --no-cache fetches a fresh index and keeps nothing.',
        fixes: drop === undefined ? [] : [{ title: 'Drop apk update', edits: [drop] }],
      },
    ),
  );
}

function addFinding(word: CommandWord, fixes: Fix[]): Diagnostic {
  return finding(
    apkNoCache,
    word.range,
    'apk add without --no-cache leaves the package index in /var/cache/apk',
    {
      hint: 'Write apk add --no-cache …; then apk update and rm -rf /var/cache/apk/* are not needed.',
      fixes,
    },
  );
}

/** Inserts --no-cache after `add`, and drops the `apk update` before it, which would still leave its index. */
function noCacheFix(after: number, drops: readonly TextEdit[]): Fix {
  const title = drops.length > 0 ? 'Add --no-cache, drop apk update' : 'Add --no-cache';
  return { title, edits: [...drops, { from: after, to: after, insert: ' --no-cache' }] };
}

/** The edit that deletes `apk update && ` up to the next command. */
function dropCommand(
  command: SimpleCommandWords,
  next: SimpleCommandWords | undefined,
): TextEdit | undefined {
  const from = command.words[0]?.range.start.offset;
  const to = next?.words[0]?.range.start.offset;
  return from === undefined || to === undefined ? undefined : { from, to, insert: '' };
}

export const apkNoCache: Rule = {
  code: 'rule/apk-no-cache',
  severity: 'info',
  title: 'Install Alpine packages with apk add --no-cache',
  explanation:
    '`apk add` without `--no-cache` needs a package index (from `apk update` or `--update`) and leaves it in ' +
    '`/var/cache/apk`, where it stays in the layer. `apk add --no-cache` fetches the index, installs, and keeps ' +
    'nothing, with no `rm -rf /var/cache/apk/*` to remember. An `apk update` before it still leaves its index ' +
    'behind, so leave that out. Only stages whose files end up in the final image are checked.',
  bad: 'FROM alpine:3.22\nRUN apk update && apk add ca-certificates\n',
  good: 'FROM alpine:3.22\nRUN apk add --no-cache ca-certificates=20260909-r0\n',
  refs: { hadolint: ['DL3019'] },
  check(input) {
    const diagnostics: Diagnostic[] = [];
    for (const run of shippedRuns(input)) {
      if (mountsCacheOn(run, '/var/cache/apk')) continue;
      for (const script of runScripts(input, run)) diagnostics.push(...scriptFindings(script));
    }
    return diagnostics;
  },
};

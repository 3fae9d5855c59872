/** `useradd -u 100000 app` without `-l`: /var/log/lastlog grows to one 292-byte record per UID. */
import type { Diagnostic } from '../diagnostic.ts';
import { finding, insertFix, type Rule } from './rule.ts';
import { commandName, hasFlag, runScripts } from './run-commands.ts';
import { shippedRuns } from './stages.ts';

/** lastlog(8) keeps a 292-byte record for every UID from 0 up to the highest; see shell/commands/useradd.ts. */
const LASTLOG_RECORD = 292;
/** From six digits on, the file is tens of megabytes (hadolint's threshold too). */
const HIGH_UID = 100_000;

export const useraddWithoutNoLogInit: Rule = {
  code: 'rule/useradd-without-no-log-init',
  severity: 'warning',
  title: 'Add -l (--no-log-init) to useradd with a high UID',
  explanation:
    '`useradd` records each new user in `/var/log/lastlog`, a file with one 292-byte slot per UID from 0 up to the ' +
    'highest. The file is sparse on disk, but an image layer stores it in full: `useradd -u 1000000 app` adds about ' +
    '292 MB of zeros. `-l` (`--no-log-init`) skips the lastlog record. Only stages whose files end up in the final ' +
    'image are checked.',
  bad: 'FROM debian:bookworm-slim\nRUN useradd -u 1000000 app\nUSER app\n',
  good: 'FROM debian:bookworm-slim\nRUN useradd -l -u 1000000 app\nUSER 1000000\n',
  refs: { hadolint: ['DL3046'] },
  check(input) {
    const diagnostics: Diagnostic[] = [];
    for (const run of shippedRuns(input)) {
      for (const command of runScripts(input, run).flatMap((script) => script.commands)) {
        if (commandName(command) !== 'useradd' || hasFlag(command, '-l', '--no-log-init')) continue;
        const at = command.words.findIndex((word) => word.value === '-u' || word.value === '--uid');
        const uid = Number(
          command.words[at + 1]?.value ??
            command.words.find((w) => w.value?.startsWith('--uid='))?.value?.slice(6),
        );
        const name = command.words[0];
        if (!Number.isInteger(uid) || uid < HIGH_UID || name === undefined) continue;
        const bytes = LASTLOG_RECORD * (uid + 1);
        diagnostics.push(
          finding(
            useraddWithoutNoLogInit,
            name.range,
            `useradd -u ${uid} without -l makes /var/log/lastlog ${bytes.toLocaleString('en')} bytes in the layer`,
            {
              hint: 'Add -l (--no-log-init): the container never needs lastlog records.',
              fixes: name.after === undefined ? [] : [insertFix('Add -l', name.after, ' -l')],
            },
          ),
        );
      }
    }
    return diagnostics;
  },
};

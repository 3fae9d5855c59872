/**
 * apt-mark auto: marks installed packages as automatically installed in apt's extended_states, so
 * that autoremove may take them (recorded: apt-bookworm-autoremove). Other subcommands are not
 * simulated and say so.
 */
import { autoInstalled, autoStanza, EXTENDED_STATES, statesText } from '../../packages/extended-states.ts';
import { type CommandModule, type CommandResult, noteGap } from '../command.ts';

export const aptMark: CommandModule = {
  names: ['apt-mark'],
  run(context): CommandResult {
    const [sub, ...names] = context.args.filter((arg) => !arg.startsWith('-'));
    if (sub !== 'auto') {
      noteGap(context.state, 'not-followed', `apt-mark ${sub ?? ''} is not simulated.`);
      return { status: 0 };
    }
    const text = statesText(context.fs.stat(EXTENDED_STATES));
    if (text === undefined) {
      noteGap(
        context.state,
        'not-followed',
        "apt's extended_states is not known here: apt-mark auto is not simulated.",
      );
      return { status: 0 };
    }
    const auto = autoInstalled(text);
    let stdout = '';
    let added = '';
    for (const name of names) {
      if (
        !context.fs.stat(`/var/lib/dpkg/info/${name}.list`) &&
        !context.fs.stat(`/var/lib/dpkg/info/${name}:amd64.list`)
      ) {
        noteGap(
          context.state,
          'not-followed',
          `apt-mark auto ${name}: the package is not installed here; not simulated.`,
        );
        continue;
      }
      if (auto.has(name)) {
        stdout += `${name} was already set to automatically installed.\n`;
        continue;
      }
      stdout += `${name} set to automatically installed.\n`;
      added += autoStanza(name, 'amd64');
    }
    if (added !== '') context.fs.write(EXTENDED_STATES, text + added, 0o644);
    return { status: 0, stdout };
  },
};

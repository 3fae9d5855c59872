/**
 * env and printenv: the environment a command sees. `env NAME=value command…` runs the command
 * with those variables added, through a child shell.
 */
import { type CommandModule, type CommandResult, ok } from '../command.ts';

function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function listing(env: ReadonlyMap<string, string>): string {
  return [...env].map(([key, value]) => `${key}=${value}\n`).join('');
}

export const env: CommandModule = {
  names: ['env'],
  async run({ args, env: variables, stdin, script }): Promise<CommandResult> {
    const environment = new Map(variables);
    let at = 0;
    for (; at < args.length; at++) {
      const arg = args[at] as string;
      if (arg === '--') {
        at++;
        break;
      }
      if (arg === '-i' || arg === '-' || arg === '--ignore-environment') environment.clear();
      else if (arg === '-u') environment.delete(args[++at] ?? '');
      else if (arg.startsWith('-'))
        return {
          status: 125,
          stderr: `env: invalid option -- '${arg.slice(1, 2)}'\nTry 'env --help' for more information.\n`,
        };
      else break;
    }
    for (; at < args.length && /^\w+=/.test(args[at] as string); at++) {
      const assignment = args[at] as string;
      const eq = assignment.indexOf('=');
      environment.set(assignment.slice(0, eq), assignment.slice(eq + 1));
    }
    const command = args.slice(at);
    if (command.length === 0) return ok(listing(environment));
    // The child shell starts from the environment built here, so -i and -u hold for the command.
    const assignments = [...environment].map(([key, value]) => `${key}=${quote(value)}`);
    const cleared = [...variables.keys()].filter((key) => !environment.has(key));
    return script(
      [
        ...(cleared.length ? [`unset ${cleared.join(' ')};`] : []),
        ...assignments,
        ...command.map(quote),
      ].join(' '),
      stdin,
    );
  },
};

export const printenv: CommandModule = {
  names: ['printenv'],
  run({ args, env: variables }): CommandResult {
    if (args.length === 0) return ok(listing(variables));
    const values = args.map((name) => variables.get(name));
    return {
      status: values.includes(undefined) ? 1 : 0,
      stdout: values
        .filter((value) => value !== undefined)
        .map((value) => `${value}\n`)
        .join(''),
    };
  },
};

/**
 * GNU make for simple Makefiles: variables (`=`, `:=`, `?=`, `+=`, and VAR=value arguments),
 * explicit rules with prerequisites, `.PHONY`, the first target as default goal, `$@`, `$<`, `$^`,
 * recipe lines echoed unless `@`, `-` to ignore a failure, `-C DIR`, `-f FILE`. Each recipe line
 * runs in `/bin/sh -c`, as make runs it. There are no file times in the simulator: a target that
 * exists is up to date unless a prerequisite was remade in this run. Conditionals, includes,
 * pattern rules and functions such as `$(shell …)` are said not to be simulated.
 */
import { joinPath } from '../../fs/path.ts';
import { type CommandContext, type CommandModule, type CommandResult, noteGap } from '../command.ts';
import { shellOf } from '../flavour.ts';

interface Rule {
  readonly prerequisites: string[];
  readonly recipe: { text: string; line: number }[];
  readonly file: string;
}

interface Makefile {
  readonly file: string;
  readonly variables: Map<string, string>;
  readonly rules: Map<string, Rule>;
  readonly phony: Set<string>;
  readonly goal?: string;
}

class Unsupported extends Error {}

/** Bounds a Makefile that refers to itself (`A = $(A)`, a target that needs itself). */
const MAX_EXPANSION_DEPTH = 64;
const MAX_TARGETS = 10_000;

function expand(text: string, variables: ReadonlyMap<string, string>, depth = 0): string {
  if (depth > MAX_EXPANSION_DEPTH) throw new Unsupported('a variable that refers to itself');
  return text.replace(
    /\$(?:\(([^()]*)\)|\{([^{}]*)\}|(.))/g,
    (_m, paren?: string, brace?: string, single?: string) => {
      const name = paren ?? brace ?? single ?? '';
      if (single === '$') return '$';
      if (/\s/.test(name.trim()) || name.includes(':')) throw new Unsupported(`the make function $(${name})`);
      return expand(variables.get(name) ?? '', variables, depth + 1);
    },
  );
}

function assign(variables: Map<string, string>, name: string, op: string, value: string): void {
  if (op === '?=' && variables.has(name)) return;
  if (op === '+=') variables.set(name, [variables.get(name), value].filter((v) => v).join(' '));
  else if (op === ':=' || op === '::=') variables.set(name, expand(value, variables));
  else variables.set(name, value);
}

/** Reads a Makefile: its variables (after the command line's, which win), rules and goal. */
export function parseMakefile(file: string, text: string, overrides: ReadonlyMap<string, string>): Makefile {
  const variables = new Map<string, string>();
  const rules = new Map<string, Rule>();
  const phony = new Set<string>();
  let goal: string | undefined;
  let current: Rule[] = [];
  const lines = text.replace(/\\\n[ \t]*/g, ' ').split('\n');
  lines.forEach((raw, index) => {
    if (raw.startsWith('\t') && current.length > 0) {
      for (const rule of current) rule.recipe.push({ text: raw.slice(1), line: index + 1 });
      return;
    }
    const line = raw.replace(/(^|[^\\])#.*$/, '$1').trimEnd();
    if (line.trim() === '') return;
    const directive = /^\s*(ifeq|ifneq|ifdef|ifndef|include|-include|define|vpath)\b/.exec(line);
    if (directive) throw new Unsupported(`the make directive "${directive[1]}"`);
    const assignment = /^\s*(?:export\s+|override\s+)?([A-Za-z_][\w.-]*)\s*(\?=|:=|::=|\+=|=)\s*(.*)$/.exec(
      line,
    );
    if (assignment) {
      const [, name, op, value] = assignment as unknown as [string, string, string, string];
      if (!overrides.has(name)) assign(variables, name, op, value.trim());
      current = [];
      return;
    }
    const rule = /^([^:=]+?)\s*::?\s*([^=]*)$/.exec(line);
    if (!rule) throw new Unsupported(`the Makefile line "${line.trim().slice(0, 40)}"`);
    const [targetText, rest] = [rule[1] as string, rule[2] as string];
    const [prerequisiteText, inline] = rest.split(';', 2) as [string, string | undefined];
    const targets = expand(targetText, variables).split(/\s+/).filter(Boolean);
    const prerequisites = expand(prerequisiteText, variables).split(/\s+/).filter(Boolean);
    if (targets.some((t) => t.includes('%'))) throw new Unsupported('pattern rules (%)');
    if (targets.includes('.PHONY')) {
      for (const p of prerequisites) phony.add(p);
      current = [];
      return;
    }
    current = targets.map((target) => {
      const existing = rules.get(target);
      const made: Rule = {
        prerequisites: [...(existing?.prerequisites ?? []), ...prerequisites],
        recipe: existing?.recipe ?? [],
        file,
      };
      rules.set(target, made);
      return made;
    });
    if (inline !== undefined)
      for (const made of current) made.recipe.push({ text: inline.trim(), line: index + 1 });
    goal ??= targets.find((t) => !t.startsWith('.'));
  });
  for (const [name, value] of overrides) variables.set(name, value);
  return goal === undefined ? { file, variables, rules, phony } : { file, variables, rules, phony, goal };
}

interface Run {
  readonly context: CommandContext;
  readonly makefile: Makefile;
  readonly dir: string;
  readonly made: Map<string, boolean>;
  stdout: string;
  stderr: string;
  ran: number;
}

class Stop {
  readonly status: number;
  constructor(status: number) {
    this.status = status;
  }
}

/** Brings a target up to date; true when it was remade (so what depends on it must be too). */
async function update(run: Run, target: string, neededBy?: string): Promise<boolean> {
  const known = run.made.get(target);
  if (known !== undefined) return known;
  if (run.made.size > MAX_TARGETS) throw new Unsupported('more targets than the simulator follows');
  run.made.set(target, false);
  const rule = run.makefile.rules.get(target);
  const exists = run.context.fs.stat(joinPath(run.dir, target)) !== undefined;
  if (!rule) {
    if (exists) return false;
    run.stderr += `make: *** No rule to make target '${target}'${neededBy ? `, needed by '${neededBy}'` : ''}.  Stop.\n`;
    throw new Stop(2);
  }
  let newer = false;
  for (const prerequisite of rule.prerequisites) if (await update(run, prerequisite, target)) newer = true;
  const phony = run.makefile.phony.has(target);
  if (
    exists &&
    !phony &&
    !newer &&
    rule.prerequisites.every((p) => run.context.fs.stat(joinPath(run.dir, p)))
  )
    return false;
  if (rule.recipe.length === 0) {
    run.made.set(target, !exists || newer);
    return !exists || newer;
  }
  const automatic = new Map(run.makefile.variables);
  automatic.set('@', target);
  automatic.set('<', rule.prerequisites[0] ?? '');
  automatic.set('^', [...new Set(rule.prerequisites)].join(' '));
  for (const { text, line } of rule.recipe) {
    const [, prefix = '', body = ''] = /^([@+-]*)(.*)$/s.exec(text.trim()) as RegExpExecArray;
    const command = expand(body, automatic);
    if (!prefix.includes('@')) run.stdout += `${command}\n`;
    const shell = { path: '/bin/sh', flavour: shellOf(run.context.fs.tree, '/bin/sh') };
    const result = await run.context.script(`cd ${JSON.stringify(run.dir)} && ${command}`, '', shell);
    run.ran++;
    run.stdout += typeof result.stdout === 'string' ? result.stdout : '';
    run.stderr += result.stderr ?? '';
    if (result.status !== 0) {
      if (prefix.includes('-')) {
        run.stderr += `make: [${rule.file}:${line}: ${target}] Error ${result.status} (ignored)\n`;
        continue;
      }
      run.stderr += `make: *** [${rule.file}:${line}: ${target}] Error ${result.status}\n`;
      throw new Stop(2);
    }
  }
  run.made.set(target, true);
  return true;
}

interface Arguments {
  dir?: string;
  file?: string;
  overrides: Map<string, string>;
  goals: string[];
}

function parseArguments(args: readonly string[]): Arguments {
  const parsed: Arguments = { overrides: new Map(), goals: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '-C') parsed.dir = args[++i];
    else if (arg.startsWith('-C')) parsed.dir = arg.slice(2);
    else if (arg === '-f' || arg === '--file' || arg === '--makefile') parsed.file = args[++i];
    else if (arg.startsWith('--directory=')) parsed.dir = arg.slice(12);
    else if (arg === '-j' || arg === '-l') {
      if (/^\d+$/.test(args[i + 1] ?? '')) i++;
    } else if (arg.startsWith('-')) continue;
    else if (/^[A-Za-z_][\w.-]*=/.test(arg))
      parsed.overrides.set(arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1));
    else parsed.goals.push(arg);
  }
  return parsed;
}

export const make: CommandModule = {
  names: ['make', 'gmake'],
  async run(context): Promise<CommandResult> {
    const args = parseArguments(context.args);
    const dir = context.fs.resolve(args.dir ?? '.');
    const entering = args.dir === undefined ? '' : `make: Entering directory '${dir}'\n`;
    const leaving = args.dir === undefined ? '' : `make: Leaving directory '${dir}'\n`;
    const name =
      args.file ??
      ['GNUmakefile', 'makefile', 'Makefile'].find((f) => context.fs.stat(joinPath(dir, f))?.kind === 'file');
    const text = name === undefined ? undefined : context.fs.read(joinPath(dir, name));
    if (args.file !== undefined && context.fs.stat(joinPath(dir, args.file)) === undefined)
      return {
        status: 2,
        stdout: entering,
        stderr: `make: ${args.file}: No such file or directory\nmake: *** No rule to make target '${args.file}'.  Stop.\n`,
      };
    if (name !== undefined && text === undefined) {
      noteGap(
        context.state,
        'not-followed',
        `make: the simulator does not know the text of ${joinPath(dir, name)}, so its recipes are not run.`,
      );
      return { status: 0 };
    }
    let makefile: Makefile;
    try {
      makefile = parseMakefile(name ?? 'Makefile', text ?? '', args.overrides);
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      noteGap(
        context.state,
        'not-followed',
        `make: ${error.message} is not simulated, so the recipes are not run.`,
      );
      return { status: 0 };
    }
    const goals = args.goals.length > 0 ? args.goals : makefile.goal ? [makefile.goal] : [];
    if (goals.length === 0)
      return {
        status: 2,
        stdout: entering,
        stderr: `make: *** No targets${name === undefined ? ' specified and no makefile found' : ''}.  Stop.\n`,
      };
    const run: Run = { context, makefile, dir, made: new Map(), stdout: entering, stderr: '', ran: 0 };
    try {
      for (const goal of goals) {
        const before = run.ran;
        await update(run, goal);
        if (run.ran === before) {
          const rule = makefile.rules.get(goal);
          run.stdout +=
            rule && rule.recipe.length > 0 && !makefile.phony.has(goal)
              ? `make: '${goal}' is up to date.\n`
              : `make: Nothing to be done for '${goal}'.\n`;
        }
      }
    } catch (error) {
      if (error instanceof Unsupported) {
        noteGap(
          context.state,
          'not-followed',
          `make: ${error.message} is not simulated; recipes after it are not run.`,
        );
        return { status: 0, stdout: run.stdout, stderr: run.stderr };
      }
      if (!(error instanceof Stop)) throw error;
      return { status: error.status, stdout: run.stdout + leaving, stderr: run.stderr };
    }
    return { status: 0, stdout: run.stdout + leaving, stderr: run.stderr };
  },
};

/**
 * RUN, interpreted: the stage's SHELL (which must exist in the stage), the user from the stage's
 * own /etc/passwd, the environment of ENV and ARG, and the script run command by command by the
 * interpreter. Implements the build engine's RunInterpreter.
 */
import type { RunInterpreter, RunOutcome, RunRequest } from '../build/run-step.ts';
import { parsePasswd } from '../build/users.ts';
import { certaintyOf } from '../certainty.ts';
import { putNode, removePath } from '../fs/edit.ts';
import { basename, resolveIn } from '../fs/path.ts';
import { type DirNode, findOnPath, lstat, realpath, stat, type TreeNode } from '../fs/tree.ts';
import type { PackageCatalog } from '../packages/catalog.ts';
import { type CommandModule, freshShellState, noteGap, type RunUser } from './command.ts';
import { apkCommand } from './commands/apk.ts';
import { aptCommand } from './commands/apt.ts';
import { goCommand } from './commands/go.ts';
import { commandRegistry } from './commands/index.ts';
import { pythonCommands } from './commands/pip.ts';
import { uvCommand } from './commands/uv.ts';
import { type Shell, shellOf } from './flavour.ts';
import { Interpreter } from './interpreter.ts';

/** Quotes a word for a script only when it needs it. */
function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function fileText(tree: DirNode, path: string): string | undefined {
  const node = stat(tree, path);
  return node?.kind === 'file' ? node.content : undefined;
}

/** The user RUN (or a container) executes as; undefined when a name is not in the image's /etc/passwd. */
export function runUser(spec: string, tree: DirNode): RunUser | undefined {
  const [name = ''] = spec.split(':');
  const users = parsePasswd(fileText(tree, '/etc/passwd') ?? '');
  if (name === '' || name === 'root') {
    const root = users.find((user) => user.uid === 0);
    return { name: 'root', uid: 0, gid: 0, home: root?.home ?? '/root' };
  }
  const entry =
    users.find((user) => user.name === name) ??
    (/^\d+$/.test(name) ? users.find((user) => user.uid === Number(name)) : undefined);
  if (entry) return { name: entry.name, uid: entry.uid, gid: entry.gid, home: entry.home };
  if (/^\d+$/.test(name)) return { name, uid: Number(name), gid: Number(name), home: '/' };
  return undefined;
}

/** BuildKit's failure line: the command quoted as Go's %q quotes it (`\"`, `\n` escaped). */
function processLine(argv: readonly string[]): string {
  return `process ${JSON.stringify(argv.join(' '))} did not complete successfully`;
}

/**
 * What BuildKit's process line shows for a RUN that is only a heredoc: the script itself, or, when
 * it starts with `#!`, the file BuildKit mounts it as (recorded: `/bin/sh -c /dev/pipes/EOF`).
 */
function heredocArgument(doc: { readonly name: string; readonly content: string } | undefined): string {
  if (!doc) return '';
  return doc.content.startsWith('#!') ? `/dev/pipes/${doc.name}` : doc.content;
}

/**
 * A RUN whose program is not there: runc cannot start it, prints why in the step's log, and BuildKit
 * reports exit code 1 (recorded: run-shell-form-scratch, run-exec-form-scratch,
 * run-exec-form-not-on-path). The log line is current runc's wording.
 */
function cannotStart(
  tree: DirNode,
  code: 'build/no-shell' | 'build/command-not-found',
  argv: readonly string[],
  program: string,
  how: 'stat' | 'path',
): RunOutcome {
  const why =
    how === 'stat' ? `stat ${program}: no such file or directory` : 'executable file not found in $PATH';
  const log = `runc run failed: unable to start container process: error during container init: exec: "${program}": ${why}`;
  const teach =
    code === 'build/no-shell'
      ? `This stage has no ${program}: a shell-form RUN needs one. Use the exec form (RUN ["program", "arg"]) or build this step in a stage that has a shell.`
      : hintFor(`${program}: not found`, tree);
  return failed(
    tree,
    code,
    log,
    [`${processLine(argv)}: exit code: 1.`, teach].filter(Boolean).join(' '),
    log,
  );
}

/** A hint that teaches, for the failures learners meet most. */
function hintFor(stderr: string, tree: DirNode): string | undefined {
  const missing = /([\w.+-]+): (?:command )?not found/.exec(stderr)?.[1];
  const alpine = stat(tree, '/etc/alpine-release') !== undefined;
  if ((missing === 'apt-get' || missing === 'apt') && alpine)
    return 'This stage is Alpine Linux: its package manager is apk (apk add --no-cache …).';
  if (missing === 'apk' && !alpine) return 'This stage is Debian-based: its package manager is apt-get.';
  if (missing === 'bash' && alpine) return 'Alpine has no bash: use sh, or install it with apk add bash.';
  if (missing !== undefined)
    return `No ${missing} on PATH in this stage: install it, or run it in a stage that has it.`;
  return undefined;
}

/**
 * A heredoc that is the whole RUN and starts with `#!` is a script file BuildKit executes
 * (`/bin/sh -c /dev/pipes/EOF`), so its own interpreter runs it: the shell it names, when it
 * names one the stage has.
 */
function shebangShell(tree: DirNode, content: string, path: string): Shell['flavour'] | undefined {
  const [program = '', argument] = (content.split('\n', 1)[0] ?? '').slice(2).trim().split(/\s+/);
  const found =
    basename(program) === 'env' && argument
      ? findOnPath(tree, path, argument)
      : stat(tree, program)
        ? program
        : undefined;
  if (found === undefined) return undefined;
  const real = basename(realpath(tree, found) ?? found);
  return /^(sh|bash|dash|ash|busybox)$/.test(real.replace(/[\d.]+$/, '')) ? shellOf(tree, found) : undefined;
}

interface Mounted {
  readonly target: string;
  readonly before: TreeNode | undefined;
}

/** Cache, tmpfs, secret and bind mounts are not part of the layer: what RUN wrote there is dropped. */
function mountTargets(request: RunRequest, workdir: string): Mounted[] {
  return request.instruction.mounts.flatMap((mount) => {
    const target = mount.target
      ? resolveIn(workdir, mount.target)
      : mount.type === 'secret'
        ? `/run/secrets/${mount.id ?? ''}`
        : undefined;
    return target === undefined ? [] : [{ target, before: lstat(request.tree, target) }];
  });
}

/**
 * Bind mounts: the build context (or `from=`'s stage), from `source=` on, seen at the target while
 * the command runs; restoreMounts takes it away again, so none of it reaches the layer.
 */
function bindMounts(
  request: RunRequest,
  workdir: string,
  tree: DirNode,
): DirNode | { missing: string } | { unknown: string } {
  let bound = tree;
  for (const mount of request.instruction.mounts) {
    if (mount.type !== 'bind' || mount.target === undefined) continue;
    const root = request.stageTree(mount.from);
    if (!root) return { unknown: mount.from ?? 'the build context' };
    const source = resolveIn('/', mount.source ?? '/');
    const node = stat(root, source);
    if (!node) return { missing: source };
    bound = putNode(bound, resolveIn(workdir, mount.target), node);
  }
  return bound;
}

function restoreMounts(tree: DirNode, mounts: readonly Mounted[]): DirNode {
  let restored = tree;
  for (const mount of mounts) {
    restored = mount.before
      ? putNode(restored, mount.target, mount.before)
      : removePath(restored, mount.target);
  }
  return restored;
}

export interface ShellRunOptions {
  /** The package data pip (and the other package managers) install from; without it they are not simulated. */
  readonly packages?: PackageCatalog;
  /** Commands beyond the built-in ones, by name. */
  readonly commands?: readonly CommandModule[];
}

/**
 * The line of a failed command's stderr that says what went wrong: the tool's own `ERROR:` / `E:`
 * line with the indented detail under it (apk's "unable to select packages" block), else the last line.
 */
function errorMessage(stderr: string): string {
  const lines = stderr.split('\n');
  const start = lines.findLastIndex((line) => /^(ERROR|E|error|fatal):/.test(line));
  if (start < 0) return lines.at(-1) ?? '';
  const block = [lines[start] as string];
  for (const line of lines.slice(start + 1, start + 6)) {
    if (!/^\s/.test(line)) break;
    block.push(line);
  }
  return block.join('\n');
}

export function shellRun(options: ShellRunOptions = {}): RunInterpreter {
  const { packages } = options;
  const packageCommands = packages
    ? [
        ...pythonCommands(packages),
        uvCommand(packages),
        goCommand(() => packages.go()),
        aptCommand(packages),
        apkCommand(packages),
      ]
    : [];
  const registry = commandRegistry([...packageCommands, ...(options.commands ?? [])]);
  return async (request) => {
    const { instruction, config } = request;
    const tree = request.tree;
    const user = runUser(config.user, tree);
    if (!user) {
      const name = config.user.split(':')[0];
      return failed(
        tree,
        'build/unknown-user',
        `unable to find user ${name}: no matching entries in passwd file`,
        'USER names a user that does not exist in this stage yet: create it with useradd/adduser first, or use a numeric UID.',
      );
    }
    const command = instruction.command;
    const workdir = config.workdir || '/';
    const variables = new Map<string, string>([['HOME', user.home], ...request.args, ...config.env]);
    // dash and bash set PWD to their working directory at start and export it; the exec form has no shell.
    if (instruction.command.form === 'shell') variables.set('PWD', workdir);
    const mounts = mountTargets(request, workdir);
    const bound = bindMounts(request, workdir, tree);
    if ('missing' in bound)
      return failed(
        tree,
        'build/mount-source-not-found',
        `failed to compute cache key: "${bound.missing}": not found`,
        `The bind mount's source= names ${bound.missing}, which its source does not have.`,
      );
    const state = freshShellState({
      tree: 'unknown' in bound ? tree : bound,
      cwd: workdir,
      variables,
      user,
      mounts: mounts.map((mount) => mount.target),
    });
    if ('unknown' in bound)
      noteGap(
        state,
        'no-data',
        `The bind mount of ${bound.unknown} is not simulated: the command does not see its files.`,
      );
    let argv: string[];
    let script: string;
    let shell: Shell;
    if (command.form === 'shell') {
      const [program = '/bin/sh', ...flags] = config.shell;
      const script0 = command.script.value;
      // A RUN that is only a heredoc runs the heredoc as the script; otherwise the shell reads the
      // bodies after the line, as it would from a file.
      const onlyHeredoc =
        instruction.heredocs.length === 1 && /^\d*<<-?\s*['"]?[\w.-]+['"]?$/.test(script0.trim());
      argv = [...config.shell, onlyHeredoc ? heredocArgument(instruction.heredocs[0]) : script0];
      if (!stat(tree, program)) return cannotStart(tree, 'build/no-shell', argv, program, 'stat');
      shell = { path: program, flavour: shellOf(tree, program) };
      state.options.pipefail = flags.join(' ').includes('pipefail');
      state.options.errexit = flags.some((flag) => /^-[a-z]*e/.test(flag));
      const only = onlyHeredoc ? instruction.heredocs[0] : undefined;
      script = only
        ? only.content
        : [script0, ...instruction.heredocs.map((doc) => `${doc.content}${doc.name}`)].join('\n');
      if (only?.content.startsWith('#!')) {
        const interpreter = shebangShell(tree, only.content, variables.get('PATH') ?? '');
        if (!interpreter) {
          const line = only.content.split('\n', 1)[0] ?? '';
          noteGap(
            state,
            'not-followed',
            `The heredoc runs as a script of ${line.slice(2).trim()}, which the simulator does not run: its effect is not shown.`,
          );
          script = '';
        } else shell = { path: `/dev/pipes/${only.name}`, flavour: interpreter };
      }
    } else {
      argv = command.args.map((arg) => arg.value);
      const program = argv[0] ?? '';
      const found = program.includes('/')
        ? stat(tree, resolveIn(workdir, program))
          ? program
          : undefined
        : findOnPath(tree, variables.get('PATH') ?? '', program);
      if (found === undefined)
        return cannotStart(
          tree,
          'build/command-not-found',
          argv,
          program,
          program.includes('/') ? 'stat' : 'path',
        );
      shell = { path: '/bin/sh', flavour: 'dash' };
      script = argv.map(quote).join(' ');
    }
    const interpreter = new Interpreter(state, shell, registry);
    const output = await interpreter.run(script);
    const finalTree = restoreMounts(state.tree, mounts);
    const ran = interpreter.commands.length;
    const notes = [...new Set(state.notes)];
    if (output.status !== 0) {
      const stderr = output.stderr.trim();
      const code = output.status === 127 ? 'build/command-not-found' : 'build/command-failed';
      return failed(
        finalTree,
        code,
        errorMessage(stderr) || `${processLine(argv)}: exit code: ${output.status}`,
        [`${processLine(argv)}: exit code: ${output.status}.`, hintFor(stderr, tree)]
          .filter(Boolean)
          .join(' '),
        stderr,
      );
    }
    const narrative = [
      `Ran ${ran} command${ran === 1 ? '' : 's'} as ${user.name}${ran ? `: ${interpreter.commands.slice(0, 4).join('; ')}${ran > 4 ? '; …' : ''}` : ''}.`,
      ...notes,
      ...(mounts.length
        ? [
            `What it wrote under ${mounts.map((mount) => mount.target).join(', ')} stays in the mount, not in the layer.`,
          ]
        : []),
    ].join(' ');
    const certainty = certaintyOf(state.gaps);
    return {
      status: certainty.level === 'unknown' ? 'not-simulated' : 'done',
      tree: finalTree,
      narrative,
      certainty,
      ...(output.stdout ? { output: output.stdout } : {}),
    };
  };
}

function failed(tree: DirNode, code: string, message: string, hint?: string, output?: string): RunOutcome {
  return {
    status: 'failed',
    tree,
    code,
    message,
    narrative: [output, hint].filter(Boolean).join('\n') || message,
    ...(hint ? { hint } : {}),
  };
}

/**
 * `docker run [--rm] [-it] [--user u] [--entrypoint e] IMAGE [COMMAND…]`. The engine's run check
 * decides whether the container starts and, when it does not, which error Docker prints. A shell
 * with -i opens an interactive shell in the image; `sh -c …` and the commands the simulator can
 * run (ls, cat, id …) print their output; any other program, the app included, is said to start,
 * since the simulator runs no programs.
 */
import { checkRun, type RunCheck } from '../../analysis/run-check.ts';
import { resolveIn } from '../../fs/path.ts';
import { type DirNode, findOnPath } from '../../fs/tree.ts';
import { ContainerShell, type ContainerSpec, isShell, runsItself } from '../container-shell.ts';
import { lastValue } from '../flags.ts';
import { Output } from '../output.ts';
import { type DockerCommand, outcome } from './command.ts';
import { printPullFailure, pullImage } from './pull.ts';

const MORE = "\nRun 'docker run --help' for more information\n";

/** What learners type for a shell: with an ENTRYPOINT these become its arguments instead. */
const SHELL_NAMES = new Set(['sh', 'bash', 'ash', '/bin/sh', '/bin/bash', '/bin/ash']);

/** Errors the runtime reports before the program runs: the container never starts. */
function daemonError(check: RunCheck): { text: string; status: number } | undefined {
  const error = check.error;
  if (!error) return undefined;
  // runc 1.2 and later (what current Docker ships) wrap every error of the container's init, the
  // exec lookup included, in "error during container init" (libcontainer/process_linux.go).
  const runtime = (message: string, status: number) => ({
    text: `docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${message}: unknown.\n${MORE}`,
    status,
  });
  switch (error.code) {
    case 'run/no-command':
      return { text: `docker: Error response from daemon: no command specified.\n${MORE}`, status: 125 };
    case 'run/user-not-found':
      return { text: `docker: Error response from daemon: ${error.message}.\n${MORE}`, status: 126 };
    case 'run/permission-denied':
      return runtime(error.message, 126);
    case 'run/no-shell':
      return runtime(error.message, 127);
    case 'run/exec-not-found':
      return error.message.startsWith('exec: "') ? runtime(error.message, 127) : undefined;
    default:
      return undefined;
  }
}

/** The status a program that fails as it starts exits with. */
function processStatus(check: RunCheck): number {
  if (check.error?.code === 'run/file-not-found') return 2;
  if (check.error?.code === 'run/exec-not-found') return 127;
  return 1;
}

function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export const run: DockerCommand = {
  name: 'run',
  aliases: ['container run'],
  usage: 'docker run [OPTIONS] IMAGE [COMMAND] [ARG...]',
  summary: 'Create and run a new container from an image',
  interspersed: false,
  flags: [
    {
      long: 'rm',
      help: 'Automatically remove the container and its associated anonymous volumes when it exits',
    },
    { long: 'interactive', short: 'i', help: 'Keep STDIN open even if not attached' },
    { long: 'tty', short: 't', help: 'Allocate a pseudo-TTY' },
    { long: 'detach', short: 'd', help: 'Run container in background and print container ID' },
    { long: 'user', short: 'u', value: true, help: 'Username or UID (format: "<name|uid>[:<group|gid>]")' },
    { long: 'entrypoint', value: true, help: 'Overwrite the default ENTRYPOINT of the image' },
    { long: 'env', short: 'e', value: true, help: 'Set environment variables' },
    { long: 'workdir', short: 'w', value: true, help: 'Working directory inside the container' },
    { long: 'name', value: true, help: 'Assign a name to the container' },
    { long: 'publish', short: 'p', value: true, help: "Publish a container's port(s) to the host" },
    { long: 'network', value: true, help: 'Connect a container to a network' },
    { long: 'read-only', help: "Mount the container's root filesystem as read only" },
    { long: 'platform', value: true, help: 'Set platform if server is multi-platform capable' },
  ],
  async run(flags, context) {
    const output = new Output();
    const [reference, ...command] = flags.positionals;
    if (reference === undefined) {
      output.err(`docker: 'docker run' requires at least 1 argument\n\nUsage:  ${run.usage}\n${MORE}`);
      return outcome(output, 125);
    }
    let image = context.images.find(reference)?.image;
    if (!image) {
      output.err(
        `Unable to find image '${/:[^/]*$/.test(reference) ? reference : `${reference}:latest`}' locally\n`,
      );
      const pulled = await pullImage(reference, context, output);
      if (!pulled.ok) {
        printPullFailure(pulled, output, 'docker: ');
        if (!('noData' in pulled)) output.err(MORE);
        return outcome(output, 125);
      }
      image = pulled.image;
    }
    const stage = image.stage;
    const tree = stage.tree as DirNode;
    const entrypoint = lastValue(flags, 'entrypoint');
    const user = lastValue(flags, 'user');
    const check = checkRun(stage, {
      ...(command.length ? { command } : {}),
      ...(entrypoint !== undefined ? { entrypoint } : {}),
      ...(user !== undefined ? { user } : {}),
    });
    const daemon = daemonError(check);
    if (daemon) {
      output.err(daemon.text);
      if (check.error?.hint) output.note(`hint: ${check.error.hint}`);
      return outcome(output, daemon.status);
    }
    if (check.error) {
      output.err(`${check.error.message}\n`);
      if (check.error.hint) output.note(`hint: ${check.error.hint}`);
      return outcome(output, processStatus(check));
    }
    const id = context.containerId();
    if (flags.booleans.has('detach')) {
      output.out(`${id}\n`);
      output.note(
        `The container starts in the background running ${check.argv.join(' ')}; the simulator runs no programs, so it keeps nothing running (docker ps lists nothing).`,
      );
      return outcome(output);
    }
    const workdir = lastValue(flags, 'workdir');
    const env = (flags.values.get('env') ?? []).flatMap((pair) => {
      const eq = pair.indexOf('=');
      return eq > 0 ? [[pair.slice(0, eq), pair.slice(eq + 1)] as const] : [];
    });
    const spec: ContainerSpec = {
      image: reference,
      stage,
      id,
      tty: flags.booleans.has('tty'),
      ...(user !== undefined ? { user } : {}),
      ...(workdir !== undefined ? { workdir } : {}),
      ...(env.length ? { env } : {}),
    };
    const [program = '', ...args] = check.argv;
    const cwd = resolveIn('/', workdir || stage.config?.workdir || '/');
    const pathEnv = stage.config?.env.find(([key]) => key === 'PATH')?.[1] ?? '';
    const path = program.includes('/')
      ? resolveIn(cwd, program)
      : (findOnPath(tree, pathEnv, program) ?? program);
    for (const note of check.notes) output.note(note);
    const imageEntrypoint = stage.config?.entrypoint ?? [];
    if (entrypoint === undefined && imageEntrypoint.length > 0 && command[0] && SHELL_NAMES.has(command[0])) {
      output.note(
        `The image has ENTRYPOINT ${JSON.stringify(imageEntrypoint)}, so "${command.join(' ')}" is passed to it as arguments rather than run. For a shell, replace the entrypoint: docker run --rm -it --entrypoint ${command[0]} ${reference}`,
      );
    }

    if (isShell(tree, path, program)) {
      const script = args.findIndex((arg) => /^-[a-z]*c[a-z]*$/.test(arg));
      if (script !== -1) {
        const shell = new ContainerShell(spec, program, { interactive: false });
        const ran = await shell.run(args[script + 1] ?? '', context.columns);
        return outcome(output.append(ran.output.finish()), ran.status);
      }
      if (args.length > 0) {
        output.note(`${program} would run the script ${args[0]}; running script files is not simulated.`);
        return outcome(output);
      }
      if (!flags.booleans.has('interactive')) {
        output.note(
          `${program} started and exited at once: without -i its input is not attached. Try docker run --rm -it ${reference} ${program}.`,
        );
        return outcome(output);
      }
      return outcome(output, 0, new ContainerShell(spec, program, { interactive: true }));
    }
    if (runsItself(tree, path, program)) {
      const shell = new ContainerShell(spec, '/bin/sh', { interactive: false });
      const ran = await shell.run(check.argv.map(quote).join(' '), context.columns);
      return outcome(output.append(ran.output.finish()), ran.status);
    }
    const ports = stage.config?.exposedPorts ?? [];
    output.note(
      [
        `The container starts: ${check.argv.join(' ')} runs as ${check.user} in ${cwd}.`,
        ports.length
          ? `It would listen on ${ports.join(', ')} (EXPOSE; publish with -p to reach it).`
          : 'The image EXPOSEs no port.',
        'The simulator runs no programs, so there is no output to show; a real terminal would stay attached until the program exits or you press Ctrl+C.',
      ].join(' '),
    );
    return outcome(output);
  },
};

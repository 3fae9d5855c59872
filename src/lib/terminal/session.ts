/**
 * One terminal: a host shell that runs `docker` (and `dive`, `ls`, `cat` over the build context),
 * the images it built or pulled, its own layer cache, and, after `docker run -it IMAGE sh`, the
 * shell inside that container until `exit`. Each line in, text out by stream, and the prompt.
 */
import type { BuildContext } from '../build/context.ts';
import type { BuildCache } from '../build/simulate.ts';
import { compareText } from '../fs/entry.ts';
import { cleanPath } from '../fs/path.ts';
import { emptyTree } from '../fs/tree.ts';
import type { Catalog } from '../images/catalog.ts';
import type { PackageCatalog } from '../packages/catalog.ts';
import type { Word } from '../shell/ast.ts';
import { columns } from '../shell/commands/ls.ts';
import { ExpansionFailure, type ExpansionScope, expandToFields } from '../shell/expand.ts';
import { parseScript, ShellSyntaxError } from '../shell/parse.ts';
import type { ContainerPlace, ContainerShell } from './container-shell.ts';
import { dive } from './dive.ts';
import type { DockerContext } from './docker/command.ts';
import { docker, flagNames, subcommandNames } from './docker/index.ts';
import { ImageStore } from './images.ts';
import { type Chunk, Output } from './output.ts';

/** The longest line the terminal accepts: longer input is refused, not parsed. */
export const LINE_LIMIT = 4096;

const HOST_COMMANDS = ['cat', 'clear', 'dive', 'docker', 'echo', 'exit', 'help', 'ls'];

/** docker subcommands whose operands are images, for tab completion. */
const TAKES_IMAGE = new Set(['run', 'history', 'inspect', 'rmi', 'tag', 'pull']);

export interface TerminalSessionOptions {
  readonly catalog: () => Promise<Catalog>;
  /** The package data RUN installs from; without it pip, apt, apk and go are not simulated. */
  readonly packages?: PackageCatalog;
  readonly now?: () => number;
  /** For container IDs; Math.random unless a test fixes it. */
  readonly random?: () => number;
}

export interface TerminalRequest {
  readonly line: string;
  /** The editor's files now: what `docker build .` builds. */
  readonly context: BuildContext;
  readonly columns?: number;
  /** True once a newer request (Ctrl+C) has arrived. */
  readonly cancelled?: () => boolean;
}

export type Place = { readonly kind: 'host' } | ({ readonly kind: 'container' } & ContainerPlace);

export interface TerminalAnswer {
  readonly chunks: readonly Chunk[];
  readonly status: number;
  readonly prompt: string;
  readonly place: Place;
  /** `clear`: wipe the screen before printing. */
  readonly clear?: boolean;
}

export interface Completion {
  /** Where in the line the word being completed starts. */
  readonly start: number;
  readonly candidates: readonly string[];
}

function hostScope(status: number): ExpansionScope {
  return {
    variables: new Map([
      ['HOME', '/home/learner'],
      ['USER', 'learner'],
    ]),
    special: new Map([['?', String(status)]]),
    tree: emptyTree(),
    cwd: '/home/learner/app',
    nounset: false,
    substitute: () => {
      throw new ExpansionFailure('command substitution is not simulated on the host');
    },
  };
}

export class TerminalSession {
  private readonly options: TerminalSessionOptions;
  private readonly images = new ImageStore();
  private cache: BuildCache | undefined;
  private container: ContainerShell | undefined;
  private lastStatus = 0;
  /** The files of the newest request, for completing `cat`. */
  private lastContext: BuildContext['files'] = [];

  constructor(options: TerminalSessionOptions) {
    this.options = options;
  }

  async run(request: TerminalRequest): Promise<TerminalAnswer> {
    const line = request.line;
    if (line.length > LINE_LIMIT) {
      const output = new Output().err(`line too long: ${line.length} characters (at most ${LINE_LIMIT})\n`);
      return this.answer(output, 2);
    }
    if (this.container) {
      const ran = await this.container.run(line, request.columns ?? 80);
      if (ran.exited) this.container = undefined;
      if (ran.exited && !/^\s*exit\b/.test(line))
        ran.output.note('The shell exited, and with it the container.');
      return this.answer(ran.output, ran.status);
    }
    return this.host(request);
  }

  /**
   * Builds the files and tags the image `name`, printing nothing, as if `docker build -t name .`
   * had run before: the lab does this so a lesson's `docker run name` finds its image. The
   * terminal's layer cache is left as it was, so the learner's first build shows every step run.
   */
  async prepare(name: string, context: BuildContext): Promise<readonly Chunk[]> {
    const output = new Output();
    const outcome = await docker(['build', '-q', '-t', name, '.'], {
      ...this.dockerContext({ line: '', context }),
      cache: undefined,
    });
    if (outcome.status !== 0) {
      output.note(`The lab's files did not build, so there is no image ${name}:`);
      output.append(outcome.output.finish().filter((chunk) => chunk.stream !== 'out'));
    }
    return output.finish();
  }

  /** Ctrl+C: the line is abandoned and the prompt comes back where the learner was. */
  interrupt(): TerminalAnswer {
    this.lastStatus = 130;
    return this.answer(new Output(), 130);
  }

  complete(line: string): Completion {
    if (this.container) return this.container.complete(line);
    const start = line.lastIndexOf(' ') + 1;
    const word = line.slice(start);
    const before = line.slice(0, start).trim().split(/\s+/).filter(Boolean);
    const matching = (names: readonly string[]) =>
      ({ start, candidates: names.filter((name) => name.startsWith(word)).sort(compareText) }) as const;
    if (before.length === 0) return matching(HOST_COMMANDS);
    const [command, sub] = before;
    const imageNames = () =>
      this.images.names().flatMap((name) => (name.endsWith(':latest') ? [name.slice(0, -7), name] : [name]));
    if (command === 'dive') return matching(imageNames());
    if (command === 'cat') return matching(this.lastContext.map((file) => file.path));
    if (command !== 'docker') return { start, candidates: [] };
    if (sub === undefined) return matching(subcommandNames());
    if (word.startsWith('-')) return matching(flagNames(sub));
    if (TAKES_IMAGE.has(sub)) {
      // After docker run's IMAGE come the container's command and arguments, not more images.
      const operands = before.slice(2).filter((arg) => !arg.startsWith('-'));
      if (sub === 'run' && operands.length > 0) return { start, candidates: [] };
      return matching(imageNames());
    }
    return { start, candidates: [] };
  }

  private async host(request: TerminalRequest): Promise<TerminalAnswer> {
    this.lastContext = request.context.files;
    const output = new Output();
    let words: string[];
    try {
      const parsed = await this.words(request.line);
      if (typeof parsed === 'string') {
        output.err(`bash: ${parsed}\n`);
        return this.answer(output, 2);
      }
      words = parsed;
    } catch (error) {
      if (error instanceof ExpansionFailure) return this.answer(output.err(`bash: ${error.message}\n`), 1);
      throw error;
    }
    const [command, ...args] = words;
    switch (command) {
      case undefined:
        return this.answer(output, this.lastStatus);
      case 'docker': {
        const outcome = await docker(args, this.dockerContext(request));
        if (outcome.container) this.container = outcome.container;
        return this.answer(outcome.output, outcome.status);
      }
      case 'dive': {
        const result = dive(args, this.images);
        return this.answer(result.output, result.status);
      }
      case 'clear':
        return { ...this.answer(output, 0), clear: true };
      case 'help':
        return this.answer(this.help(), 0);
      case 'exit':
      case 'logout':
        return this.answer(
          output.note(
            'This is the host shell: there is nothing to exit. Inside a container, exit leaves it.',
          ),
          0,
        );
      case 'echo':
        return this.answer(output.out(`${args.join(' ')}\n`), 0);
      case 'ls':
        return this.answer(this.listContext(args, request), 0);
      case 'cat':
        return this.catContext(args, request);
      default:
        output.err(`bash: ${command}: command not found\n`);
        output.note(
          `The host here runs ${HOST_COMMANDS.join(', ')}. Programs run inside a container: docker run -it IMAGE sh.`,
        );
        return this.answer(output, 127);
    }
  }

  /** The line's words, quotes removed; a message when it is more than one simple command. */
  private async words(line: string): Promise<string[] | string> {
    let script: ReturnType<typeof parseScript>;
    try {
      script = parseScript(line);
    } catch (error) {
      if (error instanceof ShellSyntaxError) return error.message;
      throw error;
    }
    if (script.length === 0) return [];
    const only = script.length === 1 ? script[0] : undefined;
    const command = only && only.rest.length === 0 && !only.background ? only.first : undefined;
    const simple =
      command && !command.negated && command.commands.length === 1 ? command.commands[0] : undefined;
    if (simple?.kind !== 'simple' || simple.redirects.length > 0)
      return 'the host shell here runs one command at a time: pipes, lists and redirections work inside a container';
    return this.expandAll(simple.words);
  }

  private async expandAll(words: readonly Word[]): Promise<string[]> {
    const scope = hostScope(this.lastStatus);
    const fields: string[] = [];
    for (const word of words) fields.push(...(await expandToFields(word, scope)));
    return fields;
  }

  private listContext(args: readonly string[], request: TerminalRequest): Output {
    const names = new Set<string>();
    for (const file of request.context.files) {
      const [first = ''] = cleanPath(file.path).replace(/^\/+/, '').split('/');
      if (first && (args.includes('-a') || !first.startsWith('.'))) names.add(first);
    }
    return new Output().out(columns([...names].sort(compareText), request.columns ?? 80));
  }

  private catContext(args: readonly string[], request: TerminalRequest): TerminalAnswer {
    const output = new Output();
    let status = 0;
    for (const path of args) {
      const file = request.context.files.find((entry) => cleanPath(entry.path) === cleanPath(path));
      if (file?.content !== undefined) output.out(file.content);
      else {
        output.err(`cat: ${path}: No such file or directory\n`);
        status = 1;
      }
    }
    return this.answer(output, status);
  }

  private help(): Output {
    return new Output()
      .out(
        [
          'The simulated terminal: a host shell with Docker, over the files in the editor.',
          '',
          "  docker build -t NAME .        build the editor's Dockerfile and files",
          '  docker images                 the images built or pulled here',
          '  docker history IMAGE          its layers, newest first',
          '  docker inspect IMAGE          its configuration as JSON',
          '  docker run --rm -it IMAGE sh  a shell inside the image (exit leaves it)',
          '  docker pull IMAGE             a base image from the catalog',
          '  dive IMAGE                    wasted space and the largest layers',
          "  ls, cat FILE                  the build context (the editor's files)",
          '  clear                         clear the screen (or Ctrl+L)',
          '',
          'Keys: Up/Down for history, Tab to complete, Ctrl+C to cancel, Escape then Tab to leave.',
          '',
        ].join('\n'),
      )
      .note("Nothing here runs programs or reaches a network: files and Docker's behaviour are simulated.");
  }

  private dockerContext(request: TerminalRequest): DockerContext {
    const random = this.options.random ?? Math.random;
    const session = this;
    return {
      images: this.images,
      catalog: this.options.catalog,
      ...(this.options.packages ? { packages: this.options.packages } : {}),
      now: this.options.now ?? Date.now,
      context: request.context,
      columns: request.columns ?? 80,
      cancelled: request.cancelled ?? (() => false),
      get cache() {
        return session.cache;
      },
      set cache(value) {
        session.cache = value;
      },
      containerId: () => Array.from({ length: 64 }, () => Math.floor(random() * 16).toString(16)).join(''),
    };
  }

  private answer(output: Output, status: number): TerminalAnswer {
    this.lastStatus = status;
    const place: Place = this.container ? { kind: 'container', ...this.container.place() } : { kind: 'host' };
    return {
      chunks: output.finish(),
      status,
      prompt: this.container ? this.container.prompt() : '$ ',
      place,
    };
  }
}

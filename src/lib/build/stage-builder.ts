/**
 * Builds one stage: applies its instructions in order to the stage's tree and config, recording a
 * layer for each filesystem-changing instruction and a step for each instruction.
 */

import { atLine, type Certainty, certaintyOf, type Gap, gapsOf, KNOWN, unknown } from '../certainty.ts';
import type {
  AddInstruction,
  ArgInstruction,
  CommandLine,
  CopyInstruction,
  Instruction,
  SyntaxWord,
} from '../dockerfile/index.ts';
import { type ExpansionEnv, type ExpansionResult, expandWord, PLATFORM_ARGS } from '../dockerfile/index.ts';
import { formatSize } from '../format-size.ts';
import { contentDigest, contentIdOf, treeDigest } from '../fs/content.ts';
import { changesSize, diffTrees } from '../fs/diff.ts';
import { makeDirectories } from '../fs/edit.ts';
import { resolveIn } from '../fs/path.ts';
import { type DirNode, stat } from '../fs/tree.ts';
import type { SourceRange } from '../source-range.ts';
import { type ChmodSpec, parseChmod } from './chmod.ts';
import { applyCopy, BuildFailure, type CopySource } from './copy.ts';
import type { ExpansionBudget } from './expansion-budget.ts';
import { historyText } from './history-text.ts';
import type { ImageConfig } from './image-config.ts';
import type { BuiltLayer, HistoryEntry, Step } from './result.ts';
import type { RunInterpreter } from './run-step.ts';
import { resolveOwner } from './users.ts';

export interface StageInputs {
  readonly index: number;
  readonly escapeToken: '\\' | '`';
  readonly buildArgs: ReadonlyMap<string, string>;
  /** Values of the global ARGs (declared before the first FROM), build args applied. */
  readonly globalArgs: ReadonlyMap<string, string>;
  readonly runInterpreter: RunInterpreter;
  /** The source of `COPY --from=X` or of the build context (`undefined`). */
  readonly copySource: (from: SyntaxWord | undefined) => Promise<CopySource>;
  /** A stage's or image's tree for `RUN --mount=from=`, or the build context's (no reference). */
  readonly treeOf: (reference: string | undefined) => DirNode | undefined;
  /** What the simulator could not follow in the stage `COPY --from=X` reads (none for images). */
  readonly sourceGaps: (from: SyntaxWord) => readonly Gap[];
  /** The gaps of the stage this one is built FROM, and of its own bases: its tree carries them. */
  readonly inheritedGaps: readonly Gap[];
  /** The layer cache of earlier builds, and where this build records its steps. */
  readonly cache: LayerCache;
  /** The cache key of the stage's base: its image, or the last key of the stage it builds on. */
  readonly baseKey: string;
  /** What the whole build may still expand, shared by its stages. */
  readonly budget: ExpansionBudget;
}

/**
 * What a step left behind, keyed by its cache key: enough to replay it without running it. No
 * config: a RUN leaves the config as it found it, and keeping one per step made a long run of ENV
 * lines hold a copy of the environment for every line.
 */
export interface CacheEntry {
  readonly tree: DirNode;
  readonly narrative: string;
  readonly status: Step['status'];
  readonly certainty: Certainty;
}

export interface LayerCache {
  readonly previous: ReadonlyMap<string, CacheEntry>;
  readonly current: Map<string, CacheEntry>;
}

export interface StageState {
  tree: DirNode;
  config: ImageConfig;
  readonly layers: BuiltLayer[];
  readonly history: HistoryEntry[];
}

/** Failures a missing command, file or user explains: an earlier unfollowed step may have made it. */
function mayStemFromGap(code: string, message: string): boolean {
  if (code === 'build/command-not-found' || code === 'build/unknown-user') return true;
  return (
    code === 'build/command-failed' && /no such file|not found|cannot open|No module named/i.test(message)
  );
}

/** A file's text in the tree, if the simulator knows it. */
export function fileText(tree: DirNode, path: string): string | undefined {
  const node = stat(tree, path);
  return node?.kind === 'file' ? node.content : undefined;
}

/** The argv a CMD/ENTRYPOINT/HEALTHCHECK stores: exec form as is, shell form through SHELL. */
function argv(command: CommandLine | undefined, shell: readonly string[]): string[] | null {
  if (command === undefined) return null;
  if (command.form === 'exec') return command.args.map((arg) => arg.value);
  return [...shell, command.script.value];
}

/** Counts of a layer's changes and its five largest files, for the step view. */
function summarise(changes: ReturnType<typeof diffTrees>): NonNullable<Step['files']> {
  const count = (kind: string) =>
    changes.filter((change) => change.change === kind && change.node?.kind !== 'dir').length;
  const largest = changes
    .flatMap((change) =>
      change.node?.kind === 'file' ? [{ path: change.path, size: change.node.size }] : [],
    )
    .sort((a, b) => b.size - a.size)
    .slice(0, 5);
  return {
    added: count('added'),
    modified: count('modified'),
    removed: changes.filter((change) => change.change === 'removed').length,
    largest,
  };
}

/** A value as a narrative shows it: long ones cut, so a step's text stays readable and small. */
function shortValue(value: string): string {
  return value.length > 80
    ? `${value.slice(0, 77)}... (${value.length.toLocaleString('en')} characters)`
    : value;
}

export class StageBuilder {
  readonly state: StageState;
  readonly steps: Step[] = [];
  private readonly inputs: StageInputs;
  /** ARG values in scope in this stage; declared but unset ARGs are absent. */
  private readonly args = new Map<string, string>();
  /** The ARG values joined for cache keys, kept until an ARG changes them. */
  private argsText: string | undefined;
  /** Where each name is in the config's env, and the env array that index is of. */
  private envIndex = new Map<string, number>();
  private envSource: ImageConfig['env'] | undefined;
  /** The env array this builder made and may write to, while the config still holds it. */
  private ownedEnv: (readonly [string, string])[] | undefined;
  /** What an instruction's words see: ENV values over ARG values, looked up without copying. */
  private readonly variables: ExpansionEnv = {
    get: (name) => {
      const index = this.currentEnvIndex().get(name);
      return index === undefined ? this.args.get(name) : this.state.config.env[index]?.[1];
    },
  };
  private cmdSet = false;
  /** Every gap this stage's tree rests on: its base's, its steps', and what COPY --from brought. */
  readonly gaps: Gap[];
  /** The cache key of the last instruction: each key chains on its parent's, as in BuildKit. */
  key: string;
  private cached = false;

  constructor(inputs: StageInputs, state: StageState) {
    this.inputs = inputs;
    this.state = state;
    this.key = inputs.baseKey;
    this.gaps = [...inputs.inheritedGaps];
  }

  /** The gaps so far that leave the tree's content unknown: what a later failure may stem from. */
  private unknownGaps(): Gap[] {
    return this.gaps.filter((g) => g.level === 'unknown');
  }

  /**
   * A failure that may only be the simulator's: what is missing could have come from an earlier
   * step it did not follow. Such a step is reported as not simulated, naming those steps, and the
   * build goes on, instead of a confident error with a hint to install what the learner installed.
   */
  private dependsOnGaps(what: string, gaps: readonly Gap[], line: number): Certainty | undefined {
    if (gaps.length === 0) return undefined;
    const lines = [...new Set(gaps.flatMap((g) => (g.line === undefined ? [] : [g.line])))].sort(
      (a, b) => a - b,
    );
    const where = lines.length
      ? `line ${lines.join(', ')}, which the simulator could not follow`
      : 'an earlier step the simulator could not follow';
    return unknown(
      'depends',
      `${what} in the simulated image, but ${where}, may have provided it: a real build may well succeed here.`,
      line,
    );
  }

  /** The key of an instruction: its parent's key, its text, and what it reads (files, ARG values). */
  private keyFor(instruction: Instruction, reads: string): string {
    return contentDigest(`${this.key}\n${instruction.kind} ${instruction.source.trim()}\n${reads}`);
  }

  /** What a RUN's bind mounts hold: BuildKit's cache key includes their content, so an edit reruns the step. */
  private bindMountsKey(instruction: Instruction): string {
    if (instruction.kind !== 'RUN') return '';
    return instruction.mounts
      .filter((mount) => mount.type === 'bind')
      .map((mount) => {
        const root = this.inputs.treeOf(mount.from);
        const node = root ? stat(root, `/${mount.source ?? ''}`) : undefined;
        return node ? treeDigest(node) : '-';
      })
      .join(',');
  }

  private lookup(key: string): CacheEntry | undefined {
    return this.inputs.cache.current.get(key) ?? this.inputs.cache.previous.get(key);
  }

  private remember(key: string, narrative: string, status: Step['status'], certainty: Certainty): void {
    if (status === 'failed') return;
    this.inputs.cache.current.set(key, {
      tree: this.state.tree,
      narrative,
      status,
      certainty,
    });
  }

  /** The env's index, rebuilt only when something other than ENV replaced the env. */
  private currentEnvIndex(): Map<string, number> {
    if (this.envSource !== this.state.config.env) {
      this.envIndex = new Map(this.state.config.env.map(([name], index) => [name, index]));
      this.envSource = this.state.config.env;
    }
    return this.envIndex;
  }

  /**
   * ENV's pairs set in order, a later one of the same name replacing it in place. The first ENV
   * of a stage copies the env it inherited; later ones write to that copy, which nothing else
   * holds (the layer cache keeps no configs), so a long run of ENV lines stays linear.
   */
  private setEnv(pairs: readonly (readonly [string, string])[]): void {
    const indexOf = this.currentEnvIndex();
    const owned = this.state.config.env === this.ownedEnv;
    const env = owned && this.ownedEnv ? this.ownedEnv : [...this.state.config.env];
    for (const [key, value] of pairs) {
      const index = indexOf.get(key);
      if (index === undefined) indexOf.set(key, env.push([key, value]) - 1);
      else env[index] = [key, value];
    }
    if (!owned) this.state.config = { ...this.state.config, env };
    this.ownedEnv = env;
    this.envSource = env;
  }

  private argsKey(): string {
    this.argsText ??= [...this.args].join('\n');
    return this.argsText;
  }

  private expanded(
    text: string,
    range: SourceRange | undefined,
    escapeToken?: string,
  ): ExpansionResult & { ok: true } {
    const result = expandWord(
      text,
      this.variables,
      escapeToken === undefined ? { skipProcessQuotes: true } : { escapeToken },
    );
    if (!result.ok) throw new BuildFailure(result.code, result.message, range);
    this.inputs.budget.charge(result.value.length, range);
    return result;
  }

  private expand(word: SyntaxWord): string {
    return this.expanded(word.value, word.range, this.inputs.escapeToken).value;
  }

  private expandWords(word: SyntaxWord): string[] {
    return this.expanded(word.value, word.range, this.inputs.escapeToken).words;
  }

  private expandRaw(text: string, range: SourceRange): string {
    return this.expanded(text, range).value;
  }

  /** Runs one instruction; throws BuildFailure when Docker's build would fail there. */
  async apply(instruction: Instruction): Promise<void> {
    const before = this.state.tree;
    const configBefore = this.state.config;
    let narrative: string;
    let makesLayer = false;
    let status: Step['status'] = 'done';
    let certainty: Certainty = KNOWN;
    let crossed: Step['crossed'];
    const line = instruction.startLine;
    switch (instruction.kind) {
      case 'RUN': {
        const key = this.keyFor(instruction, `${this.argsKey()}\n${this.bindMountsKey(instruction)}`);
        const hit = this.lookup(key);
        makesLayer = true;
        this.key = key;
        if (hit) {
          this.state.tree = hit.tree;
          this.cached = true;
          this.record(instruction, configBefore, before, hit.status, hit.narrative, true, hit.certainty);
          this.remember(key, hit.narrative, hit.status, hit.certainty);
          return;
        }
        const outcome = await this.inputs.runInterpreter({
          instruction,
          tree: this.state.tree,
          config: this.state.config,
          args: this.args,
          stageTree: this.inputs.treeOf,
        });
        this.state.tree = outcome.tree;
        narrative = outcome.narrative;
        if (outcome.status === 'failed') {
          const depends = mayStemFromGap(outcome.code, outcome.message)
            ? this.dependsOnGaps(`\`${outcome.message}\``, this.unknownGaps(), line)
            : undefined;
          if (!depends) {
            // On a stand-in base, the real image (another version) may well behave otherwise.
            const standIn = certaintyOf(this.gaps.filter((g) => g.kind === 'stand-in'));
            this.record(instruction, configBefore, before, 'failed', narrative, true, standIn);
            throw new BuildFailure(outcome.code, outcome.message, instruction.range, outcome.hint, standIn);
          }
          this.state.tree = before;
          status = 'not-simulated';
          certainty = depends;
          narrative = gapsOf(depends)[0]?.text ?? narrative;
          break;
        }
        status = outcome.status;
        certainty = atLine(outcome.certainty, line);
        break;
      }
      case 'COPY':
      case 'ADD': {
        const result = await this.copy(instruction);
        narrative = result.narrative;
        crossed = result.crossed;
        status = result.status;
        certainty = result.certainty;
        makesLayer = true;
        this.key = this.keyFor(instruction, result.contentKey);
        this.cached = this.lookup(this.key) !== undefined;
        break;
      }
      case 'WORKDIR': {
        const path = resolveIn(this.state.config.workdir, this.expand(instruction.path));
        this.state.config = { ...this.state.config, workdir: path };
        makesLayer = path !== '/';
        const existed = stat(this.state.tree, path)?.kind === 'dir';
        if (makesLayer && !existed) {
          const owner = this.owner(this.state.config.user, instruction.path.range, true);
          this.state.tree = makeDirectories(this.state.tree, path, { mode: 0o755, ...owner });
        }
        narrative = existed
          ? `The working directory is now ${path}, which already existed.`
          : `The working directory is now ${path}; it did not exist, so WORKDIR created it.`;
        break;
      }
      default:
        narrative = this.applyMetadata(instruction);
    }
    if (instruction.kind !== 'COPY' && instruction.kind !== 'ADD') {
      this.key = this.keyFor(instruction, instruction.kind === 'ARG' ? this.argsKey() : '');
      this.cached = this.lookup(this.key) !== undefined;
    }
    this.record(instruction, configBefore, before, status, narrative, makesLayer, certainty, crossed);
    this.remember(this.key, narrative, status, certainty);
  }

  private historyText(instruction: Instruction, config: ImageConfig): string {
    return historyText(instruction, { config, expand: (word) => this.expand(word), args: this.args });
  }

  private record(
    instruction: Instruction,
    configBefore: ImageConfig,
    before: DirNode,
    status: Step['status'],
    narrative: string,
    makesLayer: boolean,
    certainty: Certainty,
    crossed?: Step['crossed'],
  ): void {
    this.gaps.push(...gapsOf(certainty));
    let layer: number | null = null;
    let sizeDelta = 0;
    let files: Step['files'];
    const line = instruction.startLine;
    if (makesLayer) {
      const changes = diffTrees(before, this.state.tree);
      files = summarise(changes);
      sizeDelta = changesSize(changes);
      layer = this.state.layers.length;
      this.state.layers.push({
        createdBy: this.historyText(instruction, configBefore),
        line,
        stage: this.inputs.index,
        size: sizeDelta,
        certainty,
        changes,
      });
    }
    this.state.history.push({
      createdBy: this.historyText(instruction, configBefore),
      line,
      stage: this.inputs.index,
      layer,
    });
    this.steps.push({
      stage: this.inputs.index,
      kind: instruction.kind,
      instruction: instruction.source.trim(),
      line,
      range: instruction.range,
      status,
      sizeDelta,
      layer,
      cached: this.cached,
      narrative,
      certainty,
      ...(crossed ? { crossed } : {}),
      ...(files ? { files } : {}),
    });
    this.cached = false;
  }

  /** uid/gid of a USER or --chown value, through the stage's own /etc/passwd and /etc/group. */
  private owner(spec: string, range: SourceRange, lenient = false): { uid: number; gid: number } {
    if (spec === '') return { uid: 0, gid: 0 };
    const resolved = resolveOwner(
      spec,
      fileText(this.state.tree, '/etc/passwd'),
      fileText(this.state.tree, '/etc/group'),
    );
    if (resolved.ok) return { uid: resolved.uid, gid: resolved.gid };
    if (lenient) return { uid: 0, gid: 0 };
    const depends = this.dependsOnGaps(resolved.message, this.unknownGaps(), range.start.line);
    if (depends) {
      this.gaps.push(...gapsOf(depends));
      return { uid: 0, gid: 0 };
    }
    throw new BuildFailure(
      'build/unknown-user',
      resolved.message,
      range,
      `Create the user in this stage first (useradd/adduser) or use a numeric ID such as ${spec.replace(/[^:]+/g, '1000')}.`,
    );
  }

  private async copy(instruction: CopyInstruction | AddInstruction) {
    const from = instruction.kind === 'COPY' ? instruction.from : undefined;
    const source = await this.inputs.copySource(from);
    const owner = instruction.chown
      ? this.owner(this.expand(instruction.chown), instruction.chown.range)
      : undefined;
    const chmod = instruction.chmod
      ? parseChmod(this.expand(instruction.chmod), instruction.chmod.range)
      : undefined;
    const sourceGaps = from ? this.inputs.sourceGaps(from) : [];
    let outcome: ReturnType<typeof applyCopy>;
    try {
      outcome = this.runCopy(instruction, source, owner, chmod);
    } catch (error) {
      const depends =
        error instanceof BuildFailure && error.code === 'build/copy-source-not-found'
          ? this.dependsOnGaps(
              error.message,
              sourceGaps.filter((g) => g.level === 'unknown'),
              instruction.startLine,
            )
          : undefined;
      if (!depends) throw error;
      return {
        narrative: gapsOf(depends)[0]?.text ?? '',
        crossed: undefined,
        contentKey: '',
        status: 'not-simulated' as const,
        certainty: depends,
      };
    }
    this.state.tree = outcome.tree;
    this.gaps.push(...sourceGaps);
    const bytes = outcome.copied.reduce((sum, file) => sum + file.bytes, 0);
    const count = outcome.copied.length;
    const fromUrl =
      instruction.sources.length > 0 &&
      instruction.sources.every((word) => /^[a-z][a-z0-9+.-]*:\/\//i.test(word.value));
    const origin = fromUrl
      ? 'a URL'
      : source.fromContext
        ? 'the build context'
        : `--from=${from?.value} (${source.label})`;
    const where = [...new Set(outcome.copied.map((file) => file.path))].slice(0, 3).join(', ');
    const narrative = [
      `Copied ${count} file${count === 1 ? '' : 's'} (${formatSize(bytes)}) from ${origin}${where ? ` to ${where}${count > 3 ? ', …' : ''}` : ''}.`,
      ...outcome.notes,
    ].join(' ');
    const crossed =
      from === undefined
        ? undefined
        : { from: source.label, paths: outcome.copied.map((file) => file.path), bytes };
    // What the copy read decides its cache key: each file's path, owner, mode and content identity.
    const contentKey = outcome.copied
      .map((file) => {
        const node = stat(this.state.tree, file.path);
        return node?.kind === 'file'
          ? `${file.path} ${node.mode} ${node.uid}:${node.gid} ${contentIdOf(node)}`
          : file.path;
      })
      .join('\n');
    // What crossed from a stage carries that stage's gaps; a URL's content is not fetched.
    const certainty = certaintyOf([
      ...sourceGaps.map((g) => ({ ...g, level: 'estimated' as const })),
      ...(fromUrl
        ? [
            {
              level: 'unknown' as const,
              kind: 'no-data' as const,
              text: 'The simulator has no network: what the URL holds, and its size, are unknown.',
              line: instruction.startLine,
            },
          ]
        : []),
    ]);
    return { narrative, crossed, contentKey, status: 'done' as const, certainty };
  }

  private runCopy(
    instruction: CopyInstruction | AddInstruction,
    source: CopySource,
    owner: { uid: number; gid: number } | undefined,
    chmod: ChmodSpec | undefined,
  ): ReturnType<typeof applyCopy> {
    return applyCopy({
      instruction,
      source,
      tree: this.state.tree,
      workdir: this.state.config.workdir,
      expand: (word) => this.expand(word),
      expandRaw: (text, range) => this.expandRaw(text, range),
      ...(owner ? { owner } : {}),
      ...(chmod === undefined ? {} : { chmod }),
    });
  }

  private declareArgs(instruction: ArgInstruction): string {
    const described: string[] = [];
    for (const arg of instruction.args) {
      const name = this.expand(arg.name);
      const override = this.inputs.buildArgs.get(name);
      let value: string | undefined;
      if (override !== undefined) value = override;
      else if (arg.defaultValue !== undefined) value = this.expand(arg.defaultValue);
      else value = this.inputs.globalArgs.get(name) ?? PLATFORM_ARGS.get(name);
      if (value === undefined) {
        this.args.delete(name);
        described.push(`${name} (no value)`);
      } else {
        if (arg.defaultValue === undefined || override !== undefined)
          this.inputs.budget.charge(value.length, arg.name.range);
        this.args.set(name, value);
        described.push(`${name}=${shortValue(value)}`);
      }
    }
    this.argsText = undefined;
    return `Declared ${described.join(', ')}: visible to the instructions after it in this stage, but not stored in the image.`;
  }

  /** Instructions that change only the image config: no layer, an entry in `docker history`. */
  private applyMetadata(instruction: Instruction): string {
    const config = this.state.config;
    switch (instruction.kind) {
      case 'ARG':
        return this.declareArgs(instruction);
      case 'ENV': {
        // Docker expands every pair against the environment before the instruction.
        this.setEnv(
          instruction.pairs.map((pair) => [this.expand(pair.key), this.expand(pair.value)] as const),
        );
        return `Set ${instruction.pairs.map((pair) => pair.key.value).join(', ')} in the image's environment: every later instruction and the running container see it.`;
      }
      case 'LABEL': {
        const labels = { ...config.labels };
        for (const pair of instruction.pairs) labels[this.expand(pair.key)] = this.expand(pair.value);
        this.state.config = { ...config, labels };
        return 'Added metadata labels to the image config.';
      }
      case 'USER': {
        const user = this.expand(instruction.user);
        this.state.config = { ...config, user };
        return `Later RUN steps and the container run as ${user}.`;
      }
      case 'EXPOSE': {
        const ports = instruction.ports
          .flatMap((word) => this.expandWords(word))
          .map((port) => (port.includes('/') ? port.toLowerCase() : `${port}/tcp`));
        this.state.config = {
          ...config,
          exposedPorts: [...new Set([...config.exposedPorts, ...ports])].sort(),
        };
        return `Documented port ${ports.join(', ')}. EXPOSE publishes nothing by itself; it is metadata for whoever runs the image.`;
      }
      case 'VOLUME': {
        const volumes = instruction.volumes.map((word) => this.expand(word));
        this.state.config = { ...config, volumes: [...new Set([...config.volumes, ...volumes])] };
        return `Declared ${volumes.join(', ')} as a volume: a container gets a fresh volume there.`;
      }
      case 'CMD':
        this.cmdSet = true;
        this.state.config = { ...config, cmd: argv(instruction.command, config.shell) };
        return 'Set the default command the container runs.';
      case 'ENTRYPOINT': {
        const entrypoint = argv(instruction.command, config.shell);
        this.state.config = { ...config, entrypoint, cmd: this.cmdSet ? config.cmd : null };
        return this.cmdSet
          ? 'Set the entrypoint; the CMD set earlier in this stage becomes its default arguments.'
          : 'Set the entrypoint. A CMD inherited from the base image is reset, as Docker does when ENTRYPOINT is set.';
      }
      case 'SHELL':
        this.state.config = { ...config, shell: instruction.shell.map((word) => word.value) };
        return `Shell-form commands now run with ${instruction.shell.map((word) => word.value).join(' ')}.`;
      case 'STOPSIGNAL':
        this.state.config = { ...config, stopSignal: this.expand(instruction.signal) };
        return 'Set the signal that stops the container.';
      case 'HEALTHCHECK': {
        const { healthcheck } = instruction;
        if (healthcheck.type === 'NONE') {
          this.state.config = {
            ...config,
            healthcheck: {
              test: ['NONE'],
              interval: 0,
              timeout: 0,
              startPeriod: 0,
              startInterval: 0,
              retries: 0,
            },
          };
          return 'Disabled any health check inherited from the base image.';
        }
        const test =
          healthcheck.command.form === 'exec'
            ? ['CMD', ...healthcheck.command.args.map((arg) => arg.value)]
            : ['CMD-SHELL', healthcheck.command.script.value];
        this.state.config = { ...config, healthcheck: { ...healthcheck, test } };
        return 'Set the health check Docker runs inside the container.';
      }
      case 'ONBUILD':
        this.state.config = { ...config, onbuild: [...config.onbuild, instruction.expression] };
        return 'Stored a trigger that runs when another build starts FROM this image.';
      case 'MAINTAINER':
        return 'Recorded the author (MAINTAINER is deprecated; use a LABEL).';
      default:
        return '';
    }
  }
}

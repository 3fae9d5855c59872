/**
 * Builds one stage: applies its instructions in order to the stage's tree and config, recording a
 * layer for each filesystem-changing instruction and a step for each instruction.
 */
import type {
  AddInstruction,
  ArgInstruction,
  CommandLine,
  CopyInstruction,
  Instruction,
  SyntaxWord,
} from '../dockerfile/index.ts';
import { expandWord, PLATFORM_ARGS } from '../dockerfile/index.ts';
import { formatSize } from '../format-size.ts';
import { contentDigest, contentIdOf } from '../fs/content.ts';
import { changesSize, diffTrees } from '../fs/diff.ts';
import { makeDirectories } from '../fs/edit.ts';
import { resolveIn } from '../fs/path.ts';
import { type DirNode, stat } from '../fs/tree.ts';
import type { SourceRange } from '../source-range.ts';
import { type ChmodSpec, parseChmod } from './chmod.ts';
import { applyCopy, BuildFailure, type CopySource } from './copy.ts';
import { historyText } from './history-text.ts';
import { envMap, type ImageConfig, withEnv } from './image-config.ts';
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
  /** A stage's or image's tree for `RUN --mount=from=`. */
  readonly treeOf: (reference: string) => DirNode | undefined;
  /** Why the source of `COPY --from=X` may lack files: RUN steps there that were not simulated. */
  readonly sourceCaveat: (from: SyntaxWord) => string | undefined;
  /** The layer cache of earlier builds, and where this build records its steps. */
  readonly cache: LayerCache;
  /** The cache key of the stage's base: its image, or the last key of the stage it builds on. */
  readonly baseKey: string;
}

/** What a step left behind, keyed by its cache key: enough to replay it without running it. */
export interface CacheEntry {
  readonly tree: DirNode;
  readonly config: ImageConfig;
  readonly narrative: string;
  readonly status: Step['status'];
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

export class StageBuilder {
  readonly state: StageState;
  readonly steps: Step[] = [];
  private readonly inputs: StageInputs;
  /** ARG values in scope in this stage; declared but unset ARGs are absent. */
  private readonly args = new Map<string, string>();
  private cmdSet = false;
  /** The cache key of the last instruction: each key chains on its parent's, as in BuildKit. */
  key: string;
  private cached = false;

  constructor(inputs: StageInputs, state: StageState) {
    this.inputs = inputs;
    this.state = state;
    this.key = inputs.baseKey;
  }

  /** The key of an instruction: its parent's key, its text, and what it reads (files, ARG values). */
  private keyFor(instruction: Instruction, reads: string): string {
    return contentDigest(`${this.key}\n${instruction.kind} ${instruction.source.trim()}\n${reads}`);
  }

  private lookup(key: string): CacheEntry | undefined {
    return this.inputs.cache.current.get(key) ?? this.inputs.cache.previous.get(key);
  }

  private remember(key: string, narrative: string, status: Step['status']): void {
    if (status === 'failed') return;
    this.inputs.cache.current.set(key, {
      tree: this.state.tree,
      config: this.state.config,
      narrative,
      status,
    });
  }

  /** The variables an instruction's words see: ARG values, overridden by ENV. */
  private env(): Map<string, string> {
    return new Map([...this.args, ...envMap(this.state.config)]);
  }

  private expand(word: SyntaxWord): string {
    const result = expandWord(word.value, this.env(), { escapeToken: this.inputs.escapeToken });
    if (!result.ok) throw new BuildFailure('build/expansion', result.message, word.range);
    return result.value;
  }

  private expandWords(word: SyntaxWord): string[] {
    const result = expandWord(word.value, this.env(), { escapeToken: this.inputs.escapeToken });
    if (!result.ok) throw new BuildFailure('build/expansion', result.message, word.range);
    return result.words;
  }

  private expandRaw(text: string, range: SourceRange): string {
    const result = expandWord(text, this.env(), { skipProcessQuotes: true });
    if (!result.ok) throw new BuildFailure('build/expansion', result.message, range);
    return result.value;
  }

  /** Runs one instruction; throws BuildFailure when Docker's build would fail there. */
  async apply(instruction: Instruction): Promise<void> {
    const before = this.state.tree;
    const configBefore = this.state.config;
    let narrative: string;
    let makesLayer = false;
    let status: Step['status'] = 'done';
    let crossed: Step['crossed'];
    switch (instruction.kind) {
      case 'RUN': {
        const key = this.keyFor(instruction, [...this.args].join('\n'));
        const hit = this.lookup(key);
        makesLayer = true;
        this.key = key;
        if (hit) {
          this.state.tree = hit.tree;
          this.state.config = hit.config;
          this.cached = true;
          this.record(instruction, configBefore, before, hit.status, hit.narrative, true);
          this.remember(key, hit.narrative, hit.status);
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
          this.record(instruction, configBefore, before, 'failed', narrative, true);
          throw new BuildFailure(outcome.code, outcome.message, instruction.range, outcome.hint);
        }
        status = outcome.status;
        break;
      }
      case 'COPY':
      case 'ADD': {
        const result = await this.copy(instruction);
        narrative = result.narrative;
        crossed = result.crossed;
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
      this.key = this.keyFor(instruction, instruction.kind === 'ARG' ? [...this.args].join('\n') : '');
      this.cached = this.lookup(this.key) !== undefined;
    }
    this.record(instruction, configBefore, before, status, narrative, makesLayer, crossed);
    this.remember(this.key, narrative, status);
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
    crossed?: Step['crossed'],
  ): void {
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
    let outcome: ReturnType<typeof applyCopy>;
    try {
      outcome = this.runCopy(instruction, source, owner, chmod);
    } catch (error) {
      const caveat =
        from && error instanceof BuildFailure && error.code === 'build/copy-source-not-found'
          ? this.inputs.sourceCaveat(from)
          : undefined;
      if (caveat && error instanceof BuildFailure)
        throw new BuildFailure(error.code, error.message, error.range, caveat);
      throw error;
    }
    this.state.tree = outcome.tree;
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
    return { narrative, crossed, contentKey };
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
        this.args.set(name, value);
        described.push(`${name}=${value}`);
      }
    }
    return `Declared ${described.join(', ')}: visible to the instructions after it in this stage, but not stored in the image.`;
  }

  /** Instructions that change only the image config: no layer, an entry in `docker history`. */
  private applyMetadata(instruction: Instruction): string {
    const config = this.state.config;
    switch (instruction.kind) {
      case 'ARG':
        return this.declareArgs(instruction);
      case 'ENV': {
        let next = config;
        for (const pair of instruction.pairs)
          next = withEnv(next, this.expand(pair.key), this.expand(pair.value));
        this.state.config = next;
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

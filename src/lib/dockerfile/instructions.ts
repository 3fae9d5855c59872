/**
 * The second layer of the front end, BuildKit's `instructions.Parse`: each syntax node becomes a
 * typed instruction, with its flags and argument counts validated and BuildKit's messages on failure.
 */
import type { Fix } from '../diagnostic.ts';
import type { SourceRange } from '../source-range.ts';
import { FlagError, type FlagSpec, type Flags, type FlagValue, parseFlags } from './flags.ts';
import { goToLower, suggest } from './go-text.ts';
import { chompHeredocContent, parseHeredocWord } from './heredoc.ts';
import { MountError, parseRunMount, type RunMount } from './run-mount.ts';
import type { SyntaxHeredoc, SyntaxNode, SyntaxWord } from './syntax-tree.ts';

/** A command in exec form (`["app", "--port"]`) or shell form (run by the image's SHELL). */
export type CommandLine =
  | { readonly form: 'exec'; readonly args: readonly SyntaxWord[] }
  | { readonly form: 'shell'; readonly script: SyntaxWord };

export interface KeyValue {
  readonly key: SyntaxWord;
  readonly value: SyntaxWord;
  /** Legacy `ENV key value` form, without `=`. */
  readonly legacy: boolean;
}

/** A heredoc body that a COPY/ADD source or a RUN script takes. */
export interface InlineFile {
  readonly name: string;
  readonly content: string;
  readonly expand: boolean;
  readonly chomp: boolean;
  readonly fileDescriptor: number;
  readonly range: SourceRange;
}

interface Common {
  /** The keyword as written. */
  readonly keyword: SyntaxWord;
  /** The instruction's logical line, continuations joined. */
  readonly source: string;
  readonly range: SourceRange;
  readonly startLine: number;
  readonly endLine: number;
  /** Every flag given, validated. */
  readonly flags: readonly FlagValue[];
  readonly comments: readonly string[];
}

export interface FromInstruction extends Common {
  readonly kind: 'FROM';
  /** The image or stage reference, before ARG expansion. */
  readonly image: SyntaxWord;
  /** The `AS` name, lower-cased as BuildKit stores it. */
  readonly stageName?: SyntaxWord;
  readonly platform?: SyntaxWord;
}

export interface RunInstruction extends Common {
  readonly kind: 'RUN';
  readonly command: CommandLine;
  readonly heredocs: readonly InlineFile[];
  readonly mounts: readonly RunMount[];
  readonly network: 'default' | 'none' | 'host';
  readonly security: 'sandbox' | 'insecure';
}

export interface CmdInstruction extends Common {
  readonly kind: 'CMD';
  readonly command: CommandLine | undefined;
}

export interface EntrypointInstruction extends Common {
  readonly kind: 'ENTRYPOINT';
  readonly command: CommandLine | undefined;
}

export interface ShellInstruction extends Common {
  readonly kind: 'SHELL';
  readonly shell: readonly SyntaxWord[];
}

interface SourcesAndDestination {
  readonly sources: readonly SyntaxWord[];
  readonly inlineSources: readonly InlineFile[];
  readonly destination: SyntaxWord;
  readonly chown?: SyntaxWord;
  readonly chmod?: SyntaxWord;
  readonly link: boolean;
  readonly exclude: readonly SyntaxWord[];
}

export interface CopyInstruction extends Common, SourcesAndDestination {
  readonly kind: 'COPY';
  readonly from?: SyntaxWord;
  readonly parents: boolean;
}

export interface AddInstruction extends Common, SourcesAndDestination {
  readonly kind: 'ADD';
  readonly checksum?: SyntaxWord;
  readonly keepGitDir?: boolean;
  readonly unpack?: boolean;
}

export interface EnvInstruction extends Common {
  readonly kind: 'ENV';
  readonly pairs: readonly KeyValue[];
}

export interface LabelInstruction extends Common {
  readonly kind: 'LABEL';
  readonly pairs: readonly KeyValue[];
}

export interface ArgDefinition {
  readonly name: SyntaxWord;
  /** The default value, when the ARG gives one (`ARG name=value`). */
  readonly defaultValue?: SyntaxWord;
}

export interface ArgInstruction extends Common {
  readonly kind: 'ARG';
  readonly args: readonly ArgDefinition[];
}

export interface WorkdirInstruction extends Common {
  readonly kind: 'WORKDIR';
  readonly path: SyntaxWord;
}

export interface UserInstruction extends Common {
  readonly kind: 'USER';
  readonly user: SyntaxWord;
}

export interface ExposeInstruction extends Common {
  readonly kind: 'EXPOSE';
  readonly ports: readonly SyntaxWord[];
}

export interface VolumeInstruction extends Common {
  readonly kind: 'VOLUME';
  readonly volumes: readonly SyntaxWord[];
}

export interface StopsignalInstruction extends Common {
  readonly kind: 'STOPSIGNAL';
  readonly signal: SyntaxWord;
}

export interface MaintainerInstruction extends Common {
  readonly kind: 'MAINTAINER';
  readonly maintainer: SyntaxWord;
}

/** Health check timings in nanoseconds, as in the image config; 0 means Docker's default. */
export type Healthcheck =
  | { readonly type: 'NONE' }
  | {
      readonly type: 'CMD';
      readonly command: CommandLine;
      readonly interval: number;
      readonly timeout: number;
      readonly startPeriod: number;
      readonly startInterval: number;
      readonly retries: number;
    };

export interface HealthcheckInstruction extends Common {
  readonly kind: 'HEALTHCHECK';
  readonly healthcheck: Healthcheck;
}

export interface OnbuildInstruction extends Common {
  readonly kind: 'ONBUILD';
  /**
   * The trigger, typed; absent when it is invalid, which Docker only reports when an image built
   * FROM this one runs the trigger (`triggerError` says why).
   */
  readonly trigger?: Instruction;
  readonly triggerError?: string;
  /** The trigger as it is stored in the image config. */
  readonly expression: string;
}

export type Instruction =
  | FromInstruction
  | RunInstruction
  | CmdInstruction
  | EntrypointInstruction
  | ShellInstruction
  | CopyInstruction
  | AddInstruction
  | EnvInstruction
  | LabelInstruction
  | ArgInstruction
  | WorkdirInstruction
  | UserInstruction
  | ExposeInstruction
  | VolumeInstruction
  | StopsignalInstruction
  | MaintainerInstruction
  | HealthcheckInstruction
  | OnbuildInstruction;

export type InstructionKind = Instruction['kind'];

export const INSTRUCTION_KINDS: readonly InstructionKind[] = [
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
];

/** A typed-layer failure, located at the word it concerns or at the whole instruction. */
export class InstructionError extends Error {
  readonly code: string;
  readonly range: SourceRange;
  /** The correction, when the error is a likely typo. */
  readonly fix?: Fix;

  constructor(code: string, message: string, range: SourceRange, fix?: Fix) {
    super(message);
    this.code = code;
    this.range = range;
    if (fix !== undefined) this.fix = fix;
  }
}

const COPY_FLAGS: FlagSpec = {
  chown: 'string',
  from: 'string',
  chmod: 'string',
  link: 'bool',
  exclude: 'strings',
  parents: 'bool',
};
const ADD_FLAGS: FlagSpec = {
  chown: 'string',
  chmod: 'string',
  link: 'bool',
  'keep-git-dir': 'bool',
  checksum: 'string',
  unpack: 'bool',
  exclude: 'strings',
};
const RUN_FLAGS: FlagSpec = { mount: 'strings', network: 'string', security: 'string', device: 'strings' };
const HEALTHCHECK_FLAGS: FlagSpec = {
  interval: 'string',
  timeout: 'string',
  'start-period': 'string',
  'start-interval': 'string',
  retries: 'string',
};
const FROM_FLAGS: FlagSpec = { platform: 'string' };
const NO_FLAGS: FlagSpec = {};

const VALID_STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

/** Types one syntax node. Throws InstructionError with BuildKit's message when it is invalid. */
export function parseInstruction(node: SyntaxNode): Instruction {
  const kind = goToLower(node.keyword.value).toUpperCase() as InstructionKind;
  const parse = PARSERS[kind];
  if (!INSTRUCTION_KINDS.includes(kind) || parse === undefined) {
    const match = suggest(node.keyword.value, INSTRUCTION_KINDS, false);
    throw new InstructionError(
      'parse/unknown-instruction',
      `unknown instruction: ${node.keyword.value}${match === undefined ? '' : ` (did you mean ${match}?)`}`,
      node.keyword.range,
      match === undefined
        ? undefined
        : replaceText(node.keyword.range.start.offset, node.keyword.range.end.offset, match),
    );
  }
  return parse(new Request(node));
}

function replaceText(from: number, to: number, insert: string): Fix {
  return { title: `Replace with ${insert}`, edits: [{ from, to, insert }] };
}

/** What every instruction parser gets: the node, its plain argument words and a way to fail. */
class Request {
  readonly node: SyntaxNode;
  readonly args: readonly SyntaxWord[];

  constructor(node: SyntaxNode) {
    this.node = node;
    this.args = node.args;
  }

  fail(code: string, message: string, range: SourceRange = this.node.range): never {
    throw new InstructionError(code, message, range);
  }

  flags(spec: FlagSpec): Flags {
    try {
      return parseFlags(this.node.flags, spec);
    } catch (error) {
      if (error instanceof FlagError) {
        // The flag word starts with `--` in the source too, so the name sits right after it.
        const from = error.word.range.start.offset + 2;
        const fix =
          error.suggestion === undefined
            ? undefined
            : replaceText(from, from + error.flagName.length, error.suggestion);
        throw new InstructionError(error.code, error.message, error.word.range, fix);
      }
      throw error;
    }
  }

  common(flags: Flags | undefined): Common {
    const node = this.node;
    return {
      keyword: node.keyword,
      source: node.original,
      range: node.range,
      startLine: node.startLine,
      endLine: node.endLine,
      flags: flags?.all ?? [],
      comments: node.comments,
    };
  }

  /** The command of RUN/CMD/ENTRYPOINT/HEALTHCHECK CMD, joined as BuildKit's handleJSONArgs does. */
  commandLine(args: readonly SyntaxWord[]): CommandLine | undefined {
    if (args.length === 0) return undefined;
    if (this.node.json) return { form: 'exec', args };
    const first = args[0] as SyntaxWord;
    const last = args[args.length - 1] as SyntaxWord;
    const script = args.map((arg) => arg.value).join(' ');
    return {
      form: 'shell',
      script: { value: script, range: { start: first.range.start, end: last.range.end } },
    };
  }

  needsDestination(name: string): void {
    if (this.args.length < 2) {
      this.fail(
        'parse/missing-destination',
        `${name} requires at least two arguments, but only one was provided. Destination could not be determined`,
      );
    }
  }

  atLeastOne(name: string): void {
    if (this.args.length === 0) this.fail('parse/missing-argument', `${name} requires at least one argument`);
  }

  exactlyOne(name: string): SyntaxWord {
    if (this.args.length !== 1) this.fail('parse/argument-count', `${name} requires exactly one argument`);
    return this.args[0] as SyntaxWord;
  }
}

function wordOf(flag: FlagValue | undefined): SyntaxWord | undefined {
  return flag === undefined ? undefined : { value: flag.value, range: flag.range };
}

function inlineFile(heredoc: SyntaxHeredoc): InlineFile {
  return {
    name: heredoc.name,
    content: heredoc.chomp ? chompHeredocContent(heredoc.content) : heredoc.content,
    expand: heredoc.expand,
    chomp: heredoc.chomp,
    fileDescriptor: heredoc.fileDescriptor,
    range: heredoc.range,
  };
}

function sourcesAndDestination(req: Request, name: 'COPY' | 'ADD', flags: Flags): SourcesAndDestination {
  const destination = req.args[req.args.length - 1] as SyntaxWord;
  if (parseHeredocWordSafe(destination.value)) {
    req.fail(
      'parse/heredoc-destination',
      `${name} cannot accept a heredoc as a destination`,
      destination.range,
    );
  }
  const bodies = new Map(req.node.heredocs.map((heredoc) => [heredoc.name, heredoc]));
  const sources: SyntaxWord[] = [];
  const inlineSources: InlineFile[] = [];
  for (const source of req.args.slice(0, -1)) {
    const heredoc = parseHeredocWordSafe(source.value);
    const body = heredoc && bodies.get(heredoc.name);
    if (heredoc && body) inlineSources.push(inlineFile(body));
    else if (heredoc) inlineSources.push({ ...heredoc, content: '', range: source.range });
    else sources.push(source);
  }
  const optional = (key: string, word: SyntaxWord | undefined) => (word === undefined ? {} : { [key]: word });
  return {
    sources,
    inlineSources,
    destination,
    ...optional('chown', wordOf(flags.string('chown'))),
    ...optional('chmod', wordOf(flags.string('chmod'))),
    link: flags.bool('link'),
    exclude: flags.strings('exclude').map((flag) => ({ value: flag.value, range: flag.range })),
  };
}

function parseHeredocWordSafe(word: string) {
  try {
    return parseHeredocWord(word);
  } catch {
    return undefined;
  }
}

function keyValues(req: Request, name: 'ENV' | 'LABEL'): KeyValue[] {
  req.atLeastOne(name);
  const pairs: KeyValue[] = [];
  for (let i = 0; i + 2 < req.args.length; i += 3) {
    const key = req.args[i] as SyntaxWord;
    if (key.value === '') req.fail('parse/blank-name', `${name} names can not be blank`, key.range);
    pairs.push({
      key,
      value: req.args[i + 1] as SyntaxWord,
      legacy: (req.args[i + 2] as SyntaxWord).value === '',
    });
  }
  return pairs;
}

/** Go's time.ParseDuration, in nanoseconds. */
function parseDuration(text: string): number | undefined {
  if (text === '0' || text === '+0' || text === '-0') return 0;
  const match = /^([-+]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/.exec(text);
  if (!match) return undefined;
  const units: Record<string, number> = {
    ns: 1,
    us: 1e3,
    µs: 1e3,
    μs: 1e3,
    ms: 1e6,
    s: 1e9,
    m: 60e9,
    h: 3600e9,
  };
  let total = 0;
  for (const part of (match[2] ?? '').matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    total += Number(part[1]) * (units[part[2] ?? ''] ?? 0);
  }
  return match[1] === '-' ? -total : Math.round(total);
}

function interval(req: Request, flag: FlagValue | undefined): number {
  if (flag === undefined || flag.value === '') return 0;
  const duration = parseDuration(flag.value);
  if (duration === undefined)
    req.fail('parse/invalid-duration', `time: invalid duration "${flag.value}"`, flag.range);
  if (duration === 0) return 0;
  if (duration < 1e6)
    req.fail('parse/invalid-duration', `Interval "${flag.name}" cannot be less than 1ms`, flag.range);
  return duration;
}

function parseHealthcheckInstruction(req: Request): HealthcheckInstruction {
  req.atLeastOne('HEALTHCHECK');
  const type = (req.args[0] as SyntaxWord).value.toUpperCase();
  if (type === 'NONE') {
    if (req.args.length !== 1) req.fail('parse/argument-count', 'HEALTHCHECK NONE takes no arguments');
    return { kind: 'HEALTHCHECK', ...req.common(undefined), healthcheck: { type: 'NONE' } };
  }
  const flags = req.flags(HEALTHCHECK_FLAGS);
  if (type !== 'CMD') {
    req.fail(
      'parse/healthcheck-type',
      `Unknown type "${type}" in HEALTHCHECK (try CMD)`,
      (req.args[0] as SyntaxWord).range,
    );
  }
  const command = req.commandLine(req.args.slice(1));
  if (command === undefined) req.fail('parse/missing-argument', 'Missing command after HEALTHCHECK CMD');
  const retriesFlag = flags.string('retries');
  let retries = 0;
  if (retriesFlag && retriesFlag.value !== '') {
    if (!/^[-+]?\d+$/.test(retriesFlag.value) || Math.abs(Number(retriesFlag.value)) > 2 ** 31 - 1) {
      req.fail(
        'parse/invalid-retries',
        `strconv.ParseInt: parsing "${retriesFlag.value}": invalid syntax`,
        retriesFlag.range,
      );
    }
    retries = Number(retriesFlag.value);
    if (retries < 0)
      req.fail('parse/invalid-retries', `--retries cannot be negative (${retries})`, retriesFlag.range);
  }
  return {
    kind: 'HEALTHCHECK',
    ...req.common(flags),
    healthcheck: {
      type: 'CMD',
      command,
      interval: interval(req, flags.string('interval')),
      timeout: interval(req, flags.string('timeout')),
      startPeriod: interval(req, flags.string('start-period')),
      startInterval: interval(req, flags.string('start-interval')),
      retries,
    },
  };
}

function parseRunInstruction(req: Request): RunInstruction {
  const flags = req.flags(RUN_FLAGS);
  const mounts = flags.strings('mount').map((flag) => {
    try {
      return parseRunMount(flag.value);
    } catch (error) {
      if (error instanceof MountError) return req.fail('parse/invalid-mount', error.message, flag.range);
      throw error;
    }
  });
  const network = flags.string('network');
  if (network && !['default', 'none', 'host'].includes(network.value)) {
    req.fail('parse/invalid-network', `invalid network mode "${network.value}"`, network.range);
  }
  const security = flags.string('security');
  if (security && !['sandbox', 'insecure'].includes(security.value)) {
    req.fail('parse/invalid-security', `security "${security.value}" is not valid`, security.range);
  }
  const command = req.commandLine(req.args) ?? {
    form: 'shell',
    script: { value: '', range: req.node.range },
  };
  return {
    kind: 'RUN',
    ...req.common(flags),
    command,
    heredocs: req.node.heredocs.map(inlineFile),
    mounts,
    network: (network?.value ?? 'default') as RunInstruction['network'],
    security: (security?.value ?? 'sandbox') as RunInstruction['security'],
  };
}

function parseFromInstruction(req: Request): FromInstruction {
  const args = req.args;
  let stageName: SyntaxWord | undefined;
  if (args.length === 3 && (args[1] as SyntaxWord).value.toLowerCase() === 'as') {
    const written = args[2] as SyntaxWord;
    const name = written.value.toLowerCase();
    if (!VALID_STAGE_NAME.test(name)) {
      req.fail(
        'parse/invalid-stage-name',
        `invalid name for build stage: "${written.value}", name can't start with a number or contain symbols`,
        written.range,
      );
    }
    stageName = { value: name, range: written.range };
  } else if (args.length !== 1) {
    req.fail('parse/argument-count', 'FROM requires either one or three arguments');
  }
  const flags = req.flags(FROM_FLAGS);
  const platform = wordOf(flags.string('platform'));
  return {
    kind: 'FROM',
    ...req.common(flags),
    image: args[0] as SyntaxWord,
    ...(stageName ? { stageName } : {}),
    ...(platform ? { platform } : {}),
  };
}

function parseOnbuildInstruction(req: Request): OnbuildInstruction {
  const trigger = req.node.trigger;
  if (trigger === undefined)
    return req.fail('parse/missing-argument', 'ONBUILD requires at least one argument');
  req.flags(NO_FLAGS);
  const triggerKind = trigger.keyword.value.trim().toUpperCase();
  if (triggerKind === 'ONBUILD')
    req.fail('parse/onbuild-chain', "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
  if (triggerKind === 'MAINTAINER' || triggerKind === 'FROM') {
    req.fail('parse/onbuild-trigger', `${triggerKind} isn't allowed as an ONBUILD trigger`);
  }
  let expression = req.node.original.replace(/^\s*ONBUILD\s*/i, '');
  for (const heredoc of trigger.heredocs) expression += `\n${heredoc.content}${heredoc.name}`;
  const common = { kind: 'ONBUILD' as const, ...req.common(undefined), expression };
  try {
    return { ...common, trigger: parseInstruction(trigger) };
  } catch (error) {
    if (error instanceof InstructionError) return { ...common, triggerError: error.message };
    throw error;
  }
}

type Parser = (req: Request) => Instruction;

const PARSERS: Partial<Record<InstructionKind, Parser>> = {
  FROM: parseFromInstruction,
  RUN: parseRunInstruction,
  HEALTHCHECK: parseHealthcheckInstruction,
  ONBUILD: parseOnbuildInstruction,
  CMD: (req) => {
    const flags = req.flags(NO_FLAGS);
    return { kind: 'CMD', ...req.common(flags), command: req.commandLine(req.args) };
  },
  ENTRYPOINT: (req) => {
    const flags = req.flags(NO_FLAGS);
    return { kind: 'ENTRYPOINT', ...req.common(flags), command: req.commandLine(req.args) };
  },
  SHELL: (req) => {
    const flags = req.flags(NO_FLAGS);
    if (req.args.length === 0) req.fail('parse/missing-argument', 'SHELL requires at least one argument');
    if (!req.node.json) req.fail('parse/not-json', 'SHELL requires the arguments to be in JSON form');
    return { kind: 'SHELL', ...req.common(flags), shell: req.args };
  },
  COPY: (req) => {
    req.needsDestination('COPY');
    const flags = req.flags(COPY_FLAGS);
    const from = wordOf(flags.string('from'));
    return {
      kind: 'COPY',
      ...req.common(flags),
      ...sourcesAndDestination(req, 'COPY', flags),
      ...(from ? { from } : {}),
      parents: flags.bool('parents'),
    };
  },
  ADD: (req) => {
    req.needsDestination('ADD');
    const flags = req.flags(ADD_FLAGS);
    const checksum = wordOf(flags.string('checksum'));
    const keepGitDir = flags.optionalBool('keep-git-dir');
    const unpack = flags.optionalBool('unpack');
    return {
      kind: 'ADD',
      ...req.common(flags),
      ...sourcesAndDestination(req, 'ADD', flags),
      ...(checksum ? { checksum } : {}),
      ...(keepGitDir === undefined ? {} : { keepGitDir }),
      ...(unpack === undefined ? {} : { unpack }),
    };
  },
  ENV: (req) => {
    const flags = req.flags(NO_FLAGS);
    return { kind: 'ENV', ...req.common(flags), pairs: keyValues(req, 'ENV') };
  },
  LABEL: (req) => {
    const flags = req.flags(NO_FLAGS);
    return { kind: 'LABEL', ...req.common(flags), pairs: keyValues(req, 'LABEL') };
  },
  MAINTAINER: (req) => {
    const maintainer = req.exactlyOne('MAINTAINER');
    return { kind: 'MAINTAINER', ...req.common(req.flags(NO_FLAGS)), maintainer };
  },
  ARG: (req) => {
    req.atLeastOne('ARG');
    const args = req.args.map((word): ArgDefinition => {
      const eq = word.value.indexOf('=');
      if (eq === -1) return { name: word };
      if (eq === 0) req.fail('parse/blank-name', 'ARG names can not be blank', word.range);
      return {
        name: { value: word.value.slice(0, eq), range: word.range },
        defaultValue: { value: word.value.slice(eq + 1), range: word.range },
      };
    });
    return { kind: 'ARG', ...req.common(undefined), args };
  },
  WORKDIR: (req) => {
    const path = req.exactlyOne('WORKDIR');
    return { kind: 'WORKDIR', ...req.common(req.flags(NO_FLAGS)), path };
  },
  USER: (req) => {
    const user = req.exactlyOne('USER');
    return { kind: 'USER', ...req.common(req.flags(NO_FLAGS)), user };
  },
  EXPOSE: (req) => {
    req.atLeastOne('EXPOSE');
    return { kind: 'EXPOSE', ...req.common(req.flags(NO_FLAGS)), ports: req.args };
  },
  VOLUME: (req) => {
    req.atLeastOne('VOLUME');
    const flags = req.flags(NO_FLAGS);
    const volumes = req.args.map((word) => {
      const value = word.value.trim();
      if (value === '')
        req.fail('parse/empty-volume', 'VOLUME specified can not be an empty string', word.range);
      return { value, range: word.range };
    });
    return { kind: 'VOLUME', ...req.common(flags), volumes };
  },
  STOPSIGNAL: (req) => {
    const signal = req.exactlyOne('STOPSIGNAL');
    return { kind: 'STOPSIGNAL', ...req.common(undefined), signal };
  },
};

/**
 * The pure twin of `docker build --check` (BuildKit's lint subrequest): every check's warnings
 * under the file's `# check=` options, with BuildKit's names, lines and messages, and the error
 * BuildKit would stop at while reading the file, with the warnings it had already given.
 */
import type { Diagnostic } from '../diagnostic.ts';
import { DirectiveScanner } from '../dockerfile/directives.ts';
import { suggest } from '../dockerfile/go-text.ts';
import { type Dockerfile, expandWord, globalArgValues, parseDockerfile } from '../dockerfile/index.ts';
import { type CheckOptions, checkRuns, DEFAULT_CHECK_OPTIONS, parseCheckOptions } from './check-options.ts';
import { allowed, checkName, InstructionLocator } from './check-scope.ts';
import { parsePlatform } from './from-platform.ts';
import { RULES } from './index.ts';
import type { Rule, RuleInput } from './rule.ts';

/** How BuildKit's error begins when `# check=error=true` turns warnings into a failure. */
export const LINT_VIOLATION = 'lint violation found for rules: ';

export interface CheckWarning {
  /** BuildKit's check name, or our `rule/…` code for the checks BuildKit does not have. */
  readonly rule: string;
  /** The first line of the instruction, as BuildKit reports it. */
  readonly line: number;
  readonly message: string;
  readonly url: string;
}

export interface CheckError {
  readonly message: string;
  readonly line: number;
}

export interface CheckReport {
  readonly warnings: readonly CheckWarning[];
  /** Where BuildKit stops: the Dockerfile does not parse or convert, or a check is configured as an error. */
  readonly error: CheckError | null;
}

export interface CheckRequest extends Omit<RuleInput, 'dockerfile' | 'text'> {
  readonly text: string;
  /** `--build-arg` values; `BUILDKIT_DOCKERFILE_CHECK` replaces the file's `# check=` options. */
  readonly buildArgs?: Readonly<Record<string, string>>;
}

/** When BuildKit runs a check: reading each instruction, over the whole file, per FROM, or dispatching. */
type Phase = 'parse' | 'file' | 'from' | 'dispatch';

const PHASES: Readonly<Record<string, Phase>> = {
  MaintainerDeprecated: 'parse',
  StageNameCasing: 'parse',
  FromAsCasing: 'parse',
  InvalidDefinitionDescription: 'parse',
  DuplicateStageName: 'file',
  ReservedStageName: 'file',
  ConsistentInstructionCasing: 'file',
  InvalidDefaultArgInFrom: 'file',
  UndefinedArgInFrom: 'from',
  RedundantTargetPlatform: 'from',
  FromPlatformFlagConstDisallowed: 'from',
  InvalidBaseImagePlatform: 'from',
};

const NO_EMPTY_CONTINUATION = 'NoEmptyContinuation';

/** BuildKit's documentation address for one of its checks: FromAsCasing → …/rule/from-as-casing/. */
export function buildkitCheckUrl(name: string): string {
  const kebab = name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
  return `https://docs.docker.com/go/dockerfile/rule/${kebab}/`;
}

function phaseOf(rule: Rule): Phase {
  return PHASES[rule.refs.buildkit ?? ''] ?? 'dispatch';
}

/** The `# check=` value at the top of the file, read even when the rest does not parse. */
function directiveValue(text: string): string | undefined {
  const scanner = new DirectiveScanner();
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    try {
      const directive = scanner.scan(line.replace(/^[\t\n\f\r ]+/, ''), index + 1);
      if (directive === undefined) return undefined;
      if (directive.name === 'check') return directive.value;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function optionsFor(request: CheckRequest): CheckOptions | { invalid: string } {
  const override = request.buildArgs?.BUILDKIT_DOCKERFILE_CHECK;
  const value = override ?? directiveValue(request.text);
  return value === undefined ? DEFAULT_CHECK_OPTIONS : parseCheckOptions(value);
}

/** BuildKit's checks whose rule (linter/ruleset.go) carries no documentation address. */
const WITHOUT_URL = new Set(['InvalidBaseImagePlatform']);

function warningOf(rule: Rule, diagnostic: Diagnostic, line: number): CheckWarning {
  const name = checkName(rule);
  const url =
    rule.refs.buildkit === undefined
      ? (diagnostic.url ?? '')
      : WITHOUT_URL.has(name)
        ? ''
        : buildkitCheckUrl(name);
  return { rule: name, line, message: diagnostic.message, url };
}

function byLine(a: CheckWarning, b: CheckWarning): number {
  return a.line - b.line || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

/** NoEmptyContinuation: the parser's warning, reported at the instruction's last line. */
function continuationWarnings(warnings: readonly Diagnostic[], options: CheckOptions): CheckWarning[] {
  if (!checkRuns(options, NO_EMPTY_CONTINUATION, false)) return [];
  return warnings
    .filter((warning) => warning.code === 'parse/no-empty-continuation')
    .map((warning) => ({
      rule: NO_EMPTY_CONTINUATION,
      line: warning.range.start.line,
      message: 'Empty continuation line',
      url: buildkitCheckUrl(NO_EMPTY_CONTINUATION),
    }));
}

/** Every rule's findings that the options let through and `include` keeps, at BuildKit's lines. */
function ruleWarnings(
  input: RuleInput,
  options: CheckOptions,
  include: (rule: Rule, line: number) => boolean,
): CheckWarning[] {
  const locator = new InstructionLocator(input.dockerfile);
  return RULES.flatMap((rule) =>
    rule.check(input).flatMap((diagnostic) => {
      const instruction = locator.at(diagnostic.range.start.offset);
      const line = instruction?.startLine ?? diagnostic.range.start.line;
      if (!allowed(rule, options, instruction) || !include(rule, line)) return [];
      return [warningOf(rule, diagnostic, line)];
    }),
  );
}

/** The first error BuildKit meets resolving the stages' bases and platforms, with its FROM's index. */
function conversionError(
  dockerfile: Dockerfile,
  buildArgs: ReadonlyMap<string, string>,
): { stage: number; error: CheckError } | undefined {
  const args = globalArgValues(dockerfile, buildArgs);
  if (!args.ok)
    return { stage: -1, error: { message: args.error.message, line: args.error.range.start.line } };
  const keys = [...args.value.keys()];
  const options = { escapeToken: dockerfile.escapeToken };
  for (const stage of dockerfile.stages) {
    const { image, platform, startLine: line } = stage.from;
    const fail = (message: string) => ({ stage: stage.index, error: { message, line } });
    const base = expandWord(image.value, args.value, options);
    if (!base.ok) return fail(base.message);
    if (base.value === '') return fail(`base name (${image.value}) should not be blank`);
    if (platform === undefined) continue;
    const expanded = expandWord(platform.value, args.value, options);
    if (!expanded.ok) return fail(expanded.message);
    const match = expanded.unmatched.map((name) => suggest(name, keys, true)).find((m) => m !== undefined);
    const suffix = match === undefined ? '' : ` (did you mean ${match}?)`;
    if (expanded.value === '') return fail(`empty platform value from expression ${platform.value}${suffix}`);
    const parsed = parsePlatform(expanded.value);
    if (!parsed.ok) return fail(`failed to parse platform ${platform.value}: ${parsed.message}${suffix}`);
  }
  return undefined;
}

function lintViolation(warnings: readonly CheckWarning[]): CheckError | null {
  // Our own rules advise; only BuildKit's checks fail the build, as they do in docker build --check.
  const failing = warnings.filter((warning) => !warning.rule.startsWith('rule/'));
  const first = failing[0];
  if (first === undefined) return null;
  const names = [...new Set(failing.map((warning) => warning.rule))].sort();
  return { message: `${LINT_VIOLATION}${names.join(', ')}`, line: first.line };
}

/** `docker build --check` on one Dockerfile: its warnings and the error BuildKit stops at, if any. */
export function checkDockerfile(request: CheckRequest): CheckReport {
  const options = optionsFor(request);
  if ('invalid' in options)
    return { warnings: [], error: { message: `failed to parse check options: ${options.invalid}`, line: 1 } };
  const { text, buildArgs = {}, ...extras } = request;
  const parsed = parseDockerfile(text);
  if (!parsed.ok) {
    const warnings = continuationWarnings(parsed.warnings, options);
    if (parsed.partial !== undefined) {
      const input: RuleInput = { ...extras, dockerfile: parsed.partial, text };
      warnings.push(...ruleWarnings(input, options, (rule) => phaseOf(rule) === 'parse'));
    }
    const line = parsed.failedLine ?? parsed.error.range.start.line;
    const message =
      parsed.failedLine === undefined
        ? parsed.error.message
        : `dockerfile parse error on line ${line}: ${parsed.error.message}`;
    return { warnings: warnings.sort(byLine), error: { message, line } };
  }
  const input: RuleInput = { ...extras, dockerfile: parsed.dockerfile, text };
  const failed = conversionError(parsed.dockerfile, new Map(Object.entries(buildArgs)));
  const fromLines = parsed.dockerfile.stages.map((stage) => stage.from.startLine);
  const lastFrom = failed === undefined ? Number.POSITIVE_INFINITY : (fromLines[failed.stage] ?? 0);
  const warnings = [
    ...continuationWarnings(parsed.dockerfile.warnings, options),
    ...ruleWarnings(input, options, (rule, line) => {
      if (failed === undefined) return true;
      const phase = phaseOf(rule);
      return phase === 'parse' || phase === 'file' || (phase === 'from' && line <= lastFrom);
    }),
  ].sort(byLine);
  if (failed !== undefined) return { warnings, error: failed.error };
  return { warnings, error: options.error ? lintViolation(warnings) : null };
}

/** Only BuildKit's own checks, as the real `docker build --check` prints them (the terminal's twin). */
export function buildkitOnly(report: CheckReport): CheckReport {
  return { ...report, warnings: report.warnings.filter((warning) => !warning.rule.startsWith('rule/')) };
}

/**
 * A build printed as BuildKit's plain progress (`docker build --progress=plain`): numbered
 * vertices, `[stage i/n] INSTRUCTION` for the steps that touch the filesystem, CACHED where the
 * layer cache answered, errors in BuildKit's words with the Dockerfile lines around them, the
 * export and the names. Times are left out: nothing here takes wall-clock time worth reporting.
 */

import type { BuildResult, StageResult, Step } from '../build/result.ts';
import { solveError } from '../build/solve-error.ts';
import { type Certainty, gapsOf, mainGaps } from '../certainty.ts';
import type { Diagnostic } from '../diagnostic.ts';
import type { Instruction } from '../dockerfile/index.ts';
import { formatSize } from '../format-size.ts';
import { parseReference } from '../images/reference.ts';
import type { CheckError, CheckReport } from '../rules/check.ts';
import { ruleByCode } from '../rules/index.ts';
import type { Output } from './output.ts';

/** The instructions BuildKit shows as progress vertices (the rest only change the config). */
const VERTEX_KINDS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

export interface ProgressInput {
  readonly result: BuildResult;
  readonly dockerfileName: string;
  /** Bytes of the Dockerfile and of the context, for the transfer lines. */
  readonly dockerfileBytes: number;
  readonly contextBytes: number;
  /** Bytes of .dockerignore (BuildKit reports 2B, an empty list, when there is none). */
  readonly ignoreBytes: number;
  /** The names the image gets (`-t`), as typed. */
  readonly names: readonly string[];
  /** The new image's ID, when it built. */
  readonly imageId: string | undefined;
  /**
   * `# check=error=true` with warnings: BuildKit stops while converting the file, after reading the
   * bases' metadata and before any step runs, and names the rules.
   */
  readonly lintError?: CheckError | null;
}

/** `python:3.9` → `docker.io/library/python:3.9`, as BuildKit names what it pulls. */
export function fullReference(reference: string): string {
  const parsed = parseReference(reference);
  if (!parsed) return reference;
  const [first = ''] = parsed.repository.split('/');
  const tagged = `${parsed.repository}:${parsed.tag}${parsed.digest ? `@${parsed.digest}` : ''}`;
  if (parsed.repository.includes('/') && /[.:]|^localhost$/.test(first)) return tagged;
  return parsed.repository.includes('/') ? `docker.io/${tagged}` : `docker.io/library/${tagged}`;
}

/** `app` → `docker.io/library/app`, keeping a tag only if one was typed, as BuildKit's naming line. */
function namingReference(name: string): string {
  const parsed = parseReference(name);
  if (!parsed) return name;
  const typedTag = /:[\w][\w.-]*$/.test(name.split('/').at(-1) ?? '');
  const full = fullReference(name);
  return typedTag ? full : full.replace(/:[^:/]+$/, '');
}

/** BuildKit's label for a step: `[builder 2/5] RUN …`, the stage named only in multi-stage files. */
class StepLabels {
  private readonly counters = new Map<number, number>();
  private readonly totals = new Map<number, number>();
  private readonly names = new Map<number, string>();

  constructor(result: BuildResult) {
    const stages = result.dockerfile?.stages ?? [];
    for (const [index, stage] of result.stages.entries()) {
      const instructions: readonly Instruction[] = stages[index]?.instructions ?? [];
      const vertices = instructions.filter((instruction) => VERTEX_KINDS.has(instruction.kind)).length;
      this.totals.set(index, vertices + (stage.base?.kind === 'image' ? 1 : 0));
      if (result.stages.length > 1) this.names.set(index, stage.name ?? `stage-${index}`);
    }
  }

  next(stage: number, text: string): string {
    const total = this.totals.get(stage) ?? 0;
    const index = (this.counters.get(stage) ?? 0) + 1;
    this.counters.set(stage, index);
    const width = Math.floor(1 + Math.log10(Math.max(total, 1)));
    const name = this.names.get(stage);
    return `[${name ? `${name} ` : ''}${String(index).padStart(width)}/${total}] ${text}`;
  }
}

/** The Dockerfile lines around an error, as BuildKit prints them under the progress. */
export function sourceExcerpt(name: string, source: string, line: number): string {
  // As BuildKit splits the source: a final newline leaves an empty last line, which it shows too.
  const lines = source.split('\n');
  const from = Math.max(1, line - 2);
  const to = Math.min(lines.length, line + 2);
  const rows: string[] = [];
  for (let at = from; at <= to; at++) {
    rows.push(`${String(at).padStart(4)} | ${at === line ? '>>> ' : '    '}${lines[at - 1] ?? ''}`);
  }
  const rule = '-'.repeat(20);
  return `${name}:${line}\n${rule}\n${rows.join('\n')}\n${rule}\n`;
}

function instructionText(step: Step): string {
  return (step.instruction.split('\n')[0] ?? '').replace(/\s+/g, ' ').trim();
}

/** BuildKit's build checks among the findings: the rules that carry a BuildKit check name. */
export function buildChecks(diagnostics: readonly Diagnostic[]): { name: string; diagnostic: Diagnostic }[] {
  return diagnostics.flatMap((diagnostic) => {
    const name = ruleByCode(diagnostic.code)?.refs.buildkit;
    return name ? [{ name, diagnostic }] : [];
  });
}

export function printProgress(input: ProgressInput, checks: readonly Diagnostic[], output: Output): void {
  const { result } = input;
  let vertex = 0;
  const open = (title: string) => {
    vertex++;
    output.out(`#${vertex} ${title}\n`);
    return vertex;
  };
  output.out(`#0 building with "default" instance using docker driver\n\n`);
  const definition = open(`[internal] load build definition from ${input.dockerfileName}`);
  output.out(
    `#${definition} transferring dockerfile: ${input.dockerfileBytes}B done\n#${definition} DONE\n\n`,
  );
  const failure = result.error ? solveError(result.error) : { solve: '', vertex: '', output: '' };

  if (!result.dockerfile) {
    finishWithError(input, failure.solve, output);
    return;
  }

  const needed = result.stages.filter((stage) => stage.built || stage.skipped === 'build-failed');
  const images = [
    ...new Set(
      needed.flatMap((stage) => (stage.base?.kind === 'image' || stage.base === null ? [stage] : [])),
    ),
  ];
  const seen = new Set<string>();
  for (const stage of images) {
    if (stage.reference === 'scratch' || seen.has(stage.reference)) continue;
    seen.add(stage.reference);
    const id = open(`[internal] load metadata for ${fullReference(stage.reference)}`);
    if (stage.base === null && result.error?.code === 'build/unknown-image') {
      output.out(`#${id} ERROR: ${fullReference(stage.reference)}: not found\n`);
      output.out(`------\n > [internal] load metadata for ${fullReference(stage.reference)}:\n------\n`);
      finishWithError(input, failure.solve, output);
      return;
    }
    if (stage.base === null && result.error?.certainty.level === 'unknown') {
      finishUnknown(result.error.certainty, output);
      return;
    }
    output.out(`#${id} DONE\n`);
    if (stage.base?.kind === 'image') noteGaps(stage.base.certainty, id, output);
    output.out('\n');
  }
  const ignore = open('[internal] load .dockerignore');
  output.out(`#${ignore} transferring context: ${input.ignoreBytes}B done\n#${ignore} DONE\n\n`);
  if (input.lintError) {
    printWarnings(checks, output);
    output.out(sourceExcerpt(input.dockerfileName, result.source, input.lintError.line));
    output.err(`ERROR: failed to solve: ${input.lintError.message}\n`);
    return;
  }

  const labels = new StepLabels(result);
  const started = new Set<number>();
  let contextLoaded = false;
  const startStage = (stage: StageResult) => {
    if (started.has(stage.index)) return;
    started.add(stage.index);
    if (stage.base?.kind !== 'image') return;
    const id = open(labels.next(stage.index, `FROM ${fullReference(stage.reference)}`));
    output.out(`#${id} DONE\n\n`);
  };

  for (const step of result.steps) {
    const stage = result.stages[step.stage];
    if (!stage) continue;
    startStage(stage);
    if (!VERTEX_KINDS.has(step.kind) || step.status === 'skipped') continue;
    const readsContext =
      (step.kind === 'COPY' || step.kind === 'ADD') && !/--from[= ]/.test(step.instruction);
    if (readsContext && !contextLoaded) {
      contextLoaded = true;
      const id = open('[internal] load build context');
      output.out(`#${id} transferring context: ${formatTransfer(input.contextBytes)} done\n#${id} DONE\n\n`);
    }
    const label = labels.next(step.stage, instructionText(step));
    const id = open(label);
    if (step.status === 'failed' && result.error?.certainty.level === 'unknown') {
      finishUnknown(result.error.certainty, output);
      return;
    }
    if (step.status === 'failed') {
      for (const line of failure.output.split('\n').filter(Boolean)) output.out(`#${id} ${line}\n`);
      output.out(`#${id} ERROR: ${failure.vertex}\n`);
      output.out(`------\n > ${label}:\n${failure.output ? `${failure.output}\n` : ''}------\n`);
      finishWithError(input, failure.solve, output);
      return;
    }
    output.out(step.cached ? `#${id} CACHED\n` : `#${id} DONE\n`);
    noteGaps(step.certainty, id, output);
    output.out('\n');
  }
  const target = result.target === null ? undefined : result.stages[result.target];
  if (target) startStage(target);

  if (!result.ok || !input.imageId) {
    finishWithError(input, failure.solve || 'the build did not finish', output);
    return;
  }
  const exported = open('exporting to image');
  output.out(`#${exported} exporting layers done\n#${exported} writing image ${input.imageId} done\n`);
  for (const name of input.names) output.out(`#${exported} naming to ${namingReference(name)} done\n`);
  output.out(`#${exported} DONE\n`);
  printWarnings(checks, output);
}

function formatTransfer(bytes: number): string {
  return bytes < 1000 ? `${bytes}B` : formatSize(bytes).replace(' ', '');
}

function printWarnings(checks: readonly Diagnostic[], output: Output): void {
  const found = buildChecks(checks);
  if (found.length === 0) return;
  output.out(
    `\n ${found.length} warning${found.length === 1 ? '' : 's'} found (use docker --debug to expand):\n`,
  );
  for (const { name, diagnostic } of found)
    output.out(` - ${name}: ${diagnostic.message} (line ${diagnostic.range.start.line})\n`);
}

/** What the simulator does not know about a vertex, in its own voice under the vertex. */
function noteGaps(certainty: Certainty, id: number, output: Output): void {
  for (const gap of mainGaps(certainty)) output.note(`#${id} simulator (${gap.level}): ${gap.text}`);
}

/** A build the simulator cannot go on with for want of data: its own words, not Docker's error. */
function finishUnknown(certainty: Certainty, output: Output): void {
  for (const gap of gapsOf(certainty)) output.note(`simulator: ${gap.text}`);
  output.note('simulator: the build stops here in the simulator; a real build would go on.');
}

function finishWithError(input: ProgressInput, message: string, output: Output): void {
  const { error } = input.result;
  if (error?.line) output.out(sourceExcerpt(input.dockerfileName, input.result.source, error.line));
  output.err(`ERROR: failed to solve: ${message}\n`);
  // The engine's hint teaches; it is the simulator speaking, so it is a note, not Docker's output.
  const hint = error?.hint
    ?.replace(/^process ".*" did not complete successfully: exit code: \d+\.\s*/s, '')
    .trim();
  if (hint) output.note(`hint: ${hint}`);
}

/** `docker build --check`'s plain output: each warning with the lines it points at, then the error. */
export function checkReportText(name: string, source: string, report: CheckReport): string {
  const { warnings, error } = report;
  let text =
    warnings.length === 0
      ? 'Check complete, no warnings found.\n'
      : `Check complete, ${warnings.length} ${warnings.length === 1 ? 'warning has' : 'warnings have'} been found!\n`;
  for (const warning of warnings) {
    // BuildKit's lint printer (frontend/subrequests/lint): the address only when the check has one.
    text += `\nWARNING: ${warning.rule}${warning.url ? ` - ${warning.url}` : ''}\n${warning.message}\n`;
    text += sourceExcerpt(name, source, warning.line);
  }
  if (error !== null) text += `${warnings.length > 0 ? '\n' : ''}ERROR: failed to solve: ${error.message}\n`;
  return text;
}

/** `docker build --check` in the terminal: the report, and exit status 1 when there is anything to fix. */
export function printCheck(name: string, source: string, report: CheckReport, output: Output): number {
  output.out(checkReportText(name, source, report));
  return report.warnings.length > 0 || report.error !== null ? 1 : 0;
}

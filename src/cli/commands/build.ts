/** `sim build DOCKERFILE [--context DIR] [--target NAME] [--build-arg K=V]... [--json] [--files]` */

import { dirname } from 'node:path';
import { type Analysis, analyze } from '../../lib/analysis/analyze.ts';
import { toJsonReport } from '../../lib/build/report.ts';
import type { BuildResult } from '../../lib/build/result.ts';
import { simulateBuild } from '../../lib/build/simulate.ts';
import { solveError } from '../../lib/build/solve-error.ts';
import { describeCertainty, KNOWN, mainGaps } from '../../lib/certainty.ts';
import { formatSize as formatBytes } from '../../lib/format-size.ts';
import { SIZE_MODEL_NAME } from '../../lib/size-model.ts';
import { type CliCommand, type CliIo, EXIT_INVALID, EXIT_OK, EXIT_USAGE, readInput } from '../command.ts';
import { formatDiagnostic } from '../format-diagnostic.ts';
import { nodeCatalog, nodePackages } from '../node-catalog.ts';
import { MAX_CONTEXT_FILES, readContext } from '../read-context.ts';

const USAGE = `Usage: sim build DOCKERFILE [--context DIR] [--target NAME] [--build-arg K=V]... [--json] [--files]

Simulates \`docker build\` of DOCKERFILE with the build context DIR (default: the Dockerfile's folder)
against the simulator's catalog of base images.

  --context DIR      the build context folder
  --target NAME      build this stage and what it needs (default: the last stage)
  --build-arg K=V    set a build argument (repeatable)
  --json             the full result as JSON (the sim build contract)
  --files            with --json, list every file of the final image

Exit status: 0 the build succeeds, 1 it fails (the report or JSON is still printed), 2 usage error.
`;

interface Options {
  dockerfile: string;
  context?: string;
  target?: string;
  buildArgs: Record<string, string>;
  json: boolean;
  files: boolean;
}

function parseArgs(args: readonly string[]): Options | string {
  const options: Partial<Options> & { buildArgs: Record<string, string> } = {
    buildArgs: {},
    json: false,
    files: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--json') options.json = true;
    else if (flag === '--files') options.files = true;
    else if (flag === '--context' || flag === '--target') {
      const given = value();
      if (given === undefined) return `${flag} needs a value`;
      options[flag === '--context' ? 'context' : 'target'] = given;
    } else if (flag === '--build-arg') {
      const given = value();
      if (given === undefined || !given.includes('=')) return '--build-arg needs KEY=VALUE';
      options.buildArgs[given.slice(0, given.indexOf('='))] = given.slice(given.indexOf('=') + 1);
    } else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else if (options.dockerfile === undefined) options.dockerfile = arg;
    else return `unexpected argument ${arg}`;
  }
  if (options.dockerfile === undefined) return 'missing DOCKERFILE';
  return options as Options;
}

/** What the analysis found, after the build output. */
export function analysisReport(analysis: Analysis): string[] {
  const lines: string[] = [''];
  const { run, surface, efficiency } = analysis;
  if (run) {
    const verdict = run.certainty.level === 'unknown' ? 'unknown' : run.starts ? 'starts' : 'fails';
    lines.push(
      run.starts || verdict === 'unknown'
        ? `Run:        ${verdict}: ${run.starts ? run.argv.join(' ') : run.error?.message} (as ${run.user})${run.certainty.level === 'estimated' ? ' [estimated]' : ''}`
        : `Run:        fails: ${run.error?.message}${run.error?.hint ? `\n            ${run.error.hint}` : ''}`,
    );
    for (const gap of mainGaps(run.certainty).filter((g) => g.kind === 'depends'))
      lines.push(`            ${gap.level}: ${gap.text}`);
    for (const note of run.notes) lines.push(`            note: ${note}`);
  }
  if (surface) {
    const groups = new Map<string, string[]>();
    for (const item of surface.items)
      groups.set(item.category, [...(groups.get(item.category) ?? []), item.name]);
    const summary = [...groups].map(([category, names]) => `${category} (${names.join(', ')})`).join('; ');
    lines.push(
      `Surface:    ${summary || 'no shell, network tool, package manager or compiler; not root'}; ${surface.executables} executable${surface.executables === 1 ? '' : 's'}`,
    );
  }
  if (efficiency) {
    lines.push(
      `Efficiency: ${(efficiency.score * 100).toFixed(4)} % (dive); wasted ${formatBytes(efficiency.wastedBytes)}, ${(efficiency.wastedUserPercent * 100).toFixed(4)} % of the user layers; reclaimable ${formatBytes(efficiency.reclaimableBytes)}`,
    );
  }
  const findings = analysis.diagnostics.filter(
    (d) => d.code.startsWith('size/') || d.code.startsWith('surface/') || d.code.startsWith('rule/'),
  );
  if (findings.length) lines.push('Findings:');
  for (const finding of findings)
    lines.push(`  line ${finding.range.start.line} ${finding.severity} ${finding.code}: ${finding.message}`);
  return lines;
}

/** A report in the spirit of `docker build`'s plain progress output. */
function textReport(result: BuildResult, label: string, source: string, analysis: Analysis): string {
  const lines: string[] = [];
  for (const stage of result.stages) {
    const name = stage.name ?? `stage-${stage.index}`;
    const steps = result.steps.filter((step) => step.stage === stage.index);
    if (!stage.built && stage.skipped === 'not-needed') {
      lines.push(` => [${name}] skipped: the target does not need this stage`);
      continue;
    }
    const total = steps.length + 1;
    const base = stage.base;
    const from =
      base === null
        ? stage.reference
        : base.kind === 'image'
          ? `${stage.reference} (${base.resolved})`
          : stage.reference;
    const baseSize = stage.layers
      .filter((layer) => layer.stage !== stage.index)
      .reduce((sum, layer) => sum + layer.size, 0);
    lines.push(` => [${name} 1/${total}] FROM ${from}  ${formatBytes(baseSize)}`);
    if (base?.kind === 'image')
      for (const gap of mainGaps(base.certainty)) lines.push(`    ${gap.level}: ${gap.text}`);
    steps.forEach((step, i) => {
      const marker = step.status === 'failed' ? ' => ERROR' : step.cached ? ' => CACHED' : ' =>';
      const size = step.layer === null ? '' : `  ${formatBytes(step.sizeDelta)}`;
      const flag = step.status === 'not-simulated' ? '  (not simulated)' : '';
      lines.push(`${marker} [${name} ${i + 2}/${total}] ${step.instruction}${size}${flag}`);
      if (step.status !== 'failed')
        for (const gap of mainGaps(step.certainty)) lines.push(`    ${gap.level}: ${gap.text}`);
    });
  }
  if (result.error) {
    lines.push('');
    const diagnostic = result.diagnostics.find((d) => d.code === result.error?.code);
    if (diagnostic?.severity === 'error') lines.push(formatDiagnostic(label, source, diagnostic).trimEnd());
    // Docker's closing line only where Docker would fail; a gap in the data is the simulator's word.
    lines.push(
      result.error.certainty.level === 'unknown'
        ? 'simulator: stopped here for want of data; a real build would go on.'
        : `ERROR: failed to solve: ${solveError(result.error).solve}`,
    );
    if (result.error.hint && !diagnostic) lines.push(`hint: ${result.error.hint}`);
    lines.push(...analysisReport(analysis).filter((line) => line !== ''));
  } else if (result.target !== null) {
    const image = result.stages[result.target];
    lines.push('');
    lines.push(
      `Image: ${formatBytes(image?.size ?? 0)} (${(image?.size ?? 0).toLocaleString('en')} bytes, ${SIZE_MODEL_NAME} sizes) in ${image?.layers.length ?? 0} layer${image?.layers.length === 1 ? '' : 's'}; ${describeCertainty(image?.certainty ?? KNOWN)}`,
    );
    lines.push(...analysisReport(analysis));
  }
  return `${lines.join('\n')}\n`;
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseArgs(args);
  if (typeof options === 'string') {
    io.stderr(`sim build: ${options}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const dockerfile = await readInput(io, 'build', options.dockerfile);
  if (dockerfile === undefined) return EXIT_USAGE;
  const contextDir = options.context ?? dirname(options.dockerfile);
  let context: Awaited<ReturnType<typeof readContext>>;
  try {
    context = await readContext(contextDir);
  } catch (error) {
    io.stderr(
      `sim build: cannot read the context ${contextDir}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return EXIT_USAGE;
  }
  if (context.truncated)
    io.stderr(`sim build: the context has more than ${MAX_CONTEXT_FILES} files; the rest were left out\n`);
  const result = await simulateBuild({
    dockerfile,
    context: context.context,
    catalog: await nodeCatalog(),
    packages: nodePackages(),
    ...(options.target ? { target: options.target } : {}),
    buildArgs: options.buildArgs,
  });
  const analysis = analyze(result);
  if (options.json)
    io.stdout(`${JSON.stringify(toJsonReport(result, { files: options.files, analysis }), null, 2)}\n`);
  else {
    for (const warning of result.diagnostics.filter((d) => d.severity !== 'error'))
      io.stderr(formatDiagnostic(options.dockerfile, dockerfile, warning));
    io.stdout(textReport(result, options.dockerfile, dockerfile, analysis));
  }
  return result.ok ? EXIT_OK : EXIT_INVALID;
}

export const buildCommand: CliCommand = {
  name: 'build',
  summary: 'simulate docker build of a Dockerfile and its context',
  usage: USAGE,
  run,
};

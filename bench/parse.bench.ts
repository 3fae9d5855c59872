/**
 * Parse throughput of our front end against dockerfile-ast, on the same inputs in the same run:
 * BuildKit's parser corpus (when ../shared is present) and the brief's four Dockerfiles.
 * Ours does more per parse: typed instructions, validated flags, and FROM expansion.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { Bench } from 'tinybench';
import { parseDockerfile, resolveStages } from '../src/lib/dockerfile/index.ts';

const root = resolve(import.meta.dirname, '..');
const corpus = resolve(root, '../shared/conformance/buildkit-parser/testfiles');
const examples = join(root, 'src/content/examples');

const inputs: string[] = readdirSync(examples)
  .filter((name) => name.endsWith('.Dockerfile'))
  .map((name) => readFileSync(join(examples, name), 'utf8'));
const briefCount = inputs.length;
if (existsSync(corpus)) {
  for (const name of readdirSync(corpus)) inputs.push(readFileSync(join(corpus, name, 'Dockerfile'), 'utf8'));
} else {
  console.warn(`BuildKit corpus not found at ${corpus}: measuring the brief's Dockerfiles only.`);
}
const bytes = inputs.reduce((sum, text) => sum + text.length, 0);
console.log(`inputs: ${inputs.length} Dockerfiles (${briefCount} from the brief), ${bytes} characters\n`);

let sink = 0;

function ours(): void {
  for (const text of inputs) {
    const result = parseDockerfile(text);
    if (!result.ok) continue;
    sink += result.dockerfile.instructions.length;
    const stages = resolveStages(result.dockerfile);
    if (stages.ok) sink += stages.value.length;
  }
}

function theirs(): void {
  for (const text of inputs) {
    const dockerfile = DockerfileParser.parse(text);
    for (const instruction of dockerfile.getInstructions()) sink += instruction.getArguments().length;
  }
}

const bench = new Bench({ time: 2000, warmup: true });
bench.add('minimal-containers parseDockerfile + resolveStages', ours);
bench.add('dockerfile-ast DockerfileParser.parse', theirs);
await bench.run();

console.table(bench.table());
const throughput = (index: number) => {
  const result = bench.tasks[index]?.result as { throughput?: { mean: number } } | undefined;
  return result?.throughput?.mean ?? Number.NaN;
};
const [oursOps, theirsOps] = [throughput(0), throughput(1)];
console.log(`corpus parses/s: ours ${oursOps.toFixed(0)}, dockerfile-ast ${theirsOps.toFixed(0)}`);
console.log(`ratio (ours / dockerfile-ast): ${(oursOps / theirsOps).toFixed(2)}x`);
console.log(
  `Dockerfiles/s: ours ${(oursOps * inputs.length).toFixed(0)}, dockerfile-ast ${(theirsOps * inputs.length).toFixed(0)}`,
);
if (sink < 0) console.log(sink);

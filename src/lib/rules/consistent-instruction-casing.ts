/** Instruction keywords in one case throughout the file, as BuildKit's ConsistentInstructionCasing asks. */
import type { Diagnostic } from '../diagnostic.ts';
import type { Instruction } from '../dockerfile/index.ts';
import { finding, type Rule, replaceFix } from './rule.ts';

function selfConsistent(keyword: string): boolean {
  return keyword === keyword.toLowerCase() || keyword === keyword.toUpperCase();
}

export const consistentInstructionCasing: Rule = {
  code: 'rule/consistent-instruction-casing',
  severity: 'warning',
  title: 'Write every instruction keyword in the same case',
  explanation:
    'Dockerfile keywords are case-insensitive, so `from`, `FROM` and `From` all work. Mixing them makes a file harder ' +
    'to scan: the eye looks for the instructions in one case. BuildKit counts the keywords written wholly in lower or ' +
    'upper case, takes the majority, and flags every keyword that differs from it, mixed-case ones such as `From` ' +
    'always. Upper case is the usual convention.',
  bad: 'FROM alpine:3.21\nrun echo hello > /greeting\n',
  good: 'FROM alpine:3.21\nRUN echo hello > /greeting\n',
  refs: { buildkit: 'ConsistentInstructionCasing' },
  check(input) {
    // Global ARGs are not part of a stage, and BuildKit leaves them out of the count.
    const keywords: Instruction[] = input.dockerfile.stages.flatMap((stage) => [
      stage.from,
      ...stage.instructions,
    ]);
    let lower = 0;
    let upper = 0;
    for (const { keyword } of keywords) {
      if (!selfConsistent(keyword.value)) continue;
      if (keyword.value === keyword.value.toLowerCase()) lower++;
      else upper++;
    }
    const majorityLower = lower > upper;
    const diagnostics: Diagnostic[] = [];
    for (const { keyword } of keywords) {
      const wanted = majorityLower ? keyword.value.toLowerCase() : keyword.value.toUpperCase();
      if (wanted === keyword.value) continue;
      diagnostics.push(
        finding(
          consistentInstructionCasing,
          keyword.range,
          `Command '${keyword.value}' should match the case of the command majority (${majorityLower ? 'lowercase' : 'uppercase'})`,
          { fixes: [replaceFix(`Write ${wanted}`, keyword.range, wanted)] },
        ),
      );
    }
    return diagnostics;
  },
};

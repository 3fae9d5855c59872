/** Variables in FROM that no global ARG declares: they expand to nothing. */
import type { Diagnostic } from '../diagnostic.ts';
import { suggest } from '../dockerfile/go-text.ts';
import { expandWord, globalArgValues, PLATFORM_ARGS, type SyntaxWord } from '../dockerfile/index.ts';
import { finding, type Rule, type RuleInput, replaceFix } from './rule.ts';
import { flagValueRange, LocatedWord } from './source-text.ts';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function undeclared(
  input: RuleInput,
  word: SyntaxWord,
  env: ReadonlyMap<string, string>,
  declared: string[],
) {
  const expanded = expandWord(word.value, env, { escapeToken: input.dockerfile.escapeToken });
  if (!expanded.ok) return [];
  const located = new LocatedWord(input, word);
  return [...new Set(expanded.unmatched)]
    .filter((name) => !declared.includes(name))
    .map((name) => {
      // `$NAME`, or `${NAME…}` up to its closing brace.
      const reference = new RegExp(`\\$(\\{)?${escapeRegExp(name)}(?![A-Za-z0-9_])`).exec(word.value);
      if (reference === null) return { name, range: word.range, nameRange: undefined };
      const at = reference.index;
      const nameAt = at + reference[0].length - name.length;
      const close = reference[1] === undefined ? -1 : word.value.indexOf('}', nameAt);
      const end = close === -1 ? at + reference[0].length : close + 1;
      return { name, range: located.range(at, end), nameRange: located.range(nameAt, nameAt + name.length) };
    });
}

export const undefinedArgInFrom: Rule = {
  code: 'rule/undefined-arg-in-from',
  severity: 'warning',
  title: 'Declare the ARGs a FROM uses before the first FROM',
  explanation:
    'A FROM line can only use ARGs declared before the first FROM (global ARGs). Any other variable expands to an ' +
    'empty string, so `FROM python:${PY_VERSION}-alpine` silently becomes `python:-alpine` and the build fails with an ' +
    'odd reference error, or `FROM node:22${VARIANT}` quietly builds from a different image. Declare the ARG with a ' +
    'default at the top of the file, and check the spelling of built-in ones such as TARGETPLATFORM.',
  bad: 'FROM python:${PY_VERSION}-alpine\nWORKDIR /app\n',
  good: 'ARG PY_VERSION=3.9\nFROM python:${PY_VERSION}-alpine\nWORKDIR /app\n',
  refs: { buildkit: 'UndefinedArgInFrom' },
  check(input) {
    const values = globalArgValues(input.dockerfile);
    if (!values.ok) return [];
    const declared = [
      ...input.dockerfile.globalArgs.flatMap((instruction) => instruction.args.map((arg) => arg.name.value)),
      ...PLATFORM_ARGS.keys(),
    ];
    const diagnostics: Diagnostic[] = [];
    for (const stage of input.dockerfile.stages) {
      const platform = stage.from.platform;
      const words = [
        stage.from.image,
        ...(platform ? [{ value: platform.value, range: flagValueRange(input, platform, 'platform') }] : []),
      ];
      for (const word of words) {
        for (const { name, range, nameRange } of undeclared(input, word, values.value, declared)) {
          const match = suggest(name, declared, true);
          diagnostics.push(
            finding(
              undefinedArgInFrom,
              range,
              `FROM argument '${name}' is not declared${match === undefined ? '' : ` (did you mean ${match}?)`}`,
              {
                hint: `It expands to an empty string. Declare it before the first FROM, e.g. ARG ${name}=<default>.`,
                fixes:
                  match === undefined || nameRange === undefined
                    ? []
                    : [replaceFix(`Replace with ${match}`, nameRange, match)],
              },
            ),
          );
        }
      }
    }
    return diagnostics;
  },
};

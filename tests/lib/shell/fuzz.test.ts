/** The shell under random input: a script or a ShellSyntaxError, never another exception or a hang. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateBuild } from '../../../src/lib/build/simulate.ts';
import { parseScript, ShellSyntaxError } from '../../../src/lib/shell/parse.ts';
import { committedCatalog } from '../images/catalog-fixture.ts';

const PIECES = fc.constantFrom(
  ' ',
  ';',
  '&&',
  '||',
  '|',
  '&',
  '(',
  ')',
  '{',
  '}',
  '\n',
  '"',
  "'",
  '\\',
  '$',
  '${',
  '}',
  '$(',
  '`',
  '<<',
  'EOF',
  '>',
  '>>',
  '2>&1',
  'if',
  'then',
  'fi',
  'for',
  'in',
  'do',
  'done',
  'while',
  'until',
  'case',
  'esac',
  ';;',
  'f()',
  'function',
  '<(',
  'break',
  'continue',
  'return',
  'read x',
  'sed -i s/a/b/ /a',
  'install -d /b',
  'echo',
  'mkdir -p /a',
  'rm -rf /a',
  'cd /',
  'x=1',
  '*',
  '#',
);
const scripts = fc
  .array(fc.oneof(PIECES, fc.string({ maxLength: 6 })), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('the shell under random input', () => {
  it('parses or reports a syntax error', () => {
    fc.assert(
      fc.property(scripts, (source) => {
        try {
          parseScript(source);
        } catch (error) {
          expect(error).toBeInstanceOf(ShellSyntaxError);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('runs any RUN line to a result, within a time bound', async () => {
    const catalog = await committedCatalog();
    await fc.assert(
      fc.asyncProperty(scripts, async (source) => {
        const started = performance.now();
        const result = await simulateBuild({
          dockerfile: `FROM alpine:3.22\nRUN ${source.replace(/\n/g, ' ')}\n`,
          context: { files: [] },
          catalog,
        });
        expect(performance.now() - started).toBeLessThan(2000);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });
});

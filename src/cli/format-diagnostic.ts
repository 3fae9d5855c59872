/** Diagnostics as a terminal shows them: `file:line:col: error: message`, the line, a caret, a hint. */
import type { Diagnostic } from '../lib/diagnostic.ts';

export function formatDiagnostic(file: string, source: string, diagnostic: Diagnostic): string {
  const { start, end } = diagnostic.range;
  const lines = source.split('\n');
  const text = (lines[start.line - 1] ?? '').replace(/\r$/, '');
  const gutter = String(start.line);
  const caretWidth =
    end.line === start.line
      ? Math.max(1, end.column - start.column)
      : Math.max(1, text.length - start.column + 1);
  const out = [
    `${file}:${start.line}:${start.column}: ${diagnostic.severity}: ${diagnostic.message} [${diagnostic.code}]`,
    ` ${gutter} | ${text}`,
    ` ${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, start.column - 1))}${'^'.repeat(caretWidth)}`,
  ];
  if (diagnostic.hint) out.push(`hint: ${diagnostic.hint}`);
  return `${out.join('\n')}\n`;
}

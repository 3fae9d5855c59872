/**
 * EXPOSE's port words split as BuildKit's parsePort splits them: `[ip:][hostPort:]port[/proto]`,
 * after the stage's variables are expanded. Shared by the two EXPOSE checks.
 */
import type { ExposeInstruction, SyntaxWord } from '../dockerfile/index.ts';
import { expandWord } from '../dockerfile/index.ts';

export interface ExposedPort {
  readonly word: SyntaxWord;
  /** The port as written after expansion, e.g. `127.0.0.1:80:80/TCP`. */
  readonly raw: string;
  readonly ip: string;
  readonly hostPort: string;
  readonly protocol: string;
}

function split(raw: string): Omit<ExposedPort, 'word' | 'raw'> {
  const parts = raw.split(':');
  const container = parts.at(-1) ?? '';
  const protocol = container.includes('/') ? (container.split('/')[1] ?? '') : '';
  const n = parts.length;
  if (n === 1) return { ip: '', hostPort: '', protocol };
  if (n === 2) return { ip: '', hostPort: parts[0] ?? '', protocol };
  return { ip: parts.slice(0, n - 2).join(':'), hostPort: parts[n - 2] ?? '', protocol };
}

/** Every port of an EXPOSE; a word that does not expand (a syntax error) is left out. */
export function exposedPorts(expose: ExposeInstruction, escapeToken: string): ExposedPort[] {
  return expose.ports.flatMap((word) => {
    const expanded = expandWord(word.value, new Map(), { escapeToken, skipUnsetEnv: true });
    if (!expanded.ok) return [];
    return expanded.words.map((raw) => ({ word, raw, ...split(raw) }));
  });
}

/**
 * Brace expansion, as bash does it before every other expansion (dash and busybox ash have none):
 * `pre{a,b}post` → `prea post`, `preb post`; `{1..3}` and `{a..c}` as sequences. Only unquoted
 * literal text is expanded, one brace group at a time from the left, and the results again.
 */
import type { Word, WordPart } from './ast.ts';

/** The end of the brace group opened at `open`, and whether it is a list or a sequence. */
function group(text: string, open: number): { close: number; items: string[] } | undefined {
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      const body = text.slice(open + 1, i);
      if (commas.length > 0) {
        const bounds = [open, ...commas, i];
        return {
          close: i,
          items: bounds.slice(1).map((end, k) => text.slice((bounds[k] as number) + 1, end)),
        };
      }
      const items = sequence(body);
      return items ? { close: i, items } : undefined;
    } else if (c === ',' && depth === 1) commas.push(i);
  }
  return undefined;
}

function sequence(body: string): string[] | undefined {
  const numbers = /^(-?\d+)\.\.(-?\d+)$/.exec(body);
  const letters = /^([a-zA-Z])\.\.([a-zA-Z])$/.exec(body);
  const range = numbers
    ? [Number(numbers[1]), Number(numbers[2])]
    : letters
      ? [(letters[1] as string).charCodeAt(0), (letters[2] as string).charCodeAt(0)]
      : undefined;
  if (!range) return undefined;
  const [from, to] = range as [number, number];
  if (Math.abs(to - from) > 10_000) return undefined;
  const step = from <= to ? 1 : -1;
  const out: string[] = [];
  for (let n = from; n !== to + step; n += step) out.push(numbers ? String(n) : String.fromCharCode(n));
  return out;
}

/** The words a word becomes; a word without an unquoted brace group is itself. */
export function expandBraces(word: Word): Word[] {
  for (const [index, part] of word.parts.entries()) {
    if (part.kind !== 'literal' || part.quoted) continue;
    for (let open = part.text.indexOf('{'); open !== -1; open = part.text.indexOf('{', open + 1)) {
      if (open > 0 && part.text[open - 1] === '$') continue;
      const found = group(part.text, open);
      if (!found) continue;
      const before = part.text.slice(0, open);
      const after = part.text.slice(found.close + 1);
      return found.items.flatMap((item) => {
        const replaced: WordPart = { kind: 'literal', text: `${before}${item}${after}`, quoted: false };
        return expandBraces({ ...word, parts: word.parts.map((p, k) => (k === index ? replaced : p)) });
      });
    }
  }
  return [word];
}

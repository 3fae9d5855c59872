/**
 * A FROM's `--platform` value as BuildKit reads it: expanded with the global ARGs (which variables
 * it used, which were unset) and parsed as containerd's platforms.Parse would.
 */
import { expandWord, type FromInstruction, globalArgValues, type SyntaxWord } from '../dockerfile/index.ts';
import type { RuleInput } from './rule.ts';

export interface PlatformWord {
  readonly word: SyntaxWord;
  readonly value: string;
  /** The variables the value refers to, set or not. */
  readonly variables: ReadonlySet<string>;
  readonly unmatched: readonly string[];
}

const VARIABLE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;
const COMPONENT = /^[A-Za-z0-9_.-]+$/;
const ARCHITECTURES: Readonly<Record<string, string>> = {
  x86_64: 'amd64',
  'x86-64': 'amd64',
  aarch64: 'arm64',
};

export function platformWord(input: RuleInput, from: FromInstruction): PlatformWord | undefined {
  const word = from.platform;
  if (word === undefined) return undefined;
  const args = globalArgValues(input.dockerfile);
  if (!args.ok) return undefined;
  const expanded = expandWord(word.value, args.value, { escapeToken: input.dockerfile.escapeToken });
  if (!expanded.ok) return undefined;
  const variables = new Set([...word.value.matchAll(VARIABLE)].map((match) => match[1] as string));
  return { word, value: expanded.value, variables, unmatched: expanded.unmatched };
}

export type ParsedPlatform =
  | { readonly ok: true; readonly os: string; readonly architecture: string }
  | { readonly ok: false; readonly message: string };

/** `linux/amd64`, `linux/arm64/v8`: the OS and architecture, or platforms.Parse's complaint. */
export function parsePlatform(value: string): ParsedPlatform {
  const parts = value.split('/');
  for (const part of parts) {
    if (!COMPONENT.test(part))
      return {
        ok: false,
        message: `"${part}" is an invalid component of "${value}": platform specifier component must match "^[A-Za-z0-9_.-]+$": invalid argument`,
      };
  }
  const os = (parts[0] ?? '').toLowerCase();
  const architecture = (parts[1] ?? 'amd64').toLowerCase();
  return { ok: true, os, architecture: ARCHITECTURES[architecture] ?? architecture };
}

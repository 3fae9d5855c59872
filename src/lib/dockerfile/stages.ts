/**
 * What each stage builds on, as BuildKit decides it: global ARGs (with build-arg overrides)
 * expanded into FROM, `scratch`, an earlier stage by name, or an image; and what `COPY --from` names.
 */
import type { Diagnostic } from '../diagnostic.ts';
import type { SourceRange } from '../source-range.ts';
import type { Dockerfile, Stage } from './dockerfile.ts';
import { type ExpansionEnv, expandWord } from './word-expansion.ts';

export type StageBase =
  | { readonly kind: 'scratch' }
  | { readonly kind: 'stage'; readonly index: number; readonly name: string }
  | { readonly kind: 'image'; readonly reference: string };

export interface ResolvedStage {
  readonly index: number;
  readonly name?: string;
  readonly base: StageBase;
  /** The FROM reference after ARG expansion. */
  readonly reference: string;
  readonly platform?: string;
}

/** The platform every build here targets; BuildKit predefines these ARGs from it. */
export const TARGET_PLATFORM = { os: 'linux', architecture: 'amd64' } as const;

export const PLATFORM_ARGS: ReadonlyMap<string, string> = new Map([
  ['BUILDPLATFORM', 'linux/amd64'],
  ['BUILDOS', 'linux'],
  ['BUILDARCH', 'amd64'],
  ['BUILDVARIANT', ''],
  ['TARGETPLATFORM', 'linux/amd64'],
  ['TARGETOS', 'linux'],
  ['TARGETARCH', 'amd64'],
  ['TARGETVARIANT', ''],
]);

type Resolution<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: Diagnostic };

function failure(code: string, message: string, range: SourceRange): { ok: false; error: Diagnostic } {
  return { ok: false, error: { code, severity: 'error', message, range } };
}

/** The values of the global ARGs: defaults expanded in order, overridden by build args. */
export function globalArgValues(
  dockerfile: Dockerfile,
  buildArgs: ReadonlyMap<string, string> = new Map(),
): Resolution<Map<string, string>> {
  const env = new Map(PLATFORM_ARGS);
  for (const instruction of dockerfile.globalArgs) {
    for (const arg of instruction.args) {
      const key = arg.name.value;
      const override = buildArgs.get(key);
      if (override !== undefined) {
        env.set(key, override);
        continue;
      }
      if (arg.defaultValue === undefined) continue;
      const expanded = expandWord(arg.defaultValue.value, env);
      if (!expanded.ok) return failure(expanded.code, expanded.message, instruction.range);
      env.set(key, expanded.value);
    }
  }
  return { ok: true, value: env };
}

/** Resolves every stage's base. A FROM names an earlier stage only by its exact lower-case name. */
export function resolveStages(
  dockerfile: Dockerfile,
  buildArgs: ReadonlyMap<string, string> = new Map(),
): Resolution<ResolvedStage[]> {
  const args = globalArgValues(dockerfile, buildArgs);
  if (!args.ok) return args;
  const byName = new Map<string, Stage>();
  const resolved: ResolvedStage[] = [];
  for (const stage of dockerfile.stages) {
    const from = stage.from;
    const expanded = expandWord(from.image.value, args.value);
    if (!expanded.ok) return failure(expanded.code, expanded.message, from.image.range);
    const reference = expanded.value;
    if (reference === '') {
      return failure('build/blank-base', `base name (${from.image.value}) should not be blank`, from.range);
    }
    const platform = from.platform ? expandPlatform(from.platform.value, args.value) : undefined;
    if (platform && !platform.ok) return failure('build/expansion', platform.message, from.range);
    const earlier = byName.get(reference);
    const base: StageBase =
      reference === 'scratch'
        ? { kind: 'scratch' }
        : earlier
          ? { kind: 'stage', index: earlier.index, name: reference }
          : { kind: 'image', reference };
    resolved.push({
      index: stage.index,
      ...(stage.name ? { name: stage.name } : {}),
      base,
      reference,
      ...(platform?.ok ? { platform: platform.value } : {}),
    });
    if (stage.name) byName.set(stage.name, stage);
  }
  return { ok: true, value: resolved };
}

function expandPlatform(value: string, env: ExpansionEnv) {
  const expanded = expandWord(value, env);
  if (!expanded.ok) return { ok: false as const, message: expanded.message };
  if (expanded.value === '')
    return { ok: false as const, message: `empty platform value from expression ${value}` };
  return { ok: true as const, value: expanded.value };
}

export type CopySource =
  | { readonly kind: 'stage'; readonly index: number }
  | { readonly kind: 'image'; readonly reference: string };

/**
 * What `COPY --from=X` reads from: a stage by index or by (case-insensitive) name, defined
 * anywhere in the file, otherwise an image. Variables are not allowed there.
 */
export function resolveCopyFrom(
  from: string,
  stages: readonly Stage[],
): { ok: true; source: CopySource } | { ok: false; message: string } {
  const expanded = expandWord(from, new Map());
  if (!expanded.ok) return { ok: false, message: expanded.message };
  if (expanded.value !== from) {
    return {
      ok: false,
      message:
        'variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround',
    };
  }
  if (/^[-+]?\d+$/.test(from)) {
    const index = Number(from);
    if (index < 0 || index >= stages.length) return { ok: false, message: `invalid stage index ${index}` };
    return { ok: true, source: { kind: 'stage', index } };
  }
  const named = stages.find((stage) => stage.name === from.toLowerCase());
  return {
    ok: true,
    source: named ? { kind: 'stage', index: named.index } : { kind: 'image', reference: from },
  };
}

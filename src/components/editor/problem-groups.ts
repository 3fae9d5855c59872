/**
 * The problem list's order and grouping. A fat base image raises one attack-surface finding per
 * category (shell, network tools, …), all on its FROM line: shown one by one they bury what the
 * learner can act on. They become one group, listed after the findings that point at a step; the
 * group names every category and opens to show each finding, so nothing is hidden.
 */
import type { SurfaceCategory } from '../../lib/analysis/surface.ts';
import type { Diagnostic, Severity } from '../../lib/diagnostic.ts';

export type ProblemEntry =
  | { readonly kind: 'one'; readonly diagnostic: Diagnostic }
  | {
      readonly kind: 'surface';
      /** The most severe of its findings. */
      readonly severity: Severity;
      /** What the image carries, in the findings' order, e.g. "a shell, network tools". */
      readonly carries: readonly string[];
      readonly diagnostics: readonly Diagnostic[];
    };

const SURFACE = 'surface/';

/** Each category as the group's summary names it. */
const CARRIES: Readonly<Record<SurfaceCategory, string>> = {
  shell: 'a shell',
  'network-tool': 'network tools',
  'package-manager': 'package managers',
  compiler: 'compilers',
  setuid: 'setuid binaries',
  'world-writable': 'world-writable folders',
  'root-user': 'root as the user',
};

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/**
 * The entries in the order they are listed: by severity, and within one severity the findings
 * about a step before the image-wide surface group; otherwise in source order.
 */
export function groupProblems(diagnostics: readonly Diagnostic[]): ProblemEntry[] {
  const surface = diagnostics.filter((d) => d.code.startsWith(SURFACE));
  if (surface.length < 2) return diagnostics.map((diagnostic) => ({ kind: 'one', diagnostic }));
  const others: ProblemEntry[] = diagnostics
    .filter((d) => !d.code.startsWith(SURFACE))
    .map((diagnostic) => ({ kind: 'one', diagnostic }));
  const group: ProblemEntry = {
    kind: 'surface',
    severity: mostSevere(surface),
    carries: surface.map((d) => carries(d.code.slice(SURFACE.length))),
    diagnostics: surface,
  };
  const rank = (entry: ProblemEntry) =>
    entry.kind === 'one'
      ? SEVERITY_RANK[entry.diagnostic.severity] * 2
      : SEVERITY_RANK[entry.severity] * 2 + 1;
  // Array.prototype.sort is stable: equal ranks keep their source order.
  return [...others, group].sort((a, b) => rank(a) - rank(b));
}

/** The group's one-line summary, e.g. "Attack surface: a shell, network tools and root as the user". */
export function surfaceSummary(carried: readonly string[]): string {
  const list =
    carried.length === 1
      ? carried[0]
      : `${carried.slice(0, -1).join(', ')} and ${carried[carried.length - 1] as string}`;
  return `Attack surface: ${list}`;
}

function carries(category: string): string {
  return Object.hasOwn(CARRIES, category) ? CARRIES[category as SurfaceCategory] : category;
}

function mostSevere(diagnostics: readonly Diagnostic[]): Severity {
  return diagnostics.reduce<Severity>(
    (worst, d) => (SEVERITY_RANK[d.severity] < SEVERITY_RANK[worst] ? d.severity : worst),
    'info',
  );
}

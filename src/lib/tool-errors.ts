/**
 * The only place the engine words an error as a real tool would (the registry, BuildKit, pip, apt).
 * Each message needs an `Absence`: evidence from data that lists everything there is (a complete
 * tag history, PyPI's project names, a Debian suite's package index, an image without package
 * lists), so a gap in the simulator's own data can never come out in a real tool's voice. Where
 * the evidence is missing, callers say what they lack in their own words instead.
 */

/** Proof that a thing does not exist, and where that proof comes from. */
export interface Absence {
  /** The data that lists everything and lacks this, in a phrase ("PyPI's list of projects"). */
  readonly evidence: string;
}

export function absence(evidence: string): Absence {
  return { evidence };
}

/** `docker pull` for a tag the registry does not have. */
export function manifestUnknown(reference: string, _absent: Absence): string {
  return `manifest for ${reference} not found: manifest unknown`;
}

/** `docker pull`'s full line for that (the registry's reason repeated, as the daemon relays it). */
export function pullManifestUnknown(reference: string, absent: Absence): string {
  return `${manifestUnknown(reference, absent)}: manifest unknown`;
}

/** BuildKit's FROM / COPY --from for a tag the registry does not have. */
export function buildkitNotFound(requested: string, registryName: string, _absent: Absence): string {
  return `${requested}: failed to resolve source metadata for ${registryName}: ${registryName}: not found`;
}

/** BuildKit's FROM when the tag's index has no image the build's platform runs. */
export function buildkitNoPlatformMatch(requested: string, registryName: string, _absent: Absence): string {
  return `${requested}: failed to resolve source metadata for ${registryName}: no match for platform in manifest: not found`;
}

/** BuildKit's InvalidBaseImagePlatform check (linter/ruleset.go). */
export function invalidBaseImagePlatform(image: string, expected: string, actual: string): string {
  return `Base image ${image} was pulled with platform "${actual}", expected "${expected}" for current build`;
}

/**
 * pip when no release of a project fits (or the project does not exist: `versions` empty), as pip's
 * resolver reports a single unsatisfiable requirement (factory.py, _report_single_requirement_conflict):
 * first the releases it skipped for their Requires-Python (`5.0 Requires-Python >=3.10`), then the
 * versions it could have installed, oldest first.
 */
export function pipNoMatchingDistribution(
  spec: string,
  versions: readonly string[],
  _absent: Absence,
  skippedForPython: readonly string[] = [],
): string {
  const from = versions.length ? versions.join(', ') : 'none';
  const ignored = skippedForPython.length
    ? `ERROR: Ignored the following versions that require a different python version: ${skippedForPython.join('; ')}\n`
    : '';
  return `${ignored}ERROR: Could not find a version that satisfies the requirement ${spec} (from versions: ${from})\nERROR: No matching distribution found for ${spec}`;
}

/** One line of pip's "The conflict is caused by:" list. */
export interface PipConflictCause {
  /** `flask 3.0.3` (the project that depends on it); absent when the user asked */
  readonly parent?: string;
  /** the requirement as pip prints it: `werkzeug>=3.0.0`, `werkzeug==2.0` */
  readonly requirement: string;
}

/**
 * pip's ResolutionImpossible (factory.py, get_installation_error): the requirements that cannot
 * hold together, who asked for each, pip's two suggestions and the link it prints.
 */
export function pipResolutionImpossible(
  triggers: readonly string[],
  causes: readonly PipConflictCause[],
  _absent: Absence,
): string {
  const sorted = [...new Set(triggers)].sort();
  const info =
    sorted.length === 1 ? sorted[0] : `${sorted.slice(0, -1).join(', ')} and ${sorted[sorted.length - 1]}`;
  const lines = causes.map((c) =>
    c.parent ? `    ${c.parent} depends on ${c.requirement}` : `    The user requested ${c.requirement}`,
  );
  return [
    `ERROR: Cannot install ${info} because these package versions have conflicting dependencies.`,
    '',
    'The conflict is caused by:',
    ...lines,
    '',
    'To fix this you could try to:',
    "1. loosen the range of package versions you've specified",
    '2. remove package versions to allow pip to attempt to solve the dependency conflict',
    '',
    'ERROR: ResolutionImpossible: for help visit https://pip.pypa.io/en/latest/topics/dependency-resolution/#dealing-with-dependency-conflicts',
  ].join('\n');
}

/** apt-get install of a name the package lists do not have. */
export function aptUnableToLocate(name: string, _absent: Absence): string {
  return `E: Unable to locate package ${name}`;
}

/** uv's resolver for a project the index does not have (uv's tests, pip_install.rs). */
export function uvNotInRegistry(name: string, _absent: Absence): string {
  return `  × No solution found when resolving dependencies:\n  ╰─▶ Because ${name} was not found in the package registry and you require ${name}, we can conclude that your requirements are unsatisfiable.`;
}

/** apt-get install of a virtual name several packages provide (`mail-transport-agent`). */
export function aptNoInstallationCandidate(name: string, providers: readonly string[]): string {
  return [
    `Package ${name} is a virtual package provided by:`,
    ...providers.map((p) => `  ${p}`),
    'You should explicitly select one to install.',
    '',
    `E: Package '${name}' has no installation candidate`,
  ].join('\n');
}

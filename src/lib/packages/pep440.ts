/**
 * PEP 440 versions and specifiers, as far as pip needs them to pick a release: `3.1.2`, `2.9.0.post0`,
 * `1.0rc1`, and `==3.1.*`, `~=2.2`, `>=1.7.4,!=2.0.0,<3`.
 */

export interface Version {
  readonly epoch: number;
  readonly release: readonly number[];
  /** `a`, `b` or `rc` with its number */
  readonly pre?: readonly [string, number];
  readonly post?: number;
  readonly dev?: number;
  readonly local?: string;
}

const VERSION_RE =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d*))?(?:-(\d+)|[-_.]?(?:post|rev|r)[-_.]?(\d*))?(?:[-_.]?dev[-_.]?(\d*))?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/i;

const PRE_NAMES: Record<string, string> = {
  a: 'a',
  alpha: 'a',
  b: 'b',
  beta: 'b',
  c: 'rc',
  rc: 'rc',
  pre: 'rc',
  preview: 'rc',
};

export function parseVersion(text: string): Version | undefined {
  const m = VERSION_RE.exec(text.trim());
  if (!m) return undefined;
  const [, epoch, release = '', preName, preNum, postImplicit, postNum, devNum, local] = m;
  const post = postImplicit ?? postNum;
  return {
    epoch: epoch ? Number(epoch) : 0,
    release: release.split('.').map(Number),
    ...(preName ? { pre: [PRE_NAMES[preName.toLowerCase()] ?? preName, Number(preNum || 0)] as const } : {}),
    ...(post !== undefined ? { post: Number(post || 0) } : {}),
    ...(devNum !== undefined && /dev/i.test(text) ? { dev: Number(devNum || 0) } : {}),
    ...(local ? { local: local.toLowerCase() } : {}),
  };
}

const PRE_ORDER: Record<string, number> = { a: 0, b: 1, rc: 2 };

/** Negative, zero or positive, as `a` sorts before, with or after `b`. Local labels are ignored. */
export function compareVersions(a: Version, b: Version): number {
  if (a.epoch !== b.epoch) return a.epoch - b.epoch;
  const n = Math.max(a.release.length, b.release.length);
  for (let i = 0; i < n; i++) {
    const d = (a.release[i] ?? 0) - (b.release[i] ?? 0);
    if (d !== 0) return d;
  }
  return phase(a) - phase(b) || sub(a) - sub(b);
}

/** dev-only < pre < final < post, folded into one number per version so comparison stays simple. */
function phase(v: Version): number {
  if (v.pre) return 1 + (PRE_ORDER[v.pre[0]] ?? 0);
  if (v.post !== undefined) return 5;
  if (v.dev !== undefined) return 0;
  return 4;
}

function sub(v: Version): number {
  const main = v.pre ? v.pre[1] : (v.post ?? 0);
  const dev = v.dev === undefined ? 1e9 : v.dev;
  return main * 1e10 + dev;
}

export function isPrerelease(v: Version): boolean {
  return v.pre !== undefined || v.dev !== undefined;
}

/** Whether `version` satisfies every clause of a specifier like `>=3.1,<4` (empty: always). */
export function satisfies(version: string, specifier: string): boolean {
  const v = parseVersion(version);
  if (!v) return false;
  return specifier
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean)
    .every((clause) => matchClause(v, version, clause));
}

function matchClause(v: Version, raw: string, clause: string): boolean {
  const m = /^(===|~=|==|!=|<=|>=|<|>)\s*(.+)$/.exec(clause);
  if (!m) return false;
  const [, op = '', target = ''] = m;
  if (op === '===') return raw === target;
  if ((op === '==' || op === '!=') && target.endsWith('.*')) {
    const prefix = parseVersion(target.slice(0, -2));
    const equal = prefix !== undefined && prefixMatches(v, prefix);
    return op === '==' ? equal : !equal;
  }
  const t = parseVersion(target);
  if (!t) return false;
  const c = compareVersions(v, t);
  switch (op) {
    case '==':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<=':
      return c <= 0;
    case '>=':
      return c >= 0;
    case '<':
      return c < 0 && !(isPrerelease(v) && !isPrerelease(t) && sameRelease(v, t));
    case '>':
      return c > 0 && !(v.post !== undefined && t.post === undefined && sameRelease(v, t));
    default:
      return compatible(v, t);
  }
}

function prefixMatches(v: Version, prefix: Version): boolean {
  return v.epoch === prefix.epoch && prefix.release.every((n, i) => (v.release[i] ?? 0) === n);
}

function sameRelease(a: Version, b: Version): boolean {
  return (
    compareVersions({ epoch: a.epoch, release: a.release }, { epoch: b.epoch, release: b.release }) === 0
  );
}

/** `~=2.2.1` means `>=2.2.1, ==2.2.*`. */
function compatible(v: Version, t: Version): boolean {
  if (t.release.length < 2 || compareVersions(v, t) < 0) return false;
  return prefixMatches(v, { epoch: t.epoch, release: t.release.slice(0, -1) });
}

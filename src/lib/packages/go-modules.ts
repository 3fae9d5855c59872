/**
 * go.mod, go.sum and the module cache's layout, as the go command reads and writes them: which
 * modules `go mod download` fetches, where they land under GOMODCACHE, and a binary's default name.
 */

export interface GoModFile {
  /** the `module` directive's path */
  readonly path: string;
  /** the `go` directive (`1.22`), when there is one */
  readonly go?: string;
  /** every `require`, direct and `// indirect` */
  readonly requires: readonly ModuleVersion[];
  /** module paths a `replace` points at a local directory (nothing to download) */
  readonly localReplaces: readonly string[];
}

export interface ModuleVersion {
  readonly path: string;
  readonly version: string;
}

export interface GoSumEntries {
  /** modules whose source zip go.sum holds a hash for */
  readonly zips: readonly ModuleVersion[];
  /** modules whose go.mod alone go.sum holds a hash for (the go command reads them for the graph) */
  readonly mods: readonly ModuleVersion[];
}

const stripComment = (line: string) => line.replace(/\/\/.*$/, '').trim();

/** The directives of a go.mod that decide what a build and a download need. */
export function parseGoMod(text: string): GoModFile {
  let path = '';
  let go: string | undefined;
  const requires: ModuleVersion[] = [];
  const localReplaces: string[] = [];
  let block: string | undefined;
  for (const raw of text.split('\n')) {
    const line = stripComment(raw);
    if (!line) continue;
    if (block) {
      if (line === ')') block = undefined;
      else directive(block, line.split(/\s+/));
      continue;
    }
    const [verb, ...rest] = line.split(/\s+/);
    if (rest[0] === '(') block = verb;
    else if (verb) directive(verb, rest);
  }
  function directive(verb: string, words: readonly string[]): void {
    const [first, second] = words;
    if (verb === 'module' && first) path = first.replace(/^"|"$/g, '');
    else if (verb === 'go' && first) go = first;
    else if (verb === 'require' && first && second) requires.push({ path: first, version: second });
    else if (verb === 'replace') {
      const arrow = words.indexOf('=>');
      const target = words[arrow + 1];
      if (arrow > 0 && first && target && /^\.{0,2}\//.test(target)) localReplaces.push(first);
    }
  }
  return { path, ...(go ? { go } : {}), requires, localReplaces };
}

/** go.sum's lines: `<module> <version> h1:…` for a zip, `<module> <version>/go.mod h1:…` for a go.mod. */
export function parseGoSum(text: string): GoSumEntries {
  const zips: ModuleVersion[] = [];
  const mods: ModuleVersion[] = [];
  for (const line of text.split('\n')) {
    const [path, version, hash] = line.trim().split(/\s+/);
    if (!path || !version || !hash?.startsWith('h1:')) continue;
    if (version.endsWith('/go.mod')) mods.push({ path, version: version.slice(0, -'/go.mod'.length) });
    else zips.push({ path, version });
  }
  return { zips, mods };
}

/** Whether the go directive is 1.17 or later: the module graph is pruned to what go.mod lists. */
function prunedGraph(mod: GoModFile): boolean {
  const [major, minor] = (mod.go ?? '1.16').split('.').map(Number);
  return (major ?? 1) > 1 || (minor ?? 0) >= 17;
}

/**
 * The module zips `go mod download` (no arguments) fetches: at `go 1.17` or later the modules
 * go.mod requires, otherwise every module of the graph (go.sum's zip entries); local replaces are
 * not downloaded.
 */
export function modulesToDownload(mod: GoModFile, sum: GoSumEntries): ModuleVersion[] {
  const local = new Set(mod.localReplaces);
  const wanted = prunedGraph(mod) ? mod.requires : sum.zips;
  const seen = new Set<string>();
  return wanted.filter((m) => {
    const key = `${m.path}@${m.version}`;
    if (local.has(m.path) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The module cache's case encoding: each upper-case letter becomes `!` and its lower case. */
export function escapeModulePath(path: string): string {
  return path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

/**
 * The name `go build` and `go install` give a main package's binary: the import path's last
 * element, or the one before it when that is a major-version suffix (`…/cli/v2` → `cli`).
 */
export function defaultExecName(importPath: string): string {
  const parts = importPath.split('/').filter(Boolean);
  const last = parts.at(-1) ?? importPath;
  return /^v\d+$/.test(last) && parts.length > 1 ? (parts.at(-2) as string) : last;
}

/** The module a package path belongs to, among the modules given (the longest matching prefix). */
export function moduleOf(importPath: string, modules: readonly string[]): string | undefined {
  return modules
    .filter((m) => importPath === m || importPath.startsWith(`${m}/`))
    .reduce<string | undefined>((best, m) => (!best || m.length > best.length ? m : best), undefined);
}

/**
 * What the go command reads from a .go file before compiling it: the package clause, the imports
 * and the build constraints (`//go:build` lines and `_linux`/`_arm64` file-name suffixes) that
 * decide whether the file is part of the build at all.
 */

export interface GoFileHeader {
  readonly packageName: string;
  readonly imports: readonly string[];
  /** the `//go:build` expression, when the file has one */
  readonly constraint?: string;
}

/** What a build's constraints are evaluated against. */
export interface BuildContext {
  readonly goos: string;
  readonly goarch: string;
  readonly cgo: boolean;
  /** -tags, comma- or space-separated */
  readonly tags: readonly string[];
}

const KNOWN_OS = new Set([
  'aix',
  'android',
  'darwin',
  'dragonfly',
  'freebsd',
  'hurd',
  'illumos',
  'ios',
  'js',
  'linux',
  'nacl',
  'netbsd',
  'openbsd',
  'plan9',
  'solaris',
  'wasip1',
  'windows',
  'zos',
]);
const KNOWN_ARCH = new Set([
  '386',
  'amd64',
  'arm',
  'arm64',
  'loong64',
  'mips',
  'mipsle',
  'mips64',
  'mips64le',
  'ppc64',
  'ppc64le',
  'riscv64',
  's390x',
  'wasm',
  'sparc64',
]);

/** The header of a .go file, or undefined when it has no package clause. */
export function parseGoFile(text: string): GoFileHeader | undefined {
  // Only what precedes the first declaration matters; comments may hold `"quoted"` text.
  const lines = text.split('\n');
  let constraint: string | undefined;
  let packageName: string | undefined;
  const imports: string[] = [];
  let inImportBlock = false;
  let inComment = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (inComment) {
      if (line.includes('*/')) inComment = false;
      continue;
    }
    if (!packageName) {
      const build = /^\/\/go:build\s+(.+)$/.exec(line);
      if (build) constraint = build[1]?.trim();
      if (line.startsWith('/*') && !line.includes('*/')) inComment = true;
      const pkg = /^package\s+([A-Za-z_]\w*)/.exec(line);
      if (pkg) packageName = pkg[1] as string;
      continue;
    }
    if (inImportBlock) {
      if (line.startsWith(')')) inImportBlock = false;
      else pushImport(imports, line);
      continue;
    }
    if (/^import\s*\(/.test(line)) {
      inImportBlock = true;
      pushImport(imports, line.replace(/^import\s*\(/, ''));
    } else if (line.startsWith('import')) pushImport(imports, line.slice('import'.length));
    else if (/^(func|type|var|const)\b/.test(line)) break;
  }
  if (!packageName) return undefined;
  return { packageName, imports, ...(constraint ? { constraint } : {}) };
}

function pushImport(imports: string[], spec: string): void {
  const path = /^(?:[\w.]+\s+)?"([^"]+)"/.exec(spec.trim())?.[1];
  if (path) imports.push(path);
}

/** Whether a file takes part in the build: its name's `_GOOS`/`_GOARCH` suffix and its `//go:build` line. */
export function fileIncluded(name: string, header: GoFileHeader, context: BuildContext): boolean {
  if (name.endsWith('_test.go') || name.startsWith('_') || name.startsWith('.')) return false;
  if (header.imports.includes('C') && !context.cgo) return false;
  const parts = name.slice(0, -'.go'.length).split('_').slice(1);
  const last = parts.at(-1);
  const before = parts.at(-2);
  if (last && KNOWN_ARCH.has(last)) {
    if (last !== context.goarch) return false;
    if (before && KNOWN_OS.has(before) && before !== context.goos) return false;
  } else if (last && KNOWN_OS.has(last) && last !== context.goos) return false;
  return header.constraint === undefined || evaluateConstraint(header.constraint, context);
}

/** Evaluates a `//go:build` expression (`linux && !cgo`, `(a || b) && c`). */
export function evaluateConstraint(expression: string, context: BuildContext): boolean {
  const tokens = expression.match(/&&|\|\||!|\(|\)|[\w.]+/g) ?? [];
  let at = 0;
  const satisfied = (tag: string): boolean =>
    tag === context.goos ||
    tag === context.goarch ||
    (tag === 'unix' && context.goos !== 'windows' && context.goos !== 'plan9') ||
    (tag === 'cgo' && context.cgo) ||
    tag === 'gc' ||
    /^go1\.\d+$/.test(tag) ||
    context.tags.includes(tag);
  const primary = (): boolean => {
    const token = tokens[at++];
    if (token === '!') return !primary();
    if (token === '(') {
      const value = or();
      at++;
      return value;
    }
    return token !== undefined && satisfied(token);
  };
  const and = (): boolean => {
    let value = primary();
    while (tokens[at] === '&&') {
      at++;
      value = primary() && value;
    }
    return value;
  };
  const or = (): boolean => {
    let value = and();
    while (tokens[at] === '||') {
      at++;
      value = and() || value;
    }
    return value;
  };
  return or();
}

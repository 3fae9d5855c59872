/**
 * A local Python project folder, as `pip install <folder>` sees it: the metadata a setuptools
 * build reads (pyproject.toml's [project] and [tool.setuptools], setup.cfg, literal arguments of
 * setup.py) and the modules it would put in the wheel, found from that metadata or by setuptools'
 * automatic discovery (flat and src layouts).
 */
import { parse as parseToml } from 'smol-toml';
import { type DirNode, stat } from '../fs/tree.ts';

export interface ConsoleScript {
  readonly name: string;
  /** `module:function` */
  readonly entry: string;
}

export interface LocalProject {
  readonly name: string;
  readonly version: string;
  /** the build backend pyproject.toml names, `setuptools.build_meta:__legacy__` without one */
  readonly backend: string;
  /** [build-system] requires: what an isolated build installs first (setuptools>=40.8.0 without one) */
  readonly buildRequires: readonly string[];
  /** requirement strings of the project's dependencies */
  readonly dependencies: readonly string[];
  readonly scripts: readonly ConsoleScript[];
  /** files the wheel holds: `from` inside the project, `to` inside site-packages */
  readonly files: readonly { readonly from: string; readonly to: string }[];
  /** the metadata files the project has (pyproject.toml, setup.cfg, setup.py): SOURCES.txt lists them */
  readonly sources: readonly string[];
  /** the importable names at the top of site-packages (top_level.txt) */
  readonly topLevel: readonly string[];
  /** what the simulator could not read and what it assumed instead */
  readonly gaps: readonly string[];
}

export type LocalProjectResult =
  | { readonly kind: 'project'; readonly project: LocalProject }
  | { readonly kind: 'not-a-project' };

type Table = Record<string, unknown>;

const table = (value: unknown): Table =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Table) : {};
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function read(root: DirNode, path: string): string | undefined {
  const node = stat(root, `/${path}`);
  return node?.kind === 'file' ? node.content : undefined;
}

/** What metadata says about the wheel's contents; undefined fields are left to discovery. */
interface Declared {
  name?: string;
  version?: string;
  dependencies: string[];
  scripts: ConsoleScript[];
  packages?: string[];
  modules?: string[];
  /** `package_dir = {"": "src"}`: where the packages live */
  packageDir?: string;
}

function fromPyproject(toml: Table, declared: Declared): void {
  const project = table(toml.project);
  declared.name ??= text(project.name);
  declared.version ??= text(project.version);
  declared.dependencies.push(...strings(project.dependencies));
  for (const [name, entry] of Object.entries(table(project.scripts)))
    if (typeof entry === 'string') declared.scripts.push({ name, entry });
  const setuptools = table(table(toml.tool).setuptools);
  const packages = setuptools.packages;
  if (Array.isArray(packages)) declared.packages = strings(packages);
  if (Array.isArray(setuptools['py-modules'])) declared.modules = strings(setuptools['py-modules']);
  const where = strings(table(table(packages).find).where)[0];
  const dir = text(table(setuptools['package-dir'])['']) ?? where;
  if (dir) declared.packageDir = dir;
}

/** setup.cfg: an INI file; list values are one a line or comma-separated. */
function fromSetupCfg(source: string, declared: Declared): void {
  const sections = new Map<string, Map<string, string>>();
  let current = new Map<string, string>();
  let key = '';
  for (const line of source.split('\n')) {
    const section = /^\[([^\]]+)\]/.exec(line);
    if (section) {
      current = new Map();
      sections.set((section[1] as string).trim(), current);
    } else if (/^\s+\S/.test(line) && key) current.set(key, `${current.get(key) ?? ''}\n${line.trim()}`);
    else if (/^[\w.-]+\s*=/.test(line)) {
      key = line.slice(0, line.indexOf('=')).trim();
      current.set(key, line.slice(line.indexOf('=') + 1).trim());
    }
  }
  const list = (value: string | undefined) =>
    (value ?? '')
      .split(/[\n,]/)
      .map((item) => item.trim())
      .filter(Boolean);
  const metadata = sections.get('metadata');
  const options = sections.get('options');
  declared.name ??= metadata?.get('name');
  const version = metadata?.get('version');
  if (version && !version.startsWith('attr:') && !version.startsWith('file:')) declared.version ??= version;
  declared.dependencies.push(...list(options?.get('install_requires')));
  const packages = options?.get('packages');
  if (packages && !packages.startsWith('find')) declared.packages ??= list(packages);
  if (options?.has('py_modules')) declared.modules ??= list(options.get('py_modules'));
  const dir = /=\s*(\S+)/.exec(options?.get('package_dir') ?? '')?.[1];
  if (dir) declared.packageDir ??= dir;
  if (packages?.startsWith('find') && sections.get('options.packages.find')?.get('where'))
    declared.packageDir ??= sections.get('options.packages.find')?.get('where');
  for (const line of list(sections.get('options.entry_points')?.get('console_scripts'))) {
    const at = line.indexOf('=');
    if (at > 0) declared.scripts.push({ name: line.slice(0, at).trim(), entry: line.slice(at + 1).trim() });
  }
}

/** setup.py: only literal keyword arguments (`name="x"`, `py_modules=["a"]`) can be read without running it. */
function fromSetupPy(source: string, declared: Declared): void {
  const literal = (key: string) => new RegExp(`\\b${key}\\s*=\\s*['"]([^'"]+)['"]`).exec(source)?.[1];
  const list = (key: string) => {
    const body = new RegExp(`\\b${key}\\s*=\\s*\\[([^\\]]*)\\]`).exec(source)?.[1];
    return body === undefined
      ? undefined
      : [...body.matchAll(/['"]([^'"]+)['"]/g)].map((m) => m[1] as string);
  };
  declared.name ??= literal('name');
  declared.version ??= literal('version');
  declared.dependencies.push(...(list('install_requires') ?? []));
  declared.packages ??= list('packages');
  declared.modules ??= list('py_modules');
  for (const script of list('console_scripts') ?? []) {
    const at = script.indexOf('=');
    if (at > 0)
      declared.scripts.push({ name: script.slice(0, at).trim(), entry: script.slice(at + 1).trim() });
  }
}

/** setuptools' FlatLayoutPackageFinder and FlatLayoutModuleFinder: names a flat layout never installs. */
const FLAT_EXCLUDED_PACKAGES = new Set(
  'ci bin debian doc docs documentation manpages news newsfragments changelog test tests unit_test unit_tests example examples scripts tools util utils python build dist venv env requirements tasks fabfile site_scons benchmark benchmarks exercise exercises htmlcov'.split(
    ' ',
  ),
);
const FLAT_EXCLUDED_MODULES = new Set(
  'setup conftest test tests example examples build toxfile noxfile pavement dodo tasks fabfile SConstruct sconstruct conanfile manage benchmark benchmarks exercise exercises htmlcov'.split(
    ' ',
  ),
);
const IDENTIFIER = /^[A-Za-z_]\w*$/;

/** The .py files of a package folder (and of its subpackages when discovered), relative to its base. */
function packageFiles(root: DirNode, base: string, name: string, recursive: boolean): string[] {
  const dir = stat(root, `/${base ? `${base}/` : ''}${name}`);
  if (dir?.kind !== 'dir') return [];
  return [...dir.children].flatMap(([child, node]) => {
    if (node.kind === 'dir')
      return recursive && IDENTIFIER.test(child) ? packageFiles(root, base, `${name}/${child}`, true) : [];
    return child.endsWith('.py') ? [`${name}/${child}`] : [];
  });
}

/** Automatic discovery: top-level modules and packages of the src folder, or of the project itself. */
function discover(root: DirNode, base: string, flat: boolean): { packages: string[]; modules: string[] } {
  const dir = base ? stat(root, `/${base}`) : root;
  if (dir?.kind !== 'dir') return { packages: [], modules: [] };
  const packages: string[] = [];
  const modules: string[] = [];
  for (const [name, node] of dir.children) {
    if (node.kind === 'dir' && IDENTIFIER.test(name) && !(flat && FLAT_EXCLUDED_PACKAGES.has(name)))
      packages.push(name);
    const module = /^(.+)\.py$/.exec(name)?.[1];
    if (
      node.kind !== 'dir' &&
      module &&
      IDENTIFIER.test(module) &&
      !(flat && FLAT_EXCLUDED_MODULES.has(module))
    )
      modules.push(module);
  }
  return { packages, modules };
}

/**
 * The project in the folder `root`, or `not-a-project` without pyproject.toml and setup.py (pip:
 * "Neither 'setup.py' nor 'pyproject.toml' found").
 */
export function readLocalProject(root: DirNode): LocalProjectResult {
  const pyproject = stat(root, '/pyproject.toml');
  const setupPy = stat(root, '/setup.py');
  if (!pyproject && !setupPy) return { kind: 'not-a-project' };
  const gaps: string[] = [];
  const declared: Declared = { dependencies: [], scripts: [] };
  let backend = 'setuptools.build_meta:__legacy__';
  let buildRequires = ['setuptools>=40.8.0'];
  const pyprojectText = read(root, 'pyproject.toml');
  if (pyproject && pyprojectText === undefined)
    gaps.push("The simulator does not know this project's pyproject.toml.");
  if (pyprojectText !== undefined) {
    try {
      const toml = parseToml(pyprojectText) as Table;
      const system = table(toml['build-system']);
      backend = text(system['build-backend']) ?? backend;
      if (Array.isArray(system.requires)) buildRequires = strings(system.requires);
      fromPyproject(toml, declared);
    } catch (error) {
      gaps.push(`pyproject.toml could not be read (${(error as Error).message.split('\n')[0]}).`);
    }
  }
  const setupCfg = read(root, 'setup.cfg');
  if (setupCfg !== undefined) fromSetupCfg(setupCfg, declared);
  const setupPyText = read(root, 'setup.py');
  if (setupPyText !== undefined) fromSetupPy(setupPyText, declared);
  else if (setupPy) gaps.push("The simulator does not know this project's setup.py.");
  const base = declared.packageDir ?? (stat(root, '/src')?.kind === 'dir' && !declared.packages ? 'src' : '');
  const explicit = declared.packages !== undefined || declared.modules !== undefined;
  const found = explicit
    ? { packages: declared.packages ?? [], modules: declared.modules ?? [] }
    : discover(root, base, base === '');
  if (!explicit && base === '' && found.packages.length + found.modules.length > 1)
    gaps.push(
      `setuptools' automatic discovery finds several top-level names in a flat layout (${[...found.packages, ...found.modules].join(', ')}); a real setuptools refuses that unless the project lists them. The simulator installs them all.`,
    );
  const prefix = base ? `${base}/` : '';
  const files = [
    ...found.modules.map((module) => `${module.replaceAll('.', '/')}.py`),
    ...found.packages.flatMap((name) => packageFiles(root, base, name.replaceAll('.', '/'), !explicit)),
  ].map((path) => ({ from: `${prefix}${path}`, to: path }));
  const name = declared.name ?? 'UNKNOWN';
  if (!declared.name)
    gaps.push('The project name is not written literally in its metadata; it is installed as UNKNOWN.');
  if (!declared.version)
    gaps.push(
      'The version is not written literally in its metadata (dynamic or computed); it is installed as 0.0.0.',
    );
  return {
    kind: 'project',
    project: {
      name,
      version: declared.version ?? '0.0.0',
      backend,
      buildRequires,
      dependencies: declared.dependencies,
      scripts: declared.scripts,
      sources: ['pyproject.toml', 'setup.cfg', 'setup.py'].filter((path) => stat(root, `/${path}`)),
      files: files.filter((file) => stat(root, `/${file.from}`)),
      topLevel: [
        ...new Set(files.map((file) => (file.to.split('/')[0] as string).replace(/\.py$/, ''))),
      ].sort(),
      gaps,
    },
  };
}

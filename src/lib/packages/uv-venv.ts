/**
 * The virtual environment `uv venv` (and `uv sync`) creates, as uv 0.12.5 writes it
 * (crates/uv-virtualenv/src/virtualenv.rs): pyvenv.cfg with uv's keys, bin/python linked to the
 * interpreter uv found and python3/python3.X linked to it, the activation scripts of every shell,
 * lib64 → lib, the distutils hook, CACHEDIR.TAG and a `.gitignore` of `*`. No pip: uv does not seed one.
 */
import { dirname, joinPath } from '../fs/path.ts';
import { utf8Length } from './pip-script.ts';

/** The uv release the catalog's ghcr.io/astral-sh/uv:latest models, written into pyvenv.cfg. */
export const UV_VERSION = '0.12.5';

/** The cachedir crate's tag: its 43-byte signature line (bford.info/cachedir). */
export const CACHEDIR_TAG = 'Signature: 8a477f597d28d172789f06886806bc55';

export interface UvPython {
  /** the executable uv found, as found (not resolved): `/usr/local/bin/python` */
  readonly path: string;
  /** `3.12.12` */
  readonly version: string;
}

export type VenvFile =
  | { readonly kind: 'text'; readonly path: string; readonly content: string; readonly mode: number }
  | { readonly kind: 'sized'; readonly path: string; readonly size: number; readonly mode: number }
  | { readonly kind: 'symlink'; readonly path: string; readonly target: string }
  | { readonly kind: 'dir'; readonly path: string };

/**
 * Bytes of each activation template in uv 0.12.5 and how often it names the venv's folder, the
 * bin folder's name and the prompt (`{{ VIRTUAL_ENV_DIR }}` …): the written size is the template's
 * with those placeholders replaced. Measured on crates/uv-virtualenv/src/activator/ at 26a9dd4b2125.
 */
const ACTIVATORS: readonly {
  readonly name: string;
  readonly bytes: number;
  readonly dir: number;
  readonly bin: number;
  readonly prompt: number;
  /** the folder is written in single quotes (activate.nu) */
  readonly quoted?: boolean;
  readonly other?: number;
}[] = [
  { name: 'activate', bytes: 4125, dir: 1, bin: 1, prompt: 2 },
  { name: 'activate.csh', bytes: 2655, dir: 1, bin: 1, prompt: 2 },
  { name: 'activate.fish', bytes: 4366, dir: 1, bin: 1, prompt: 2 },
  { name: 'activate.nu', bytes: 3979, dir: 1, bin: 1, prompt: 2, quoted: true },
  { name: 'activate.xsh', bytes: 3849, dir: 0, bin: 1, prompt: 1 },
  // {{ PATH_SEP }} (14 bytes) becomes `:`
  { name: 'activate.ps1', bytes: 2828, dir: 0, bin: 1, prompt: 2, other: 1 - 14 },
  { name: 'activate.bat', bytes: 2614, dir: 1, bin: 1, prompt: 1 },
  { name: 'deactivate.bat', bytes: 1691, dir: 0, bin: 0, prompt: 0 },
  { name: 'pydoc.bat', bytes: 1197, dir: 0, bin: 0, prompt: 0 },
  // {{ RELATIVE_SITE_PACKAGES }} (28 bytes) becomes ../lib/python3.X/site-packages
  { name: 'activate_this.py', bytes: 2411, dir: 0, bin: 1, prompt: 1, other: -28 },
];

/** Bytes of uv's `_virtualenv.py`, the distutils hook it writes into every venv's site-packages. */
const VIRTUALENV_PATCH_BYTES = 5246;

export function pythonMinor(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}

/** pyvenv.cfg as uv writes it: `home` is the folder of the interpreter uv found, then uv's own keys. */
export function pyvenvCfg(python: UvPython, options: { systemSite: boolean; prompt?: string }): string {
  const lines = [
    `home = ${dirname(python.path)}`,
    'implementation = CPython',
    `uv = ${UV_VERSION}`,
    `version_info = ${python.version}`,
    `include-system-site-packages = ${options.systemSite}`,
    ...(options.prompt ? [`prompt = ${options.prompt}`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** Every file and link of a new venv at `root` (absolute). */
export function uvVenvFiles(
  root: string,
  python: UvPython,
  options: { systemSite: boolean; prompt?: string },
): VenvFile[] {
  const minor = pythonMinor(python.version);
  const bin = joinPath(root, 'bin');
  const site = joinPath(root, 'lib', `python${minor}`, 'site-packages');
  const prompt = utf8Length(options.prompt ?? '');
  const activators: VenvFile[] = ACTIVATORS.map((a) => ({
    kind: 'sized',
    path: joinPath(bin, a.name),
    mode: 0o644,
    size:
      a.bytes -
      a.dir * 21 +
      a.dir * (utf8Length(root) + (a.quoted ? 2 : 0)) -
      a.bin * 14 +
      a.bin * 3 -
      a.prompt * 20 +
      a.prompt * prompt +
      (a.other ?? 0) +
      (a.name === 'activate_this.py' ? utf8Length(`../lib/python${minor}/site-packages`) : 0),
  }));
  return [
    { kind: 'dir', path: root },
    { kind: 'text', path: joinPath(root, 'CACHEDIR.TAG'), content: CACHEDIR_TAG, mode: 0o644 },
    { kind: 'text', path: joinPath(root, '.gitignore'), content: '*', mode: 0o644 },
    { kind: 'symlink', path: joinPath(bin, 'python'), target: python.path },
    { kind: 'symlink', path: joinPath(bin, 'python3'), target: 'python' },
    { kind: 'symlink', path: joinPath(bin, `python${minor}`), target: 'python' },
    ...activators,
    { kind: 'text', path: joinPath(root, 'pyvenv.cfg'), content: pyvenvCfg(python, options), mode: 0o644 },
    { kind: 'dir', path: site },
    { kind: 'symlink', path: joinPath(root, 'lib64'), target: 'lib' },
    { kind: 'sized', path: joinPath(site, '_virtualenv.py'), size: VIRTUALENV_PATCH_BYTES, mode: 0o644 },
    { kind: 'text', path: joinPath(site, '_virtualenv.pth'), content: 'import _virtualenv', mode: 0o644 },
  ];
}

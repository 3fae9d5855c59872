/** `pip install flask` with no version: a rebuild installs whatever PyPI's newest release is then. */
import type { Diagnostic } from '../diagnostic.ts';
import { finding, type Rule } from './rule.ts';
import {
  type CommandWord,
  commandName,
  commandsOf,
  hasFlag,
  nonOptions,
  pipInstall,
  type SimpleCommandWords,
} from './run-commands.ts';
import { allRuns } from './stages.ts';

/** pip's (and `uv pip`'s) options that take a value, so the value is not read as a requirement. */
const PIP_OPTIONS_WITH_VALUE = new Set([
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '-i',
  '--index-url',
  '--extra-index-url',
  '--index',
  '-f',
  '--find-links',
  '-t',
  '--target',
  '--prefix',
  '--root',
  '-b',
  '--build',
  '--src',
  '--upgrade-strategy',
  '--trusted-host',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--progress-bar',
  '--cache-dir',
  '--log',
  '--proxy',
  '--retries',
  '--timeout',
  '--exists-action',
  '--cert',
  '--client-cert',
  '--only-binary',
  '--no-binary',
  '--report',
  '-C',
  '--config-settings',
  '-p',
  '--python',
]);

/** The words after `install` of `pip install`, `python -m pip install` or `uv pip install`. */
function installArguments(command: SimpleCommandWords): readonly CommandWord[] | undefined {
  const words = command.words;
  if (commandName(command) === 'uv' && words[1]?.value === 'pip' && words[2]?.value === 'install')
    return words.slice(3);
  const install = pipInstall(command);
  return install === undefined ? undefined : words.slice(words.indexOf(install) + 1);
}

/**
 * A requirement with no version: any specifier (`==`, `~=`, `>=`, `<`, `!=` …) or a direct
 * reference counts as one; a local path or archive is not a PyPI release; a VCS URL is pinned by
 * an `@ref` after its last slash (`git+https://host/r.git@v1.0`).
 */
function unpinned(word: CommandWord): boolean {
  const value = word.value;
  if (value === undefined) return false;
  if (value.includes('://') && !/\s@\s/.test(value)) {
    const url = value.split('#')[0] ?? '';
    return !url.slice(url.lastIndexOf('/')).includes('@');
  }
  if (/[=<>!~]|\s@\s/.test(value)) return false;
  return !(value.startsWith('.') || value.includes('/') || /\.(whl|zip|tar\.gz|tar\.bz2|tgz)$/.test(value));
}

export const pipVersionUnpinned: Rule = {
  code: 'rule/pip-version-unpinned',
  severity: 'info',
  title: 'Pin the versions of Python packages',
  explanation:
    '`pip install flask` installs the newest Flask on PyPI on the day of the build, and whatever versions of its ' +
    'dependencies suit it, so two builds of the same Dockerfile can differ and a new release can break an image ' +
    'nobody changed. Name versions (`flask==3.1.2`), install from a requirements file or lock file that names them ' +
    '(`pip install -r requirements.txt`, `uv sync --frozen`), or constrain them (`-c constraints.txt`). Every stage ' +
    'is checked: a builder stage decides what the build produces.',
  bad: 'FROM python:3.13-slim\nRUN pip install --no-cache-dir flask gunicorn\n',
  good: 'FROM python:3.13-slim\nRUN pip install --no-cache-dir flask==3.1.2 gunicorn==23.0.0\n',
  refs: { hadolint: ['DL3013'] },
  check(input) {
    const diagnostics: Diagnostic[] = [];
    for (const command of commandsOf(input, allRuns(input))) {
      const args = installArguments(command);
      if (args === undefined || hasFlag(command, '-c', '--constraint')) continue;
      const loose = nonOptions(args, PIP_OPTIONS_WITH_VALUE).filter(unpinned);
      const first = loose[0];
      if (!first) continue;
      diagnostics.push(
        finding(
          pipVersionUnpinned,
          first.range,
          `pip install without a version for ${loose.map((word) => word.value).join(', ')}: a rebuild installs whatever PyPI has then`,
        ),
      );
    }
    return diagnostics;
  },
};

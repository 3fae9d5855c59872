/**
 * What every diagnostic code means, for the reference pages and the editor's hover text. Rules
 * (`rule/…`) describe themselves in src/lib/rules; this covers the parser, the build, the run check,
 * the attack surface and the size findings. A test keeps it in step with the codes the engine emits.
 */

export type CodeArea = 'parse' | 'build' | 'run' | 'surface' | 'size';

export interface CodeInfo {
  readonly code: string;
  readonly area: CodeArea;
  /** A short name for the problem. */
  readonly title: string;
  /** Why it happens and what to do, in plain words; `backticks` mark code. */
  readonly explanation: string;
}

export const AREAS: Readonly<Record<CodeArea, string>> = {
  parse: 'Reading the Dockerfile',
  build: 'Building',
  run: 'Starting the container',
  surface: 'Attack surface',
  size: 'Size',
};

type Entry = readonly [title: string, explanation: string];

const PARSE: Record<string, Entry> = {
  'unknown-instruction': [
    'Unknown instruction',
    'The first word of a line is not a Dockerfile instruction. BuildKit suggests the nearest one when a typo is likely (`RUNN` → `RUN`).',
  ],
  'no-instructions': [
    'Empty Dockerfile',
    'The file has no instructions at all; a Dockerfile needs at least a `FROM`.',
  ],
  'no-stage': [
    'Instruction before FROM',
    'Only `ARG` (and parser directives and comments) may come before the first `FROM`: every other instruction belongs to a stage.',
  ],
  'missing-argument': [
    'Missing argument',
    'The instruction needs at least one argument, e.g. `WORKDIR` needs a path.',
  ],
  'argument-count': [
    'Wrong number of arguments',
    'The instruction takes a fixed number of arguments, e.g. `FROM image AS name` or `COPY` with at least a source and a destination.',
  ],
  'missing-destination': ['Missing destination', '`COPY` and `ADD` need a destination after their sources.'],
  'missing-value': ['Missing value', '`ENV` and `LABEL` pairs need a value after the `=`.'],
  'missing-equals': ['Missing =', 'In the `key=value` form every pair needs its `=`.'],
  'blank-name': ['Blank name', 'A variable or label name cannot be empty.'],
  'not-json': [
    'Not JSON where JSON is needed',
    'Some forms only accept a JSON array, e.g. `SHELL`. Use double quotes: `["/bin/sh", "-c"]`.',
  ],
  'json-not-strings': [
    'JSON array of non-strings',
    'The exec form is a JSON array of strings; numbers and objects are not allowed.',
  ],
  'unknown-flag': [
    'Unknown flag',
    'The instruction does not take this `--flag`. Check its spelling and the instruction it is on.',
  ],
  'invalid-flag': ['Invalid flag value', 'The flag was given a value it does not accept.'],
  'duplicate-flag': ['Flag given twice', 'Each flag may appear once per instruction.'],
  'flag-missing-value': ['Flag without a value', 'The flag needs a value after `=`, e.g. `--from=builder`.'],
  'flag-not-boolean': [
    'Flag is not true or false',
    'A boolean flag accepts only `true` or `false`, or no value at all.',
  ],
  'invalid-duration': ['Invalid duration', 'Durations are written as Go writes them: `30s`, `1m30s`, `5m`.'],
  'invalid-retries': ['Invalid retries', '`HEALTHCHECK --retries` must be a positive whole number.'],
  'healthcheck-type': [
    'Unknown HEALTHCHECK type',
    '`HEALTHCHECK` takes `NONE` or `CMD` followed by a command.',
  ],
  'invalid-stage-name': [
    'Invalid stage name',
    'Stage names start with a letter and contain only letters, digits, `-`, `_` and `.`.',
  ],
  'invalid-mount': [
    'Invalid --mount',
    'The `RUN --mount` specification has an unknown type or option, or lacks a target.',
  ],
  'invalid-network': ['Invalid --network', '`RUN --network` accepts `default`, `none` or `host`.'],
  'invalid-security': ['Invalid --security', '`RUN --security` accepts `sandbox` or `insecure`.'],
  'invalid-escape': [
    'Invalid escape directive',
    'The `# escape=` parser directive accepts only `\\` or a backtick.',
  ],
  'duplicate-directive': [
    'Directive given twice',
    'A parser directive such as `# syntax=` may appear once, at the top of the file.',
  ],
  'invalid-heredoc': [
    'Invalid here-document',
    'The here-document marker is malformed, e.g. `<<` without a word after it.',
  ],
  'unterminated-heredoc': [
    'Unterminated here-document',
    'The file ended before the line that closes the here-document (its marker word alone on a line).',
  ],
  'heredoc-destination': [
    'Here-document as destination',
    'A here-document can be a `COPY` source, not its destination.',
  ],
  'empty-volume': ['Empty VOLUME', '`VOLUME` needs at least one path.'],
  'onbuild-trigger': ['Forbidden ONBUILD trigger', '`ONBUILD` cannot trigger `FROM` or `MAINTAINER`.'],
  'onbuild-chain': ['ONBUILD ONBUILD', 'An `ONBUILD` instruction cannot itself be `ONBUILD`.'],
  'invalid-onbuild-trigger': [
    'Invalid ONBUILD trigger',
    'The instruction after `ONBUILD` is not valid; the Dockerfile builds, but any image built `FROM` this one will fail.',
  ],
  'no-empty-continuation': [
    'Empty continuation line',
    'A blank line inside a `\\` continuation is accepted but deprecated; remove it or the line continuation.',
  ],
  'line-too-long': [
    'Line too long',
    'A single line is longer than BuildKit’s limit of 64 KiB; split it with `\\` continuations.',
  ],
};

const BUILD: Record<string, Entry> = {
  'unknown-image': [
    'Image tag that does not exist',
    'The registry has no such tag: the official library’s tag history, which the simulator keeps, never listed it. A real build fails the same way, in these words. The message suggests the nearest tag.',
  ],
  'image-not-in-catalog': [
    'Image the simulator has no data for',
    'The image may well exist, but the simulator’s catalog has no data for it and no sibling to stand in, so it stops here. A real build would pull it and go on. This is the simulator speaking, not Docker: see the page of what it knows.',
  ],
  'no-platform-match': [
    'Image not published for the platform',
    'The tag is an index of images for some platforms only (a Windows-only tag, or `--platform=linux/s390x` on a tag not built for it), as its recorded architectures show. A real build fails the same way, in these words.',
  ],
  'unknown-stage': ['Unknown stage', '`COPY --from` or `FROM` names a stage that is not defined above it.'],
  'unknown-target': ['Unknown target', 'The `--target` stage does not exist in the Dockerfile.'],
  'circular-dependency': [
    'Circular dependency',
    'Stages depend on each other in a loop, so none can be built first.',
  ],
  'blank-base': [
    'Blank base name',
    'After variable expansion the `FROM` image is empty, usually an `ARG` without a value.',
  ],
  expansion: [
    'Variable expansion failed',
    'A `${VAR:?message}` form stopped the build, or the expansion is malformed.',
  ],
  'value-too-large': [
    'Value too large',
    'A word grew past 128 KiB when its variables were expanded (often `ARG B=${A}${A}` doubling line after line), or the build’s expanded values add up to more than 16 MiB. Docker has no such limit, but Linux refuses any one argument or environment string over 128 KiB, so such a value could never reach a `RUN`; the simulator stops there rather than fill the memory. Keep long text in a file and `COPY` it.',
  ],
  'invalid-copy-from': [
    'Invalid --from',
    '`COPY --from` needs a stage name, a stage index or an image reference.',
  ],
  'copy-source-not-found': [
    'COPY source not found',
    'A `COPY` source is not in the build context (or in the stage it copies from), or `.dockerignore` leaves it out.',
  ],
  'copy-not-a-directory': [
    'A file where COPY needs a folder',
    'A `COPY` destination, or a folder on the way to it, is a file already (an earlier `COPY f /x` then `COPY dir /x/`): BuildKit cannot make the folder there.',
  ],
  'copy-url': ['URL in COPY', 'Only `ADD` accepts URLs; `COPY` copies from the context or another stage.'],
  'mount-source-not-found': [
    'Bind mount source not found',
    'A `RUN --mount=type=bind` names a `source=` that is not in the build context (or in the `from=` stage).',
  ],
  'bad-pattern': ['Bad wildcard', 'A `COPY` source pattern is not a valid glob.'],
  'invalid-chmod': [
    'Invalid --chmod',
    '`--chmod` takes an octal mode such as `755` (or, with newer BuildKit, a symbolic one).',
  ],
  'unknown-user': [
    'Unknown user or group',
    '`--chown` names a user or group in a stage without `/etc/passwd` or `/etc/group` (`FROM scratch`): BuildKit fails with `invalid user index: -1`. Use numeric IDs there. Where the files exist, a name they do not list silently becomes 0, root.',
  ],
  'no-shell': [
    'No shell for RUN',
    'A shell-form `RUN` runs `/bin/sh -c` (or the `SHELL`); the stage has no such file, e.g. in `scratch` or distroless.',
  ],
  'command-not-found': [
    'Command not found',
    'The command is not on the stage’s PATH: the image does not have it (`apt-get` in Alpine, `pip` in a Go image). The shell exits with 127.',
  ],
  'command-failed': [
    'Command failed',
    'The command ran and exited with an error that the simulator models, quoted as the tool prints it.',
  ],
  context: [
    'Bad build context',
    'A context file lies outside the context, or `.dockerignore` cannot be read.',
  ],
  unknown: ['Build could not start', 'The stages could not be resolved; the message says why.'],
};

const RUN: Record<string, Entry> = {
  'no-command': [
    'No command',
    'The image has neither `ENTRYPOINT` nor `CMD`, so `docker run` has nothing to start: “no command specified”.',
  ],
  'no-shell': [
    'No shell for the command',
    'A shell-form `CMD` or `ENTRYPOINT` runs under `/bin/sh -c`, which the image lacks. Use the exec form, a JSON array.',
  ],
  'exec-not-found': [
    'Executable not found',
    'The program is not at that path, or not on PATH: “executable file not found in $PATH”.',
  ],
  'permission-denied': [
    'Not executable',
    'The file exists but has no execute permission for the user the container runs as.',
  ],
  'missing-dynamic-linker': [
    'Dynamic loader missing',
    'A dynamically linked program names its loader, e.g. `/lib64/ld-linux-x86-64.so.2` for glibc. Without it the kernel reports the program itself as “no such file or directory”. Build a static binary (`CGO_ENABLED=0`) or use a base with the right libc.',
  ],
  'user-not-found': [
    'User not found',
    '`USER` names a user that the image’s `/etc/passwd` does not have. Copy the file, create the user, or use a numeric UID.',
  ],
  'file-not-found': [
    'Script not found',
    'The interpreter starts, but the script it is given is not in the image.',
  ],
  'module-not-found': [
    'Python module not found',
    'A top-level import does not resolve for that user: the package is missing, or installed where this user’s Python does not look (another user’s `~/.local`, a venv not on PATH).',
  ],
  'native-incompatible': [
    'Native extension for another libc',
    'A compiled extension built for glibc cannot load on musl (Alpine), or the other way round. Install wheels for the image you run on.',
  ],
};

const SURFACE: Record<string, Entry> = {
  shell: [
    'Shell in the image',
    'With a shell, anyone who gets code execution in the app can run any command.',
  ],
  'network-tool': [
    'Network tools',
    '`curl`, `wget`, `nc` and `nslookup` let an attacker fetch payloads and probe your network.',
  ],
  'package-manager': [
    'Package manager',
    '`apt`, `apk` or `pip` let an attacker install whatever tool is missing.',
  ],
  compiler: [
    'Compilers and build tools',
    'Build tools are for building; at run time they let an attacker compile exploits in place.',
  ],
  'world-writable': [
    'World-writable paths',
    'Files or directories (other than sticky ones such as `/tmp`) that every user may write: any process can change them. Drop the write bit with `chmod o-w`.',
  ],
  setuid: [
    'setuid binaries',
    'Programs that run with their owner’s privileges are a path from an ordinary user to root.',
  ],
  'root-user': [
    'Runs as root',
    'The container’s process runs as UID 0; a compromise of the app is a compromise of root in the container.',
  ],
};

const SIZE: Record<string, Entry> = {
  'wasted-space': [
    'Wasted space',
    'Files deleted or overwritten by a later layer still count: every layer is shipped. Delete in the same `RUN` that created them.',
  ],
  'build-tools-in-final': [
    'Build tools in the final image',
    'Compilers, headers and SDKs in the image you ship; build in one stage and copy only the result.',
  ],
  'build-cache': [
    'Build cache left in the image',
    'Caches of pip, apt, apk or go stay in the layer; use `--no-cache-dir`, `--no-cache`, remove lists, or a cache mount.',
  ],
};

function area(name: CodeArea, entries: Record<string, Entry>): CodeInfo[] {
  return Object.entries(entries).map(([what, [title, explanation]]) => ({
    code: `${name}/${what}`,
    area: name,
    title,
    explanation,
  }));
}

export const DIAGNOSTIC_CODES: readonly CodeInfo[] = [
  ...area('parse', PARSE),
  ...area('build', BUILD),
  ...area('run', RUN),
  ...area('surface', SURFACE),
  ...area('size', SIZE),
];

const BY_CODE = new Map(DIAGNOSTIC_CODES.map((info) => [info.code, info]));

export function codeInfo(code: string): CodeInfo | undefined {
  return BY_CODE.get(code);
}

/**
 * The oracle corpus as data: every case of tests/oracle/cases/ is written from this list by
 * write-cases.ts, so a family of cases (every package, every base) is one loop, not fifty folders.
 */

/** A context entry: text, or a file with a mode, a symlink, a directory, a hard link or binary bytes. */
export type ContextEntry =
  | string
  | { readonly text: string; readonly mode: number }
  | { readonly symlink: string }
  | { readonly dir: true; readonly mode?: number }
  | { readonly hardlink: string }
  | { readonly tar: Readonly<Record<string, TarMember>> };

/** A member of a tar archive made for the context (ADD extracts it, owners and hard links kept). */
export type TarMember =
  | { readonly text: string; readonly mode?: number; readonly uid?: number; readonly gid?: number }
  | { readonly dir: true; readonly mode?: number; readonly uid?: number; readonly gid?: number }
  | { readonly symlink: string }
  | { readonly hardlink: string };

export interface RunSpec {
  readonly command?: readonly string[];
  readonly entrypoint?: string;
  readonly user?: string;
}

export interface OracleCase {
  readonly name: string;
  readonly dockerfile: string;
  readonly context?: Readonly<Record<string, ContextEntry>>;
  readonly buildArgs?: readonly string[];
  readonly target?: string;
  /** Run the built image: {} runs its own ENTRYPOINT/CMD, as the run check judges it. */
  readonly run?: RunSpec;
}

const DEBIAN = ['debian:bookworm', 'debian:bookworm-slim', 'debian:trixie', 'debian:trixie-slim'] as const;
const slug = (image: string) => image.replace('debian:', '');
const df = (...lines: string[]) => `${lines.join('\n')}\n`;

const basicContext = {
  'a.txt': 'alpha\n',
  'b.txt': 'bravo!\n',
  'c.md': '# c\n',
  'run.sh': { text: '#!/bin/sh\necho run\n', mode: 0o755 },
  'dir/one.txt': 'one\n',
  'dir/sub/two.txt': 'two two\n',
  'dir/.hidden': 'h\n',
} satisfies Record<string, ContextEntry>;

function copyCases(): OracleCase[] {
  const scratch = (name: string, lines: string[], context: Record<string, ContextEntry> = basicContext) => ({
    name: `copy-${name}`,
    dockerfile: df('FROM scratch', ...lines),
    context,
  });
  return [
    scratch('file-to-root', ['COPY a.txt /']),
    scratch('file-rename', ['COPY a.txt /x']),
    scratch('file-into-new-dir', ['COPY a.txt /new/']),
    scratch('file-deep-rename', ['COPY a.txt /deep/er/x.txt']),
    scratch('two-files-dir', ['COPY a.txt b.txt /d/']),
    scratch('two-files-no-slash', ['COPY a.txt b.txt /dest']),
    scratch('wildcard-txt', ['COPY *.txt /w/']),
    scratch('wildcard-question', ['COPY ?.txt /q/']),
    scratch('wildcard-class', ['COPY [ab].txt /c/']),
    scratch('wildcard-nomatch', ['COPY *.nomatch /x/']),
    scratch('wildcard-nomatch-and-file', ['COPY *.nomatch a.txt /x/']),
    scratch('missing-file', ['COPY nosuch.txt /x']),
    scratch('dir-contents', ['COPY dir /d']),
    scratch('dir-contents-slash', ['COPY dir/ /d/']),
    scratch('dir-to-root', ['COPY dir /']),
    scratch('dot-context', ['COPY . /ctx/']),
    scratch('dir-wildcard', ['COPY di* /dw/']),
    scratch('subdir-file', ['COPY dir/sub/two.txt /t/']),
    scratch('file-over-file', ['COPY a.txt /x', 'COPY b.txt /x']),
    scratch('file-then-dir-slash', ['COPY a.txt /x', 'COPY dir /x/']),
    scratch('file-then-file-into', ['COPY a.txt /x', 'COPY b.txt /x/']),
    scratch('dir-over-dir', ['COPY dir /d/', 'COPY dir /d/']),
    scratch('relative-dest-no-workdir', ['COPY a.txt rel/']),
    scratch('relative-dest-workdir', ['WORKDIR /app', 'COPY a.txt b.txt ./']),
    scratch('relative-dest-workdir-rename', ['WORKDIR /app', 'COPY a.txt x']),
    scratch('mode-executable', ['COPY run.sh /bin/']),
    scratch('chmod-octal', ['COPY --chmod=600 a.txt /m/a']),
    scratch('chmod-octal-dir', ['COPY --chmod=700 dir /m/']),
    scratch('chmod-755-parents', ['COPY --chmod=755 a.txt /p/q/r/a']),
    scratch('chmod-symbolic-ux', ['COPY --chmod=u+x a.txt /s/a']),
    scratch('chmod-symbolic-mix', ['COPY --chmod=u+x,g-r a.txt /s/a']),
    scratch('chmod-symbolic-eq', ['COPY --chmod=a=r a.txt /s/a']),
    scratch('chmod-symbolic-dir', ['COPY --chmod=go-rwx dir /s/']),
    scratch('chmod-bad', ['COPY --chmod=999 a.txt /s/a']),
    scratch('chown-ids', ['COPY --chown=1000:1000 a.txt /o/']),
    scratch('chown-uid-only', ['COPY --chown=1234 a.txt /o/']),
    scratch('chown-group-only', ['COPY --chown=:50 a.txt /o/']),
    scratch('chown-name-no-passwd', ['COPY --chown=app a.txt /o/']),
    scratch('chown-dir', ['COPY --chown=7:8 dir /o/']),
    scratch('chown-and-chmod', ['COPY --chown=10:20 --chmod=640 a.txt /o/a']),
    scratch('chown-arg', ['ARG OWNER=33:33', 'COPY --chown=$OWNER a.txt /o/']),
    scratch('link-file', ['COPY --link a.txt /l/']),
    scratch('link-dir', ['COPY --link dir /l/']),
    scratch('link-chmod', ['COPY --link --chmod=700 run.sh /l/']),
    scratch('exclude', ['COPY --exclude=*.md . /e/']),
    scratch('exclude-dir', ['COPY --exclude=dir . /e/']),
    scratch('exclude-two', ['COPY --exclude=*.md --exclude=*.sh . /e/']),
    scratch('parents', ['COPY --parents dir/sub/two.txt /p/']),
    scratch('parents-wildcard', ['COPY --parents dir/*/two.txt /p/']),
    {
      name: 'copy-from-stage',
      dockerfile: df(
        'FROM scratch AS one',
        'COPY a.txt dir /one/',
        'FROM scratch',
        'COPY --from=one /one /two',
      ),
      context: basicContext,
    },
    {
      name: 'copy-from-stage-index',
      dockerfile: df('FROM scratch', 'COPY a.txt /a', 'FROM scratch', 'COPY --from=0 /a /b'),
      context: basicContext,
    },
    {
      name: 'copy-from-stage-missing-path',
      dockerfile: df('FROM scratch AS one', 'COPY a.txt /a', 'FROM scratch', 'COPY --from=one /nope /b'),
      context: basicContext,
    },
    {
      name: 'copy-from-unknown-stage',
      dockerfile: df('FROM scratch', 'COPY --from=nostage /a /b'),
      context: basicContext,
    },
    {
      name: 'copy-from-stage-wildcard',
      dockerfile: df('FROM scratch AS one', 'COPY dir /d/', 'FROM scratch', 'COPY --from=one /d/*.txt /w/'),
      context: basicContext,
    },
    scratch('symlink-file', ['COPY link.txt /s/'], { 'a.txt': 'alpha\n', 'link.txt': { symlink: 'a.txt' } }),
    scratch('symlink-in-dir', ['COPY d /s/'], {
      'd/a.txt': 'alpha\n',
      'd/l': { symlink: 'a.txt' },
      'd/abs': { symlink: '/etc/passwd' },
    }),
    scratch('symlink-dangling', ['COPY d /s/'], { 'd/x': { symlink: 'nowhere' }, 'd/y': 'y\n' }),
    scratch('symlink-utf8-target', ['COPY d /s/'], { 'd/é.txt': 'e\n', 'd/l': { symlink: 'é.txt' } }),
    scratch('hardlink-in-context', ['COPY d /h/'], { 'd/a': 'hard\n', 'd/b': { hardlink: 'd/a' } }),
    scratch('empty-dir', ['COPY d /e/'], { 'd/empty': { dir: true }, 'd/f': 'f\n' }),
    scratch('dir-modes', ['COPY d /m/'], {
      'd/private': { dir: true, mode: 0o700 },
      'd/private/k': { text: 'k\n', mode: 0o600 },
      'd/open': { dir: true, mode: 0o777 },
      'd/x': { text: 'x\n', mode: 0o4755 },
    }),
    scratch('file-modes', ['COPY . /m/'], {
      a: { text: 'a\n', mode: 0o600 },
      b: { text: 'b\n', mode: 0o640 },
      c: { text: 'c\n', mode: 0o700 },
      d: { text: 'd\n', mode: 0o444 },
    }),
    scratch('empty-file', ['COPY e /e'], { e: '' }),
    scratch('space-in-name', ['COPY ["a b.txt", "/with space/"]'], { 'a b.txt': 'ab\n' }),
    scratch('json-form', ['COPY ["a.txt", "b.txt", "/j/"]']),
    scratch('heredoc', ['COPY <<EOF /h.txt', 'hello', 'EOF']),
    scratch('heredoc-two', ['COPY <<A <<B /hd/', 'aaa', 'A', 'bbbb', 'B']),
    scratch('heredoc-chmod', ['COPY --chmod=755 <<EOF /bin/h', '#!/bin/sh', 'echo hi', 'EOF']),
    scratch('heredoc-expand', ['ARG NAME=world', 'COPY <<EOF /g.txt', 'hello ${NAME}', 'EOF']),
    scratch('heredoc-quoted', ['ARG NAME=world', 'COPY <<"EOF" /g.txt', 'hello ${NAME}', 'EOF']),
    scratch('dest-var', ['ENV D=/envdest', 'COPY a.txt $D/']),
    scratch('dest-arg', ['ARG D=/argdest', 'COPY a.txt ${D}/x']),
    scratch('dest-dot', ['COPY a.txt .']),
    scratch('big-file', ['COPY big.bin /'], { 'big.bin': 'x'.repeat(100_000) }),
    scratch('unicode-name', ['COPY ü.txt /'], { 'ü.txt': 'ümlaut ü\n' }),
  ];
}

function ignoreCases(): OracleCase[] {
  const ctx = (ignore: string): Record<string, ContextEntry> => ({
    ...basicContext,
    '.dockerignore': ignore,
  });
  const c = (name: string, ignore: string, copy = 'COPY . /ctx/') => ({
    name: `ignore-${name}`,
    dockerfile: df('FROM scratch', copy),
    context: ctx(ignore),
  });
  return [
    c('md', '*.md\n'),
    c('dir', 'dir\n'),
    c('dir-contents', 'dir/**\n'),
    c('exception', '*.txt\n!a.txt\n'),
    c('exception-in-dir', 'dir\n!dir/one.txt\n'),
    c('comment-blank', '# comment\n\n*.md\n'),
    c('dockerfile-itself', 'Dockerfile\n.dockerignore\n'),
    c('named-copy', '*.txt\n', 'COPY a.txt /a'),
    c('hidden', '**/.hidden\n'),
    c('double-star', '**/*.txt\n'),
    c('leading-slash', '/a.txt\n'),
    c('wildcard-copy-skips', 'b.txt\n', 'COPY *.txt /w/'),
  ];
}

function addCases(): OracleCase[] {
  const app = {
    'app.tar': {
      tar: {
        'app/': { dir: true, mode: 0o750, uid: 1000, gid: 1000 },
        'app/bin': { text: '#!/bin/sh\necho app\n', mode: 0o755, uid: 1000, gid: 1000 },
        'app/data.txt': { text: 'data\n', mode: 0o640, uid: 33, gid: 33 },
        'app/same.txt': { hardlink: 'app/data.txt' },
        'app/link': { symlink: 'bin' },
      },
    },
    'plain.txt': 'plain\n',
  } satisfies Record<string, ContextEntry>;
  const a = (name: string, lines: string[]) => ({
    name: `add-${name}`,
    dockerfile: df('FROM scratch', ...lines),
    context: app,
  });
  return [
    a('tar-extract', ['ADD app.tar /x/']),
    a('tar-extract-root', ['ADD app.tar /']),
    a('tar-chown', ['ADD --chown=5:6 app.tar /x/']),
    a('tar-chmod', ['ADD --chmod=700 app.tar /x/']),
    a('plain-file', ['ADD plain.txt /p/']),
    a('plain-rename', ['ADD plain.txt /p.txt']),
    a('tar-no-extract-flag', ['ADD --unpack=false app.tar /x/']),
    a('missing', ['ADD nosuch /x/']),
    a('link', ['ADD --link app.tar /x/']),
    a('wildcard', ['ADD *.txt /w/']),
  ];
}

function instructionCases(): OracleCase[] {
  const s = (name: string, lines: string[], extra: Partial<OracleCase> = {}) => ({
    name,
    dockerfile: df(...lines),
    context: basicContext,
    ...extra,
  });
  return [
    s('arg-default', ['FROM scratch', 'ARG V=one', 'COPY a.txt /$V']),
    s('arg-build-arg', ['FROM scratch', 'ARG V=one', 'COPY a.txt /$V'], { buildArgs: ['V=two'] }),
    s('arg-global', ['ARG V=g', 'FROM scratch', 'ARG V', 'COPY a.txt /$V']),
    s('arg-global-not-redeclared', ['ARG V=g', 'FROM scratch', 'COPY a.txt /x$V']),
    s('arg-env-precedence', ['FROM scratch', 'ARG V=arg', 'ENV V=env', 'COPY a.txt /$V'], {
      buildArgs: ['V=cli'],
    }),
    s('arg-in-from', ['ARG BASE=scratch', 'FROM $BASE', 'COPY a.txt /']),
    s('arg-default-expansion', ['FROM scratch', 'ARG V', 'COPY a.txt /${V:-dflt}']),
    s('env-forms', ['FROM scratch', 'ENV A=1 B="two words" C=3', 'ENV D 4 and more']),
    s('env-reference', ['FROM scratch', 'ENV A=x', 'ENV B=${A}y C=$A-z']),
    s('env-same-line', ['FROM scratch', 'ENV A=1', 'ENV A=2 B=$A']),
    s('env-path-scratch', ['FROM scratch', 'ENV PATH=/opt/bin:$PATH']),
    s('workdir-scratch', ['FROM scratch', 'WORKDIR /app']),
    s('workdir-relative', ['FROM scratch', 'WORKDIR /a', 'WORKDIR b', 'WORKDIR ../c']),
    s('workdir-env', ['FROM scratch', 'ENV D=/data', 'WORKDIR $D/x']),
    s('workdir-then-copy', ['FROM scratch', 'WORKDIR /w', 'COPY a.txt .']),
    s('user-scratch-number', ['FROM scratch', 'USER 1000', 'COPY a.txt /']),
    s('user-scratch-name', ['FROM scratch', 'USER app', 'COPY a.txt /']),
    s('user-scratch-workdir', ['FROM scratch', 'USER 1000:1000', 'WORKDIR /w']),
    s('only-settings-scratch', ['FROM scratch', 'ENV A=1', 'CMD ["x"]']),
    s('cmd-entrypoint', ['FROM scratch', 'ENTRYPOINT ["/e", "a"]', 'CMD ["c"]']),
    s('cmd-shell-form', ['FROM scratch', 'CMD echo hi']),
    s('entrypoint-resets-cmd', ['FROM scratch', 'CMD ["c"]', 'ENTRYPOINT ["/e"]']),
    s('shell-instruction', ['FROM scratch', 'SHELL ["/bin/bash", "-c"]', 'CMD echo hi']),
    s('expose-forms', ['FROM scratch', 'EXPOSE 80 443/tcp 53/udp', 'EXPOSE 8080']),
    s('label-stopsignal', ['FROM scratch', 'LABEL a=b c="d e"', 'STOPSIGNAL SIGTERM']),
    s('volume-healthcheck', ['FROM scratch', 'VOLUME /data', 'HEALTHCHECK NONE']),
    s('onbuild-recorded', ['FROM scratch', 'ONBUILD COPY a.txt /onbuild/', 'COPY b.txt /']),
    s('onbuild-triggered', [
      'FROM scratch AS parent',
      'ONBUILD COPY a.txt /onbuild/',
      'FROM parent',
      'COPY b.txt /',
    ]),
    s('stage-target', ['FROM scratch AS one', 'COPY a.txt /', 'FROM scratch AS two', 'COPY b.txt /'], {
      target: 'one',
    }),
    s('stage-target-skips-broken', ['FROM scratch AS ok', 'COPY a.txt /', 'FROM scratch', 'COPY nosuch /'], {
      target: 'ok',
    }),
    s('stage-unknown-target', ['FROM scratch AS one', 'COPY a.txt /'], { target: 'nope' }),
    s('stage-chain', ['FROM scratch AS one', 'COPY a.txt /', 'FROM one AS two', 'COPY b.txt /', 'FROM two']),
    s('stage-case-insensitive', [
      'FROM scratch AS Build',
      'COPY a.txt /',
      'FROM scratch',
      'COPY --from=build /a.txt /',
    ]),
    s('stage-config-inherited', [
      'FROM scratch AS one',
      'ENV A=1',
      'WORKDIR /w',
      'USER 5',
      'FROM one',
      'ENV B=2',
    ]),
    s('unknown-instruction', ['FROM scratch', 'COPPY a.txt /']),
    s('no-from', ['COPY a.txt /']),
    s('unknown-image', ['FROM nosuchimage:1.0', 'COPY a.txt /']),
    s('heredoc-run-scratch', ['FROM scratch', 'RUN <<EOF', 'echo hi', 'EOF']),
    s('heredoc-run-scratch-shebang', ['FROM scratch', 'RUN <<EOF', '#!/bin/sh', 'echo hi', 'EOF']),
    s('run-shell-form-scratch', ['FROM scratch', 'RUN echo hi']),
    s('run-exec-form-scratch', ['FROM scratch', 'RUN ["/bin/echo", "hi"]']),
    s('run-exec-form-not-on-path', ['FROM debian:bookworm-slim', 'RUN ["nosuch", "hi"]']),
    // A local base is one platform's image: BuildKit builds on it for another and warns.
    s('from-platform-local-base', ['FROM --platform=linux/arm64 debian:bookworm-slim', 'COPY a.txt /']),
  ];
}

function debianCopyCases(): OracleCase[] {
  const out: OracleCase[] = [];
  const on = (image: string, name: string, lines: string[]) =>
    out.push({
      name: `${slug(image)}-${name}`,
      dockerfile: df(`FROM ${image}`, ...lines),
      context: basicContext,
    });
  const b = 'debian:bookworm';
  on(b, 'chown-name-root', ['COPY --chown=root a.txt /o/']);
  on(b, 'chown-name-daemon', ['COPY --chown=daemon a.txt /o/']);
  on(b, 'chown-name-group', ['COPY --chown=nobody:nogroup a.txt /o/']);
  on(b, 'chown-nosuch-user', ['COPY --chown=nosuch a.txt /o/']);
  on(b, 'chown-nosuch-group', ['COPY --chown=root:nosuch a.txt /o/']);
  on(b, 'chown-group-only', ['COPY --chown=:staff a.txt /o/']);
  on(b, 'chown-useradd-name', ['RUN useradd -m app', 'COPY --chown=app a.txt /home/app/']);
  on(b, 'chown-useradd-primary-group', [
    'RUN groupadd -g 2000 grp && useradd -g grp -u 1500 app',
    'COPY --chown=app dir /app/',
  ]);
  on(b, 'workdir-after-user', ['RUN useradd -u 1500 app', 'USER app', 'WORKDIR /home/app/w']);
  on(b, 'workdir-after-user-65532', ['RUN useradd -u 65532 nonroot', 'USER nonroot', 'WORKDIR /work']);
  on(b, 'workdir-existing', ['WORKDIR /tmp']);
  on(b, 'copy-into-existing-dir', ['COPY a.txt /etc/']);
  on(b, 'copy-over-symlink-dir', ['COPY a.txt /bin/']);
  on(b, 'copy-file-over-dir', ['COPY a.txt /etc']);
  on(b, 'user-name-config', ['USER nobody', 'CMD ["id"]']);
  on(b, 'user-unknown-run', ['USER nosuch', 'RUN id']);
  on(b, 'copy-then-rm', ['COPY dir /d/', 'RUN rm -r /d/sub']);
  on(b, 'copy-chmod-existing-parent', ['COPY --chmod=700 a.txt /usr/local/bin/a']);
  on('debian:trixie', 'chown-name-nobody', ['COPY --chown=nobody a.txt /o/']);
  on('debian:trixie-slim', 'chown-name-www', ['COPY --chown=www-data:www-data dir /o/']);
  return out;
}

function userCases(): OracleCase[] {
  const forms = [
    ['useradd', 'useradd app'],
    ['useradd-m', 'useradd -m app'],
    ['useradd-u', 'useradd -u 1500 app'],
    ['useradd-big-uid', 'useradd -u 100000 app'],
    ['useradd-65532', 'useradd -u 65532 nonroot'],
    ['useradd-r', 'useradd -r app'],
    ['useradd-r-s', 'useradd -r -s /usr/sbin/nologin app'],
    ['useradd-m-d', 'useradd -m -d /srv/app app'],
    ['useradd-l', 'useradd -l -u 100000 app'],
    ['useradd-g', 'groupadd -g 3000 grp && useradd -g grp app'],
    ['useradd-G', 'useradd -G users,staff app'],
    ['useradd-U', 'useradd -U -m app'],
    ['useradd-N', 'useradd -N app'],
    ['useradd-exists', 'useradd root'],
    ['groupadd', 'groupadd grp'],
    ['groupadd-g', 'groupadd -g 5000 grp'],
    ['groupadd-r', 'groupadd -r grp'],
    ['adduser-disabled', 'adduser --disabled-password --gecos "" appuser'],
    ['adduser-gecos', 'adduser --disabled-password --gecos "App User" appuser'],
    ['adduser-system', 'adduser --system --group app'],
    ['adduser-system-nogroup', 'adduser --system app'],
    ['adduser-uid', 'adduser --uid 1500 --disabled-password --gecos "" app'],
    ['addgroup', 'addgroup grp'],
    ['addgroup-system', 'addgroup --system grp'],
    ['adduser-to-group', 'addgroup grp && adduser --disabled-password --gecos "" app && adduser app grp'],
    ['usermod-G', 'useradd app && usermod -aG users app'],
    ['usermod-G-replace', 'useradd -G users,staff app && usermod -G staff app'],
    ['usermod-s-d-l', 'useradd -m -G staff app && usermod -s /bin/bash -d /srv/app -m -l svc app'],
    ['useradd-N-G', 'useradd -N -G staff -m app'],
    ['chown-R-user', 'useradd -m app && mkdir -p /data/x && chown -R app:app /data'],
  ] as const;
  const out: OracleCase[] = [];
  for (const [name, command] of forms)
    out.push({ name: `users-bookworm-${name}`, dockerfile: df('FROM debian:bookworm', `RUN ${command}`) });
  for (const image of ['debian:bookworm-slim', 'debian:trixie', 'debian:trixie-slim']) {
    for (const [name, command] of forms.filter(([n]) =>
      [
        'useradd-m',
        'useradd-r',
        'adduser-disabled',
        'adduser-system',
        'groupadd-r',
        'useradd-65532',
        'useradd-G',
      ].includes(n),
    ))
      out.push({ name: `users-${slug(image)}-${name}`, dockerfile: df(`FROM ${image}`, `RUN ${command}`) });
  }
  return out;
}

/** Packages the simulator's apt data holds, and a few it does not (tree, file, tini, bc). */
const APT_PACKAGES = [
  'curl',
  'wget',
  'ca-certificates',
  'git',
  'jq',
  'unzip',
  'vim-tiny',
  'procps',
  'psmisc',
  'iputils-ping',
  'netcat-openbsd',
  'dnsutils',
  'openssl',
  'tzdata',
  'make',
  'less',
  'xz-utils',
  'bzip2',
  'patch',
  'xxd',
  'media-types',
  'netbase',
  'libsqlite3-0',
  'libexpat1',
  'manpages',
  'readline-common',
  'krb5-locales',
  'openssh-client',
  'gnupg',
  'libjq1',
  'libonig5',
  'zlib1g-dev',
  'libxml2',
  'libuv1',
  'libjemalloc2',
  'libpq5',
  'python3-minimal',
  'libssl-dev',
  'binutils',
  'perl',
  'tree',
  'file',
  'tini',
  'bc',
];

function aptCases(): OracleCase[] {
  const out: OracleCase[] = [];
  const install = (flags: string, pkgs: string) =>
    `RUN apt-get update && apt-get install -y ${flags}${pkgs} && rm -rf /var/lib/apt/lists/*`;
  APT_PACKAGES.forEach((pkg, i) => {
    const image = i % 2 === 0 ? 'debian:bookworm-slim' : 'debian:bookworm';
    out.push({
      name: `apt-${slug(image)}-${pkg}`,
      dockerfile: df(`FROM ${image}`, install('--no-install-recommends ', pkg)),
    });
  });
  for (const pkg of ['curl', 'wget', 'git', 'gnupg', 'openssh-client', 'jq'])
    out.push({
      name: `apt-bookworm-recommends-${pkg}`,
      dockerfile: df('FROM debian:bookworm', install('', pkg)),
    });
  for (const pkg of ['curl', 'jq', 'ca-certificates', 'tree'])
    for (const image of ['debian:trixie', 'debian:trixie-slim'])
      out.push({
        name: `apt-${slug(image)}-${pkg}`,
        dockerfile: df(`FROM ${image}`, install('--no-install-recommends ', pkg)),
      });
  const b = 'FROM debian:bookworm';
  out.push(
    {
      name: 'apt-bookworm-no-clean',
      dockerfile: df(b, 'RUN apt-get update && apt-get install -y --no-install-recommends jq'),
    },
    {
      name: 'apt-bookworm-clean',
      dockerfile: df(
        b,
        'RUN apt-get update && apt-get install -y --no-install-recommends jq && apt-get clean',
      ),
    },
    { name: 'apt-bookworm-update-only', dockerfile: df(b, 'RUN apt-get update') },
    {
      name: 'apt-bookworm-separate-layers',
      dockerfile: df(
        b,
        'RUN apt-get update',
        'RUN apt-get install -y --no-install-recommends jq',
        'RUN rm -rf /var/lib/apt/lists/*',
      ),
    },
    {
      name: 'apt-bookworm-purge',
      dockerfile: df(b, install('--no-install-recommends ', 'jq'), 'RUN apt-get purge -y jq'),
    },
    {
      name: 'apt-bookworm-purge-autoremove',
      dockerfile: df(b, `${install('--no-install-recommends ', 'jq')} && apt-get purge -y --auto-remove jq`),
    },
    {
      name: 'apt-bookworm-autoremove',
      dockerfile: df(
        b,
        install('--no-install-recommends ', 'jq'),
        'RUN apt-mark auto jq libjq1 libonig5 >/dev/null; apt-get autoremove -y',
      ),
    },
    { name: 'apt-bookworm-two-packages', dockerfile: df(b, install('--no-install-recommends ', 'curl jq')) },
    { name: 'apt-bookworm-no-update', dockerfile: df(b, 'RUN apt-get install -y jq') },
    {
      name: 'apt-bookworm-unknown-package',
      dockerfile: df(b, 'RUN apt-get update && apt-get install -y nosuchpackage'),
    },
    {
      name: 'apt-bookworm-cache-mount',
      dockerfile: df(
        b,
        'RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y --no-install-recommends jq',
      ),
    },
    {
      name: 'apt-bookworm-install-run',
      dockerfile: df(
        'FROM debian:bookworm-slim',
        install('--no-install-recommends ', 'jq'),
        'CMD ["jq", "--version"]',
      ),
      run: {},
    },
  );
  return out;
}

function shellCases(): OracleCase[] {
  const out: OracleCase[] = [];
  const r = (name: string, lines: string[], image = 'debian:bookworm', extra: Partial<OracleCase> = {}) =>
    out.push({
      name: `sh-${name}`,
      dockerfile: df(`FROM ${image}`, ...lines),
      context: basicContext,
      ...extra,
    });
  r('cp-a-symlink', ['RUN mkdir /s && echo x > /s/f && ln -s f /s/l && cp -a /s /d']);
  r('cp-r', ['RUN mkdir -p /s/t && echo x > /s/t/f && cp -r /s /d']);
  r('cp-p', ['RUN echo x > /f && chmod 600 /f && cp -p /f /g && cp /f /h']);
  r('mv', ['RUN echo x > /f && mv /f /g && mkdir /d && mv /g /d/']);
  r('ln-s', ['RUN ln -s /etc/hostname /h && ln -s relative /r']);
  r('ln-hard', ['RUN echo hard > /a && ln /a /b']);
  r('chmod-R', ['RUN mkdir -p /d/e && touch /d/e/f && chmod -R 700 /d']);
  r('chmod-symbolic', ['RUN touch /f && chmod u+x,g-r,o= /f']);
  r('chown-R', ['RUN mkdir -p /d/e && touch /d/e/f && chown -R 1000:1000 /d']);
  r('dd', ['RUN dd if=/dev/zero of=/big bs=1024 count=64']);
  r('dd-rm', ['RUN dd if=/dev/zero of=/big bs=1M count=2 && rm /big']);
  r('head-c', ['RUN head -c 1000 /dev/zero > /z']);
  r('head-c-urandom', ['RUN head -c 4096 /dev/urandom > /r']);
  r('tar-create', ['RUN mkdir /d && echo x > /d/f && tar -cf /d.tar /d']);
  r('tar-extract', [
    'COPY dir /src/',
    'RUN tar -C /src -cf /t.tar . && mkdir /out && tar -xf /t.tar -C /out',
  ]);
  r('brace-bash', ['SHELL ["/bin/bash", "-c"]', 'RUN mkdir -p /b/{x,y,z}']);
  r('brace-sh', ['RUN mkdir -p /b/{x,y}']);
  r('dot-source', ['RUN echo "export V=sourced" > /env.sh && . /env.sh && echo $V > /v']);
  r('subshell', ['RUN (cd /tmp && echo sub > s) && echo $PWD > /pwd']);
  r('pipe', ['RUN echo "a b c" | tr " " "\\n" > /lines']);
  r('set-e', ['RUN set -e; false; echo after > /after']);
  r('and-or', ['RUN false || echo or > /or && true && echo and > /and']);
  r('exit-code', ['RUN exit 3']);
  r('command-not-found', ['RUN nosuchcommand']);
  r('redirect-append', ['RUN echo one > /f && echo two >> /f']);
  r('printf', ['RUN printf "%s-%d\\n" x 5 > /p']);
  r('for-loop', ['RUN for i in 1 2 3; do echo $i > /n$i; done']);
  r('if', ['RUN if [ -f /etc/passwd ]; then echo yes > /y; else echo no > /n; fi']);
  r('heredoc-run', ['RUN <<EOF', 'echo one > /h1', 'echo two > /h2', 'EOF']);
  r('heredoc-run-bash', ['RUN <<EOF', '#!/bin/bash', 'echo {a,b} > /hb', 'EOF']);
  r('heredoc-file', ['RUN cat > /f <<EOF', 'line one', 'line two', 'EOF']);
  r('rm-rf-dir', ['RUN rm -rf /usr/share/doc']);
  r('rm-later-layer', ['RUN echo x > /f', 'RUN rm /f']);
  r('mkdir-p-mode', ['RUN mkdir -p -m 700 /p/q']);
  r('touch', ['RUN touch /t && touch /etc/hostname']);
  r('umask', ['RUN umask 077 && echo x > /u']);
  r('env-in-run', ['ENV GREETING=hi', 'RUN echo $GREETING > /g']);
  r('arg-in-run', ['ARG V=arg', 'RUN echo $V > /a'], 'debian:bookworm', { buildArgs: ['V=given'] });
  r('workdir-in-run', ['WORKDIR /w', 'RUN echo x > here']);
  r('user-in-run', ['RUN useradd -m app', 'USER app', 'RUN echo x > /home/app/f && id > /home/app/id']);
  r('user-no-permission', ['RUN useradd app', 'USER app', 'RUN touch /etc/x']);
  r('shell-sh-c-json', ['RUN ["/bin/sh", "-c", "echo json > /j"]']);
  r('exec-form-no-shell', ['RUN ["touch", "/exec"]']);
  r('sed-i', ['RUN echo abc > /f && sed -i s/b/X/ /f']);
  r('find-delete', ['RUN mkdir -p /d && touch /d/a.pyc /d/b.py && find /d -name "*.pyc" -delete']);
  r('echo-e', ['RUN echo -e "a\\tb" > /e']);
  r('trixie-cp-a', ['RUN mkdir /s && ln -s x /s/l && cp -a /s /d'], 'debian:trixie');
  r('slim-dd', ['RUN dd if=/dev/zero of=/z bs=512 count=3'], 'debian:bookworm-slim');
  r('mount-bind-context', ['RUN --mount=type=bind,target=/ctx cp /ctx/a.txt /copied']);
  r('mount-bind-source', ['RUN --mount=type=bind,source=dir,target=/m cp -r /m /copied']);
  out.push({
    name: 'sh-mount-bind-stage',
    dockerfile: df(
      'FROM debian:bookworm AS src',
      'RUN echo from-src > /f',
      'FROM debian:bookworm',
      'RUN --mount=type=bind,from=src,source=/f,target=/m cp /m /copied',
    ),
  });
  r('dd-file-skip', ['RUN printf 0123456789 > /f && dd if=/f of=/g bs=4 skip=1 && head -c 3 /f > /h']);
  r('tr-options', ['RUN echo "a1b22c   d" | tr -d 0-9 | tr -s " " > /t && echo Hello | tr a-z A-Z > /u']);
  r('bash-source', ['SHELL ["/bin/bash", "-c"]', 'RUN echo "X=1" > /x && source /x && echo $X > /y']);
  r('user-no-permission-mkdir', ['RUN useradd app', 'USER app', 'RUN mkdir /srv/x']);
  r('mount-cache', ['RUN --mount=type=cache,target=/cache echo x > /cache/f && ls /cache > /listing']);
  r('mount-tmpfs', ['RUN --mount=type=tmpfs,target=/scratch echo x > /scratch/f']);
  r('mount-secret-missing', ['RUN --mount=type=secret,id=tok cat /run/secrets/tok || echo none > /s']);
  shellControlCases(r);
  out.push({
    name: 'sh-make-recipes',
    dockerfile: df(
      'FROM debian:bookworm AS build',
      'RUN apt-get update && apt-get install -y --no-install-recommends make',
      'COPY Makefile src.txt /src/',
      'WORKDIR /src',
      'RUN mkdir /out && make > /out/all.out && make >> /out/all.out && make install DESTDIR=/out > /out/install.out && (make nothing 2> /out/err; echo $? > /out/rc)',
      'FROM scratch',
      'COPY --from=build /out/ /',
    ),
    context: {
      Makefile:
        'PREFIX = /usr/local\nNAME := hello\n\n.PHONY: all install\n\nall: build/$(NAME).txt\n\nbuild/$(NAME).txt: src.txt\n\tmkdir -p build\n\tcp $< $@\n\t@echo built $@ from $< >> build/log\n\ninstall: all\n\tmkdir -p $(DESTDIR)$(PREFIX)/share\n\tcp build/$(NAME).txt $(DESTDIR)$(PREFIX)/share/\n\tcp build/log $(DESTDIR)/log\n',
      'src.txt': 'source\n',
    },
  });
  return out;
}

/** Loops, case, functions, substitutions and the file tools real Dockerfiles run (issue 17). */
function shellControlCases(r: (name: string, lines: string[], image?: string) => void): void {
  r('case', [
    'RUN for f in a.py b.txt c; do case $f in *.py) echo py > /$f;; *.txt|*.md) echo text > /$f;; *) echo other > /$f;; esac; done',
  ]);
  r('while-read', [
    "RUN printf 'x 1\\ny 2\\n' > /in && while read name n; do echo $n > /w-$name; done < /in",
  ]);
  r('while-counter', [
    'RUN i=0; while [ $i -lt 3 ]; do i=$((i+1)); touch /c$i; done; until [ $i -eq 0 ]; do i=$((i-1)); done; echo $i > /i',
  ]);
  r('function', [
    'RUN f() { echo "$2-$1 $#" > /f-$1; return 3; }; f a b; echo $? > /status; h() { for a in "$@"; do echo "[$a]"; done; }; h "x y" z > /h',
  ]);
  r('function-recursion', ['RUN g() { g; }; g']);
  r('command-substitution', [
    'RUN echo "$(echo inner | tr a-z A-Z)" > /s && for x in $(echo p q); do touch /$x; done',
  ]);
  r('process-substitution-bash', [
    'SHELL ["/bin/bash", "-c"]',
    'RUN cat <(echo hi) > /p && while read l; do echo "got $l" > /l; done < <(echo line)',
  ]);
  r('process-substitution-dash', ['RUN cat <(echo hi) > /p']);
  r('break-continue', [
    'RUN for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; touch /b$i; done',
  ]);
  r('install', [
    'RUN echo x > /src && install -m 755 /src /usr/local/bin/tool && install -d -m 700 /data/a && install -D /src /deep/er/file && install -o 1000 -g 1000 /src /owned && install -d /d1 /d2',
  ]);
  r('sed-i-delete', [
    "RUN printf 'a\\nb\\nc\\na\\n' > /f && sed -i '/b/d' /f && sed -i -e 's/a/A/g' -e 's|c|C|' /f && sed -i.bak 's/A/Z/' /f",
  ]);
  r('tools-missing', [
    'RUN make; unzip a.zip; curl -o /x https://example.com/x; wget -O /y https://example.com/y; git clone https://example.com/r.git; echo $? > /rc',
  ]);
  r('make-missing', ['RUN make build']);
}

const GO_MOD = 'module example.com/hello\n\ngo 1.19\n';
const GO_MAIN =
  'package main\n\nimport (\n\t"fmt"\n\t"os/user"\n)\n\nfunc main() {\n\tu, err := user.Current()\n\tif err != nil {\n\t\tfmt.Println("hello, no user:", err)\n\t\treturn\n\t}\n\tfmt.Println("hello", u.Username)\n}\n';

function runCases(): OracleCase[] {
  const go = { 'go.mod': GO_MOD, 'main.go': GO_MAIN };
  const goBuild = (cgo: 0 | 1) => [
    'FROM oracle/trixie-golang AS build',
    'WORKDIR /src',
    'COPY go.mod main.go ./',
    `RUN CGO_ENABLED=${cgo} go build -o /hello .`,
  ];
  const out: OracleCase[] = [];
  const g = (name: string, cgo: 0 | 1, final: string[]) =>
    out.push({ name: `run-go-${name}`, dockerfile: df(...goBuild(cgo), '', ...final), context: go, run: {} });
  g('static-scratch', 0, ['FROM scratch', 'COPY --from=build /hello /hello', 'ENTRYPOINT ["/hello"]']);
  g('static-scratch-user', 0, [
    'FROM scratch',
    'COPY --from=build /hello /hello',
    'USER 65532',
    'ENTRYPOINT ["/hello"]',
  ]);
  g('static-scratch-user-name', 0, [
    'FROM scratch',
    'COPY --from=build /hello /hello',
    'USER app',
    'ENTRYPOINT ["/hello"]',
  ]);
  g('dynamic-scratch', 1, ['FROM scratch', 'COPY --from=build /hello /hello', 'ENTRYPOINT ["/hello"]']);
  g('dynamic-trixie', 1, [
    'FROM debian:trixie-slim',
    'COPY --from=build /hello /hello',
    'ENTRYPOINT ["/hello"]',
  ]);
  g('dynamic-bookworm', 1, [
    'FROM debian:bookworm-slim',
    'COPY --from=build /hello /hello',
    'ENTRYPOINT ["/hello"]',
  ]);
  g('static-bookworm', 0, [
    'FROM debian:bookworm-slim',
    'COPY --from=build /hello /hello',
    'USER nobody',
    'ENTRYPOINT ["/hello"]',
  ]);
  g('static-shell-form', 0, ['FROM scratch', 'COPY --from=build /hello /hello', 'ENTRYPOINT /hello']);
  g('static-shell-form-debian', 0, [
    'FROM debian:bookworm-slim',
    'COPY --from=build /hello /hello',
    'CMD /hello',
  ]);
  g('static-cmd', 0, ['FROM scratch', 'COPY --from=build /hello /app/hello', 'CMD ["/app/hello"]']);
  g('static-relative-workdir', 0, [
    'FROM scratch',
    'COPY --from=build /hello /app/hello',
    'WORKDIR /app',
    'ENTRYPOINT ["./hello"]',
  ]);
  g('static-not-on-path', 0, ['FROM scratch', 'COPY --from=build /hello /app/hello', 'ENTRYPOINT ["hello"]']);
  g('static-on-path', 0, [
    'FROM scratch',
    'COPY --from=build /hello /usr/local/bin/hello',
    'ENV PATH=/usr/local/bin',
    'ENTRYPOINT ["hello"]',
  ]);
  g('missing-binary', 0, ['FROM scratch', 'COPY --from=build /hello /hello', 'ENTRYPOINT ["/nothere"]']);
  g('not-executable', 0, [
    'FROM scratch',
    'COPY --from=build --chmod=644 /hello /hello',
    'ENTRYPOINT ["/hello"]',
  ]);
  const py = (name: string, lines: string[], run: RunSpec = {}, context?: Record<string, ContextEntry>) =>
    out.push({ name: `run-python-${name}`, dockerfile: df(...lines), run, ...(context ? { context } : {}) });
  const P = 'oracle/bookworm-python3';
  py('venv-path', [
    `FROM ${P}`,
    'RUN python3 -m venv /opt/venv',
    'ENV PATH=/opt/venv/bin:$PATH',
    'CMD ["python", "-c", "import pip; print(pip.__file__)"]',
  ]);
  py('venv-abs-python', [
    `FROM ${P}`,
    'RUN python3 -m venv /opt/venv',
    'CMD ["/opt/venv/bin/python", "-c", "import pip"]',
  ]);
  py('venv-not-on-path', [
    `FROM ${P}`,
    'RUN python3 -m venv /opt/venv',
    'CMD ["python3", "-c", "import sys; print(sys.prefix)"]',
  ]);
  py('venv-copied', [
    `FROM ${P} AS build`,
    'RUN python3 -m venv /opt/venv',
    `FROM ${P}`,
    'COPY --from=build /opt/venv /opt/venv',
    'ENV PATH=/opt/venv/bin:$PATH',
    'CMD ["python", "-c", "import pip"]',
  ]);
  py('venv-copied-abs', [
    `FROM ${P} AS build`,
    'RUN python3 -m venv /opt/venv',
    `FROM ${P}`,
    'COPY --from=build /opt/venv /opt/venv',
    'CMD ["/opt/venv/bin/python", "-c", "import pip"]',
  ]);
  py('venv-copied-no-python', [
    `FROM ${P} AS build`,
    'RUN python3 -m venv /opt/venv',
    'FROM debian:bookworm-slim',
    'COPY --from=build /opt/venv /opt/venv',
    'CMD ["/opt/venv/bin/python", "-c", "import sys"]',
  ]);
  py('system-python', [`FROM ${P}`, 'CMD ["python3", "-c", "import json"]']);
  py('system-missing-module', [`FROM ${P}`, 'CMD ["python3", "-c", "import flask"]']);
  py('pip-debian-module', [`FROM ${P}`, 'CMD ["python3", "-c", "import pip"]']);
  py('venv-system-site', [
    `FROM ${P}`,
    'RUN python3 -m venv --system-site-packages /opt/venv',
    'CMD ["/opt/venv/bin/python", "-c", "import pip"]',
  ]);
  py('user-nobody', [`FROM ${P}`, 'USER nobody', 'CMD ["python3", "-c", "import json"]']);
  py(
    'script',
    [`FROM ${P}`, 'COPY app.py /app.py', 'CMD ["python3", "/app.py"]'],
    {},
    { 'app.py': 'import json\nprint(json.dumps({}))\n' },
  );
  py(
    'script-missing-import',
    [`FROM ${P}`, 'COPY app.py /app.py', 'CMD ["python3", "/app.py"]'],
    {},
    { 'app.py': 'import requests\n' },
  );
  py(
    'shebang-script',
    [`FROM ${P}`, 'COPY --chmod=755 app.py /app.py', 'CMD ["/app.py"]'],
    {},
    { 'app.py': '#!/usr/bin/env python3\nprint("hi")\n' },
  );
  py(
    'shebang-venv',
    [`FROM ${P}`, 'RUN python3 -m venv /opt/venv', 'COPY --chmod=755 app.py /app.py', 'CMD ["/app.py"]'],
    {},
    { 'app.py': '#!/opt/venv/bin/python\nimport pip\n' },
  );
  py(
    'pip-user-local',
    [
      `FROM ${P}`,
      'COPY pkg /pkg',
      'RUN pip install --user --break-system-packages --no-index --no-build-isolation /pkg',
      'CMD ["python3", "-c", "import hello"]',
    ],
    {},
    PY_PKG,
  );
  py(
    'pip-user-other-user',
    [
      `FROM ${P}`,
      'COPY pkg /pkg',
      'RUN pip install --user --break-system-packages --no-index --no-build-isolation /pkg',
      'USER nobody',
      'CMD ["python3", "-c", "import hello"]',
    ],
    {},
    PY_PKG,
  );
  py(
    'pip-prefix',
    [
      `FROM ${P}`,
      'COPY pkg /pkg',
      'RUN pip install --prefix=/install --no-index --no-build-isolation /pkg',
      'CMD ["python3", "-c", "import hello"]',
    ],
    {},
    PY_PKG,
  );
  py(
    'pip-target',
    [
      `FROM ${P}`,
      'COPY pkg /pkg',
      'RUN pip install --target=/deps --no-index --no-build-isolation /pkg',
      'ENV PYTHONPATH=/deps',
      'CMD ["python3", "-c", "import hello"]',
    ],
    {},
    PY_PKG,
  );
  py(
    'pip-venv-local',
    [
      `FROM ${P}`,
      'COPY pkg /pkg',
      'RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install --no-index --no-build-isolation /pkg',
      'ENV PATH=/opt/venv/bin:$PATH',
      'CMD ["python", "-c", "import hello"]',
    ],
    {},
    PY_PKG,
  );
  const pipUser = 'RUN pip install --user --break-system-packages --no-index --no-build-isolation';
  py(
    'pip-user-app-user',
    [
      `FROM ${P}`,
      'RUN useradd -m app',
      'COPY --chown=app pkg /home/app/pkg',
      'USER app',
      `${pipUser} /home/app/pkg`,
      'CMD ["python3", "-c", "import hello"]',
    ],
    {},
    PY_PKG,
  );
  py(
    'pip-user-nousersite',
    [
      `FROM ${P}`,
      'COPY pkg /pkg',
      `${pipUser} /pkg`,
      'ENV PYTHONNOUSERSITE=1',
      'CMD ["python3", "-c", "import hello"]',
    ],
    {},
    PY_PKG,
  );
  py(
    'pip-target-isolated',
    [
      `FROM ${P}`,
      'COPY pkg /pkg',
      'RUN pip install --target=/deps --no-index --no-build-isolation /pkg',
      'ENV PYTHONPATH=/deps',
      'CMD ["python3", "-I", "-c", "import hello"]',
    ],
    {},
    PY_PKG,
  );
  const venvLocal =
    'RUN python3 -m venv --system-site-packages /opt/venv && /opt/venv/bin/pip install --no-index --no-build-isolation /pkg';
  py(
    'venv-system-site-local-copied',
    [
      `FROM ${P} AS build`,
      'COPY pkg /pkg',
      venvLocal,
      `FROM ${P}`,
      'COPY --from=build /opt/venv /opt/venv',
      'CMD ["/opt/venv/bin/python", "-c", "import hello"]',
    ],
    {},
    PY_PKG,
  );
  py(
    'venv-local-shebang',
    [`FROM ${P}`, 'COPY pkg /pkg', venvLocal, 'COPY --chmod=755 app.py /app.py', 'CMD ["/app.py"]'],
    {},
    { ...PY_PKG, 'app.py': '#!/opt/venv/bin/python\nimport hello\n' },
  );
  py(
    'venv-user-site-off',
    [
      `FROM ${P}`,
      'COPY pkg /pkg',
      `${pipUser} /pkg`,
      'RUN python3 -m venv /opt/venv',
      'COPY --chmod=755 app.py /app.py',
      'CMD ["/app.py"]',
    ],
    {},
    { ...PY_PKG, 'app.py': '#!/opt/venv/bin/python\nimport hello\n' },
  );
  const s = (name: string, lines: string[], context?: Record<string, ContextEntry>) =>
    out.push({ name: `run-${name}`, dockerfile: df(...lines), run: {}, ...(context ? { context } : {}) });
  s('no-shell-scratch-cmd', [
    'FROM busybox AS tools',
    'RUN echo hello > /hello.txt',
    'FROM scratch',
    'COPY --from=tools /hello.txt /',
    'CMD cat /hello.txt',
  ]);
  s('debian-shell-form', ['FROM debian:bookworm-slim', 'CMD echo hello']);
  s('debian-exec-form', ['FROM debian:bookworm-slim', 'CMD ["echo", "hello"]']);
  s('debian-missing-command', ['FROM debian:bookworm-slim', 'CMD ["nosuch"]']);
  s('debian-user-number', ['FROM debian:bookworm-slim', 'USER 4242', 'CMD ["id"]']);
  s('debian-user-name', ['FROM debian:bookworm-slim', 'USER nobody', 'CMD ["id"]']);
  s('debian-user-unknown', ['FROM debian:bookworm-slim', 'USER nosuch', 'CMD ["id"]']);
  s('debian-user-group', ['FROM debian:bookworm-slim', 'USER nobody:nogroup', 'CMD ["id"]']);
  s('debian-useradd-user', [
    'FROM debian:bookworm',
    'RUN useradd -m -u 1001 app',
    'USER app',
    'WORKDIR /home/app/work',
    'CMD ["id"]',
  ]);
  s(
    'debian-entrypoint-script',
    ['FROM debian:bookworm-slim', 'COPY run.sh /run.sh', 'ENTRYPOINT ["/run.sh"]'],
    { 'run.sh': { text: '#!/bin/sh\necho run\n', mode: 0o755 } },
  );
  s(
    'debian-script-not-executable',
    ['FROM debian:bookworm-slim', 'COPY run.sh /run.sh', 'ENTRYPOINT ["/run.sh"]'],
    { 'run.sh': '#!/bin/sh\necho run\n' },
  );
  s(
    'debian-script-bad-shebang',
    ['FROM debian:bookworm-slim', 'COPY --chmod=755 run.sh /run.sh', 'ENTRYPOINT ["/run.sh"]'],
    { 'run.sh': '#!/bin/nosuchshell\necho run\n' },
  );
  s(
    'debian-bash-shebang',
    ['FROM debian:trixie-slim', 'COPY --chmod=755 run.sh /run.sh', 'ENTRYPOINT ["/run.sh"]'],
    { 'run.sh': '#!/bin/bash\necho run\n' },
  );
  s('scratch-user-name-no-passwd', [
    'FROM scratch',
    'COPY --from=debian:bookworm-slim /bin/true /true',
    'USER app',
    'ENTRYPOINT ["/true"]',
  ]);
  s('scratch-dynamic-true', [
    'FROM scratch',
    'COPY --from=debian:bookworm-slim /bin/true /true',
    'ENTRYPOINT ["/true"]',
  ]);
  s('debian-workdir-missing-user', [
    'FROM debian:bookworm-slim',
    'USER 1234:1234',
    'WORKDIR /w',
    'CMD ["pwd"]',
  ]);
  return out;
}

/** The go command's rules on the oracle's Debian Go (GOPROXY=off): names, patterns, vendoring, flags. */
function goCommandCases(): OracleCase[] {
  const G = 'oracle/trixie-golang';
  const hello = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println(hi()) }\n';
  const adhoc = { 'main.go': hello, 'util.go': 'package main\n\nfunc hi() string { return "hi" }\n' };
  const multi = {
    'go.mod': 'module example.com/mod\n\ngo 1.22\n',
    'cmd/a/main.go': 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("a") }\n',
    'cmd/b/main.go': 'package main\n\nimport "os"\n\nfunc main() { os.Exit(0) }\n',
    'internal/lib/lib.go': 'package lib\n\nfunc X() int { return 1 }\n',
    'cmd/tagged/main.go': '//go:build foo\n\npackage main\n\nfunc main() {}\n',
  };
  const greet = {
    'go.mod': 'module example.com/vend\n\ngo 1.22\n\nrequire example.org/greet v1.0.0\n',
    'main.go':
      'package main\n\nimport (\n\t"fmt"\n\n\t"example.org/greet"\n)\n\nfunc main() { fmt.Println(greet.Hello()) }\n',
  };
  const vendored = {
    ...greet,
    'vendor/modules.txt': '# example.org/greet v1.0.0\n## explicit; go 1.22\nexample.org/greet\n',
    'vendor/example.org/greet/greet.go':
      'package greet\n\nfunc Hello() string { return "hello from vendor" }\n',
  };
  const user = {
    'go.mod': 'module example.com/hello\n\ngo 1.22\n',
    'main.go': GO_MAIN,
  };
  const lib = {
    'lib.go':
      'package main\n\nimport "C"\n\n//export Add\nfunc Add(a, b C.int) C.int { return a + b }\n\nfunc main() {}\n',
  };
  const out: OracleCase[] = [];
  const c = (name: string, lines: string[], context: Record<string, ContextEntry>, run?: RunSpec) =>
    out.push({ name: `go-${name}`, dockerfile: df(...lines), context, ...(run ? { run } : {}) });
  c(
    'file-args-scratch',
    [
      `FROM ${G} AS build`,
      'WORKDIR /src',
      'COPY main.go util.go ./',
      'RUN CGO_ENABLED=0 go build -o /bin/hello ./main.go ./util.go',
      '',
      'FROM scratch',
      'COPY --from=build /bin/hello /bin/hello',
      'CMD ["/bin/hello"]',
    ],
    adhoc,
    {},
  );
  c(
    'file-args-names',
    [
      `FROM ${G}`,
      'WORKDIR /src',
      'COPY . .',
      'RUN go build main.go util.go && test -x main && go build util.go main.go && test -x util && mkdir out && go build -o out/ main.go util.go && test -x out/main',
    ],
    adhoc,
  );
  c('no-go-mod-dot', [`FROM ${G}`, 'WORKDIR /src', 'COPY . .', 'RUN go build .'], adhoc);
  c('no-go-mod-recursive', [`FROM ${G}`, 'WORKDIR /src', 'COPY . .', 'RUN go build ./...'], adhoc);
  c(
    'ldflags-unquoted',
    [`FROM ${G}`, 'WORKDIR /src', 'COPY . .', 'RUN go build -ldflags=-s -w -o /x main.go util.go'],
    adhoc,
  );
  c(
    'recursive-out-dir',
    [
      `FROM ${G} AS build`,
      'WORKDIR /src',
      'COPY . .',
      'RUN CGO_ENABLED=0 go build -o /out/ ./... && test -x /out/a && test -x /out/b && test ! -e /out/lib && test ! -e /out/tagged',
      '',
      'FROM scratch',
      'COPY --from=build /out/a /a',
      'CMD ["/a"]',
    ],
    multi,
    {},
  );
  c('recursive-out-file', [`FROM ${G}`, 'WORKDIR /src', 'COPY . .', 'RUN go build -o app ./...'], multi);
  c(
    'recursive-no-output',
    [
      `FROM ${G}`,
      'WORKDIR /src',
      'COPY . .',
      'RUN go build ./... && test ! -e a && go build ./cmd/a && test -x a && go build ./internal/lib && test ! -e lib',
    ],
    multi,
  );
  c('root-no-go-files', [`FROM ${G}`, 'WORKDIR /src', 'COPY . .', 'RUN go build'], multi);
  c('tags-excluded', [`FROM ${G}`, 'WORKDIR /src', 'COPY . .', 'RUN go build ./cmd/tagged'], multi);
  c(
    'tags-included',
    [`FROM ${G}`, 'WORKDIR /src', 'COPY . .', 'RUN go build -tags foo ./cmd/tagged && test -x tagged'],
    multi,
  );
  c(
    'install-gobin',
    [
      `FROM ${G} AS build`,
      'WORKDIR /src',
      'COPY . .',
      'ENV GOBIN=/out CGO_ENABLED=0',
      'RUN go install ./cmd/a',
      '',
      'FROM scratch',
      'COPY --from=build /out/a /a',
      'CMD ["/a"]',
    ],
    multi,
    {},
  );
  c('install-needs-version', [`FROM ${G}`, 'WORKDIR /x', 'RUN go install example.com/x'], {});
  c('mod-download-nothing', [`FROM ${G}`, 'WORKDIR /src', 'COPY go.mod .', 'RUN go mod download'], {
    'go.mod': multi['go.mod'],
  });
  c(
    'vendor',
    [
      `FROM ${G} AS build`,
      'WORKDIR /src',
      'COPY . .',
      'RUN CGO_ENABLED=0 go build -o /app .',
      '',
      'FROM scratch',
      'COPY --from=build /app /app',
      'CMD ["/app"]',
    ],
    vendored,
    {},
  );
  c('vendor-inconsistent', [`FROM ${G}`, 'WORKDIR /src', 'COPY . .', 'RUN go build -o /app .'], {
    ...vendored,
    'vendor/modules.txt': '# example.org/greet v0.9.0\n## explicit; go 1.22\nexample.org/greet\n',
  });
  c('missing-go-sum', [`FROM ${G}`, 'WORKDIR /src', 'COPY . .', 'RUN go build -o /app .'], greet);
  c(
    'cache-mount',
    [
      `FROM ${G} AS build`,
      'WORKDIR /src',
      'COPY . .',
      'RUN --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -o /hello .',
      '',
      'FROM scratch',
      'COPY --from=build /hello /hello',
      'CMD ["/hello"]',
    ],
    user,
    {},
  );
  c('cc-missing', [`FROM ${G}`, 'WORKDIR /src', 'COPY . .', 'RUN CC=nope go build -o /hello .'], user);
  c(
    'c-shared',
    [
      `FROM ${G}`,
      'WORKDIR /src',
      'COPY lib.go .',
      'RUN go build -buildmode=c-shared -o /usr/local/lib/libadd.so lib.go && test -f /usr/local/lib/libadd.h && go build -buildmode=c-archive lib.go && test -f lib.a && test -f lib.h',
    ],
    lib,
  );
  c(
    'c-archive-no-cgo',
    [
      `FROM ${G}`,
      'WORKDIR /src',
      'COPY lib.go .',
      'RUN CGO_ENABLED=0 go build -buildmode=c-archive -o x.a lib.go',
    ],
    lib,
  );
  c(
    'pie-debian',
    [
      `FROM ${G} AS build`,
      'WORKDIR /src',
      'COPY main.go util.go ./',
      'RUN go build -buildmode=pie -o /hello main.go util.go',
      '',
      'FROM debian:trixie-slim',
      'COPY --from=build /hello /hello',
      'CMD ["/hello"]',
    ],
    adhoc,
    {},
  );
  return out;
}

const PY_PKG: Record<string, ContextEntry> = {
  'pkg/pyproject.toml':
    '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "hello"\nversion = "1.0"\n',
  'pkg/hello.py': 'GREETING = "hello"\n',
};

export function oracleCases(): OracleCase[] {
  return [
    ...copyCases(),
    ...ignoreCases(),
    ...addCases(),
    ...instructionCases(),
    ...debianCopyCases(),
    ...userCases(),
    ...aptCases(),
    ...shellCases(),
    ...runCases(),
    ...goCommandCases(),
    ...DEBIAN.map((image) => ({ name: `base-${slug(image)}`, dockerfile: df(`FROM ${image}`) })),
  ];
}

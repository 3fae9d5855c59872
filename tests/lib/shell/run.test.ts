/** RUN interpreted against real catalog images: the shell's semantics and the commands' effects. */
import { describe, expect, it } from 'vitest';
import { simulateBuild } from '../../../src/lib/build/simulate.ts';
import { committedCatalog } from '../images/catalog-fixture.ts';
import { build, node, text } from './shell-fixture.ts';

describe('the shell', () => {
  it('propagates exit statuses as sh does', async () => {
    expect((await build('FROM alpine:3.22\nRUN false; true\n')).ok).toBe(true);
    expect((await build('FROM alpine:3.22\nRUN false && echo never\n')).error).toMatchObject({
      code: 'build/command-failed',
      hint: expect.stringContaining(
        'process "/bin/sh -c false && echo never" did not complete successfully: exit code: 1',
      ),
    });
    expect((await build('FROM alpine:3.22\nRUN false || touch /ok\n')).ok).toBe(true);
    expect((await build('FROM alpine:3.22\nRUN set -e; false; touch /never\n')).ok).toBe(false);
    expect((await build('FROM alpine:3.22\nRUN set -e; false && true; touch /still\n')).ok).toBe(true);
  });

  it('says "not found" in the words of the image’s own shell', async () => {
    expect((await build('FROM alpine:3.22\nRUN apt-get update\n')).error).toMatchObject({
      code: 'build/command-not-found',
      message: '/bin/sh: apt-get: not found',
    });
    expect((await build('FROM debian:bookworm\nRUN apk add curl\n')).error).toMatchObject({
      message: '/bin/sh: 1: apk: not found',
    });
    expect((await build('FROM debian:bookworm\nSHELL ["/bin/bash", "-c"]\nRUN nope\n')).error).toMatchObject({
      message: '/bin/bash: line 1: nope: command not found',
    });
  });

  it('expands braces under bash only, as the recorded sh-brace-bash and sh-brace-sh cases did', async () => {
    const bash = await build(
      'FROM debian:bookworm\nSHELL ["/bin/bash", "-c"]\nRUN mkdir -p /b/{x,y} /n/{1..3}\n',
    );
    for (const path of ['/b/x', '/b/y', '/n/1', '/n/2', '/n/3']) expect(node(bash, path)?.kind).toBe('dir');
    const dash = await build('FROM debian:bookworm\nRUN mkdir -p /b/{x,y}\n');
    expect(node(dash, '/b/{x,y}')?.kind).toBe('dir');
    expect(node(dash, '/b/x')).toBeUndefined();
  });

  it('copies a symlink as a link with cp -a and -R, and follows it with plain cp (sh-cp-a-symlink)', async () => {
    const result = await build(
      'FROM debian:bookworm\nRUN echo x > /f && ln -s f /l && cp -a /l /a && cp -R /l /r && cp /l /c\n',
    );
    expect(node(result, '/a')).toMatchObject({ kind: 'symlink', target: 'f' });
    expect(node(result, '/r')).toMatchObject({ kind: 'symlink', target: 'f' });
    expect(node(result, '/c')?.kind).toBe('file');
  });

  it('refuses a shell-form RUN where there is no shell', async () => {
    const result = await build('FROM scratch\nRUN echo hi\n');
    expect(result.error).toMatchObject({
      code: 'build/no-shell',
      message: expect.stringContaining('exec: "/bin/sh": stat /bin/sh: no such file or directory'),
    });
  });

  it('expands variables from ENV and ARG, assignments, $(…) and globs, and keeps cd and export', async () => {
    const result = await build(
      'FROM alpine:3.22\nARG GREETING=hello\nENV DIR=/data\nRUN mkdir -p $DIR/a $DIR/b && cd $DIR && echo "$GREETING $(whoami)" > note && X=1 && export Y=$X && echo $Y > y && echo * > list\n',
    );
    expect(result.ok).toBe(true);
    expect(text(result, '/data/note')).toBe('hello root\n');
    expect(text(result, '/data/y')).toBe('1\n');
    expect(text(result, '/data/list')).toBe('a b note y\n');
  });

  it('writes here-documents, redirections and appends', async () => {
    const result = await build(
      'FROM alpine:3.22\nRUN <<EOF\ncat > /etc/app.conf <<CONF\nport=8080\nCONF\necho more >> /etc/app.conf\necho err 1>&2 2>/dev/null\nEOF\n',
    );
    expect(text(result, '/etc/app.conf')).toBe('port=8080\nmore\n');
  });

  it('marks what it cannot follow as not simulated, and says what', async () => {
    const result = await build('FROM alpine:3.22\nRUN tee /copy < /etc/passwd\n');
    expect(result.steps[0]).toMatchObject({
      status: 'not-simulated',
      narrative: expect.stringContaining('tee /copy changes files in ways the simulator does not follow'),
    });
  });

  it('runs as USER from the stage’s own passwd, and fails for an unknown user', async () => {
    const owned = await build('FROM alpine:3.22\nRUN adduser -D app\nUSER app\nRUN touch /tmp/mine\n');
    expect(node(owned, '/tmp/mine')).toMatchObject({ uid: 1000, gid: 1000 });
    const unknown = await build('FROM alpine:3.22\nUSER ghost\nRUN true\n');
    expect(unknown.error).toMatchObject({
      code: 'build/unknown-user',
      message: 'unable to find user ghost: no matching entries in passwd file',
    });
  });

  it('drops what a RUN writes into a cache mount from the layer', async () => {
    const result = await build(
      'FROM alpine:3.22\nRUN --mount=type=cache,target=/root/.cache mkdir -p /root/.cache/pip && touch /root/.cache/pip/x /kept\n',
    );
    expect(node(result, '/root/.cache/pip')).toBeUndefined();
    expect(node(result, '/kept')).toBeDefined();
  });
});

describe('commands', () => {
  it('mkdir, rm, cp, mv, ln, chmod, touch', async () => {
    const result = await build(
      'FROM alpine:3.22\nRUN mkdir -p /a/b && touch /a/b/f && cp -r /a /c && mv /c/b/f /c/g && ln -s /c/g /link && chmod 750 /c/g && chmod +x /a/b/f && rm -rf /a/b\n',
    );
    expect(result.ok).toBe(true);
    expect(node(result, '/a/b')).toBeUndefined();
    expect(node(result, '/c/g')).toMatchObject({ kind: 'file', mode: 0o750 });
    expect(node(result, '/link')).toMatchObject({ kind: 'symlink', target: '/c/g' });
    expect((await build('FROM alpine:3.22\nRUN mkdir /x/y\n')).error?.message).toBe(
      "mkdir: can't create directory '/x/y': No such file or directory",
    );
    expect((await build('FROM alpine:3.22\nRUN rm /nope\n')).ok).toBe(false);
  });

  it('groupadd -r and useradd -r take the top system IDs, as on Debian', async () => {
    const result = await build('FROM golang:1\nRUN groupadd -r app && useradd --no-log-init -r -g app app\n');
    expect(text(result, '/etc/passwd')).toMatch(/^app:x:999:999::\/home\/app:\/bin\/sh$/m);
    expect(text(result, '/etc/group')).toMatch(/^app:x:999:$/m);
    expect(node(result, '/etc/passwd-')).toMatchObject({ kind: 'file' });
    const again = await build('FROM golang:1\nRUN useradd app && useradd app\n');
    expect(again.error).toMatchObject({ message: "useradd: user 'app' already exists" });
  });

  it("runs Debian's adduser, not BusyBox's, on Debian (recorded: users-bookworm-adduser-*)", async () => {
    const user = await build(
      'FROM debian:bookworm\nRUN adduser --disabled-password --gecos "App User" appuser\n',
    );
    expect(text(user, '/etc/passwd')).toContain('appuser:x:1000:1000:App User,,,:/home/appuser:/bin/bash\n');
    expect(text(user, '/etc/group')).toMatch(/^users:x:100:appuser$/m);
    expect(node(user, '/home/appuser')).toMatchObject({ kind: 'dir', mode: 0o700, uid: 1000, gid: 1000 });
    const system = await build('FROM debian:bookworm\nRUN adduser --system --group app\n');
    expect(text(system, '/etc/passwd')).toContain('app:x:100:101::/nonexistent:/usr/sbin/nologin\n');
    expect(node(system, '/nonexistent')).toBeUndefined();
  });

  it('useradd leaves /var/log/lastlog alone on bookworm and gives a regular user subordinate IDs (recorded)', async () => {
    const big = await build('FROM debian:bookworm\nRUN useradd -u 100000 big\n');
    expect(node(big, '/var/log/lastlog')).toMatchObject({ size: 0 });
    const app = await build('FROM debian:bookworm\nRUN useradd -u 1500 app\n');
    // users-bookworm-useradd-u: "app:100000:65536\n", and the shadow line with its aging fields
    expect(node(app, '/etc/subuid')).toMatchObject({ size: 17 });
    expect(node(app, '/etc/shadow')).toMatchObject({ size: 499 });
  });

  it('busybox adduser -S on Alpine makes a system user in the given group', async () => {
    const result = await build('FROM alpine:3.22\nRUN addgroup -S app && adduser -S -G app app\nUSER app\n');
    expect(text(result, '/etc/passwd')).toMatch(/^app:x:100:101:Linux User,,,:\/home\/app:\/sbin\/nologin$/m);
    expect(node(result, '/home/app')).toMatchObject({ kind: 'dir', uid: 100, gid: 101 });
  });

  it('a user created in RUN is found by a later COPY --chown', async () => {
    const result = await build(
      'FROM debian:bookworm\nRUN useradd -m app\nCOPY --chown=app:app a.txt /home/app/\n',
      { 'a.txt': 'x' },
    );
    expect(node(result, '/home/app/a.txt')).toMatchObject({ uid: 1000, gid: 1000 });
  });
});

describe('fetching and unpacking', () => {
  it('curl -o and wget create files of unknown size, and say so', async () => {
    const result = await build(
      'FROM python:3.9\nRUN curl -fsSL -o /tmp/tool.tgz https://example.com/tool.tgz && wget -q https://example.com/a.zip\n',
    );
    expect(node(result, '/tmp/tool.tgz')).toMatchObject({ kind: 'file', size: 0 });
    expect(node(result, '/a.zip')).toMatchObject({ kind: 'file' });
    expect(result.steps[0]).toMatchObject({
      status: 'not-simulated',
      narrative: expect.stringContaining('its size is unknown'),
    });
  });

  it('tar -x unpacks an archive copied from the context', async () => {
    const result = await simulateBuild({
      dockerfile:
        'FROM alpine:3.22\nCOPY app.tar /tmp/\nRUN tar -xf /tmp/app.tar -C /opt && rm /tmp/app.tar\n',
      context: {
        files: [
          {
            path: 'app.tar',
            size: 2048,
            archive: [{ path: 'app/run', kind: 'file', size: 1200, mode: 0o755 }],
          },
        ],
      },
      catalog: await committedCatalog(),
    });
    expect(node(result, '/opt/app/run')).toMatchObject({ kind: 'file', size: 1200, mode: 0o755 });
    expect(result.steps[1]?.status).toBe('done');
  });
});

describe('RUN --mount=type=bind', () => {
  const files = { 'a.txt': 'hello\n', 'dir/one.txt': 'one\n', 'dir/sub/two.txt': 'two two\n' };

  it('shows the build context at the target, not in the layer (sh-mount-bind-context, sh-mount-bind-source)', async () => {
    const context = await build(
      'FROM debian:bookworm\nRUN --mount=type=bind,target=/ctx cp /ctx/a.txt /copied\n',
      files,
    );
    expect(text(context, '/copied')).toBe('hello\n');
    expect(node(context, '/ctx')).toBeUndefined();
    const source = await build(
      'FROM debian:bookworm\nRUN --mount=type=bind,source=dir,target=/m,rw cp -r /m /copied && touch /m/new\n',
      files,
    );
    expect(text(source, '/copied/sub/two.txt')).toBe('two two\n');
    expect(node(source, '/m')).toBeUndefined();
  });

  it('mounts a file of another stage with from= (sh-mount-bind-stage)', async () => {
    const result = await build(
      'FROM debian:bookworm AS src\nRUN echo from-src > /f\nFROM debian:bookworm\nRUN --mount=type=bind,from=src,source=/f,target=/m cp /m /copied\n',
    );
    expect(text(result, '/copied')).toBe('from-src\n');
  });

  it('fails when the source is not there', async () => {
    const result = await build(
      'FROM debian:bookworm\nRUN --mount=type=bind,source=nope,target=/m true\n',
      files,
    );
    expect(result.error).toMatchObject({
      code: 'build/mount-source-not-found',
      message: 'failed to compute cache key: "/nope": not found',
    });
  });
});

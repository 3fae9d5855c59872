/**
 * The shell as real Debian runs RUN: dash's builtins, bash where a script names it, the umask, and
 * PWD. Each expectation is what the recorded oracle case of the same name (tests/oracle/cases/) did.
 */
import { describe, expect, it } from 'vitest';
import { build, node, sh, text } from './shell-fixture.ts';

describe("the shell's builtins", () => {
  it("dash's echo prints -e and reads escapes; bash's and busybox's take -e (sh-echo-e)", async () => {
    const dash = await build('FROM debian:bookworm\nRUN echo -e "a\\tb" > /e && echo "c\\td" > /f\n');
    expect(text(dash, '/e')).toBe('-e a\tb\n');
    expect(text(dash, '/f')).toBe('c\td\n');
    const bash = await build(
      'FROM debian:bookworm\nSHELL ["/bin/bash", "-c"]\nRUN echo -e "a\\tb" > /e && echo "c\\td" > /f\n',
    );
    expect(text(bash, '/e')).toBe('a\tb\n');
    expect(text(bash, '/f')).toBe('c\\td\n');
    const ash = await build('FROM alpine:3.22\nRUN echo -e "a\\tb" > /e\n');
    expect(text(ash, '/e')).toBe('a\tb\n');
  });

  it('bash -c run from dash is bash: its echo and its braces', async () => {
    const result = await build('FROM debian:bookworm\nRUN bash -c \'echo -e "x\\ty" {1,2}\' > /b\n');
    expect(text(result, '/b')).toBe('x\ty 1 2\n');
  });

  it('umask changes the mode of what the shell creates, for the rest of the RUN only (sh-umask)', async () => {
    const result = await build(
      'FROM debian:bookworm\nRUN umask 077 && echo x > /u && mkdir /d && touch /t && (umask 0 && touch /s) && umask > /mask\nRUN echo y > /later\n',
    );
    expect(node(result, '/u')).toMatchObject({ mode: 0o600 });
    expect(node(result, '/d')).toMatchObject({ mode: 0o700 });
    expect(node(result, '/t')).toMatchObject({ mode: 0o600 });
    expect(node(result, '/s')).toMatchObject({ mode: 0o666 });
    expect(text(result, '/mask')).toBe('0077\n');
    expect(node(result, '/later')).toMatchObject({ mode: 0o644 });
  });

  it('sets PWD to the working directory, and cd in a subshell leaves it (sh-subshell)', async () => {
    const result = await build(
      "FROM debian:bookworm\nWORKDIR /w\nRUN (cd /tmp && echo $PWD > /in) && echo $PWD > /pwd && sh -c 'echo $PWD' > /child\n",
    );
    expect(text(result, '/in')).toBe('/tmp\n');
    expect(text(result, '/pwd')).toBe('/w\n');
    expect(text(result, '/child')).toBe('/w\n');
  });
});

describe('a RUN heredoc with #!', () => {
  it('runs under the shell it names: bash expands braces (sh-heredoc-run-bash)', async () => {
    const bash = await build('FROM debian:bookworm\nRUN <<EOF\n#!/bin/bash\necho {a,b} > /hb\nEOF\n');
    expect(text(bash, '/hb')).toBe('a b\n');
    const env = await build('FROM debian:bookworm\nRUN <<EOF\n#!/usr/bin/env bash\necho {a,b} > /hb\nEOF\n');
    expect(text(env, '/hb')).toBe('a b\n');
    const sh = await build('FROM debian:bookworm\nRUN <<EOF\necho {a,b} > /hb\nEOF\n');
    expect(text(sh, '/hb')).toBe('{a,b}\n');
  });

  it('says it does not run a script of another interpreter', async () => {
    const result = await build('FROM debian:bookworm\nRUN <<EOF\n#!/usr/bin/perl\nprint "hi";\nEOF\n');
    expect(result.ok).toBe(true);
    expect(result.steps[0]).toMatchObject({
      status: 'not-simulated',
      narrative: expect.stringContaining('a script of /usr/bin/perl'),
    });
  });
});

describe('mkdir', () => {
  it('-p -m gives the mode to the last folder only (sh-mkdir-p-mode)', async () => {
    const result = await build('FROM debian:bookworm\nRUN mkdir -p -m 700 /p/q\n');
    expect(node(result, '/p')).toMatchObject({ kind: 'dir', mode: 0o755 });
    expect(node(result, '/p/q')).toMatchObject({ kind: 'dir', mode: 0o700 });
  });
});

describe('touch', () => {
  it('rewrites an existing file into the layer, same content, and creates a missing one (sh-touch)', async () => {
    const result = await build('FROM debian:bookworm\nRUN touch /t && touch /etc/hostname\n');
    const layer = result.stages.at(-1)?.layers.at(-1);
    expect(layer?.changes?.map((change) => [change.path, change.change])).toEqual([
      ['/etc/hostname', 'modified'],
      ['/t', 'added'],
    ]);
  });
});

describe('. (and source)', () => {
  it('runs the file in the current shell: what it exports stays (sh-dot-source)', async () => {
    const result = await build(
      'FROM debian:bookworm\nRUN echo "export V=sourced" > /env.sh && . /env.sh && echo $V > /v\n',
    );
    expect(text(result, '/v')).toBe('sourced\n');
  });

  it('activates a venv the simulator made: VIRTUAL_ENV and PATH as its activate script sets them', async () => {
    const result = await build(
      'FROM python:3.12-slim\nRUN python -m venv /opt/venv && . /opt/venv/bin/activate && echo "$VIRTUAL_ENV $PATH" > /e && which pip > /w\n',
    );
    expect(text(result, '/e')).toMatch(/^\/opt\/venv \/opt\/venv\/bin:\/usr\/local\/bin:/);
    expect(text(result, '/w')).toBe('/opt/venv/bin/pip\n');
  });

  it('dash has no source, and stops at a missing file; bash goes on', async () => {
    const dash = await sh('source /nope; echo after', { image: 'debian:bookworm' });
    expect(dash).toMatchObject({ status: 0, stderr: 'sh: 1: source: not found\n', stdout: 'after\n' });
    const missing = await sh('. /nope; echo after', { image: 'debian:bookworm' });
    expect(missing).toMatchObject({
      status: 2,
      stderr: 'sh: 1: .: cannot open /nope: No such file\n',
      stdout: '',
    });
    const bash = await sh('echo "X=1" > /x && source /x && echo $X; . /nope; echo after', {
      image: 'debian:bookworm',
      flavour: 'bash',
    });
    expect(bash.stdout).toBe('1\nafter\n');
    expect(bash.stderr).toBe('sh: line 1: /nope: No such file or directory\n');
  });

  it('stops a file that sources itself', async () => {
    const result = await sh('echo ". /loop" > /loop && . /loop', { image: 'debian:bookworm' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("sourced more than 32 deep (the simulator's limit)");
  });
});

describe('permissions of a non-root USER', () => {
  it('refuses to write where the user may not, in the tools’ own words (sh-user-no-permission)', async () => {
    const denied = await build('FROM debian:bookworm\nRUN useradd app\nUSER app\nRUN touch /etc/x\n');
    expect(denied.error).toMatchObject({
      message: "touch: cannot touch '/etc/x': Permission denied",
      hint: expect.stringContaining('exit code: 1'),
    });
    const redirect = await build(
      'FROM debian:bookworm\nRUN useradd app\nUSER app\nRUN echo x > /etc/hostname\n',
    );
    expect(redirect.error?.message).toBe('/bin/sh: 1: cannot create /etc/hostname: Permission denied');
    const removed = await build('FROM debian:bookworm\nRUN useradd app\nUSER app\nRUN rm -f /etc/passwd\n');
    expect(removed.error?.message).toBe("rm: cannot remove '/etc/passwd': Permission denied");
    const made = await build('FROM debian:bookworm\nRUN useradd app\nUSER app\nRUN mkdir /srv/x\n');
    expect(made.error?.message).toBe("mkdir: cannot create directory '/srv/x': Permission denied");
  });

  it('lets the user write in /tmp and in a folder it owns', async () => {
    const result = await build(
      'FROM debian:bookworm\nRUN useradd -m app && mkdir /data && chown app /data\nUSER app\nRUN touch /tmp/t /data/d ~/h && echo x > /data/e\n',
    );
    expect(result.ok).toBe(true);
    expect(node(result, '/data/d')).toMatchObject({ uid: 1000 });
  });
});

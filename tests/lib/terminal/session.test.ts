/** The host shell: docker's help and unknown commands, ls and cat of the context, completion, limits, the lab's prepare. */
import { describe, expect, it } from 'vitest';
import { parseFlags } from '../../../src/lib/terminal/flags.ts';
import { ago, dockerSize, ellipsis, table } from '../../../src/lib/terminal/format.ts';
import { exampleContext, terminal } from './fixture.ts';

const python = () => exampleContext('python-app', 'python-single-stage.Dockerfile');

describe('the host shell', () => {
  it('answers docker --help, unknown commands and real commands it does not simulate', async () => {
    const t = terminal(python());
    const help = await t.type('docker --help');
    expect(help.out).toContain('Usage:  docker [OPTIONS] COMMAND');
    expect(help.out).toMatch(/\n {2}build +Start a build\n/);
    const unknown = await t.type('docker frobnicate');
    expect(unknown.err).toBe(
      "docker: unknown command: docker frobnicate\n\nRun 'docker --help' for more information\n",
    );
    const push = await t.type('docker push app');
    expect(push.status).toBe(1);
    expect(push.notes).toContain('real command');
    expect((await t.type('docker --nope')).err).toContain('unknown flag: --nope');
    expect((await t.type('docker image ls')).out).toContain('REPOSITORY');
    expect((await t.type('docker run --help')).out).toContain(
      'Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]',
    );
  });

  it('runs one command at a time and says so for pipes, and "command not found" for others', async () => {
    const t = terminal(python());
    expect((await t.type('docker images | wc -l')).err).toContain('runs one command at a time');
    const missing = await t.type('curl example.com');
    expect(missing.err).toBe('bash: curl: command not found\n');
    expect(missing.status).toBe(127);
    expect((await t.type('echo "a  b"')).out).toBe('a  b\n');
    expect((await t.type('echo $(id)')).err).toContain('command substitution is not simulated');
    expect((await t.type('echo "unterminated')).status).toBe(2);
    expect((await t.type('')).text).toBe('');
  });

  it('lists and prints the build context with ls and cat', async () => {
    const t = terminal(python());
    expect((await t.type('ls')).out).toBe('Dockerfile  requirements.txt  src\n');
    expect((await t.type('cat requirements.txt')).out).toBe('flask==3.1.2\n');
    expect((await t.type('cat nope')).err).toBe('cat: nope: No such file or directory\n');
  });

  it('clears the screen and explains itself', async () => {
    const t = terminal(python());
    expect((await t.type('clear')).answer.clear).toBe(true);
    expect((await t.type('help')).out).toContain('docker build -t NAME .');
  });

  it('refuses a line longer than it reads', async () => {
    const t = terminal(python());
    const long = await t.type(`echo ${'x'.repeat(5000)}`);
    expect(long.status).toBe(2);
    expect(long.err).toContain('line too long');
  });

  it('completes commands, docker subcommands, flags and image names', async () => {
    const t = terminal(python());
    await t.type('docker build -q -t app .');
    expect(t.session.complete('do')).toEqual({ start: 0, candidates: ['docker'] });
    expect(t.session.complete('docker bu').candidates).toEqual(['build']);
    expect(t.session.complete('docker build --ta').candidates).toEqual(['--tag', '--target']);
    expect(t.session.complete('docker run --rm -it a').candidates).toEqual(['app', 'app:latest']);
    expect(t.session.complete('docker run --rm app s').candidates).toEqual([]);
    expect(t.session.complete('dive ').candidates).toEqual(['app', 'app:latest']);
  });

  it('comes back to the prompt on Ctrl+C, where the learner was', async () => {
    const t = terminal(python());
    expect(t.session.interrupt()).toMatchObject({ prompt: '$ ', status: 130 });
    await t.type('docker build -q -t app .');
    await t.type('docker run --rm -it app bash');
    expect(t.session.interrupt().prompt).toMatch(/^root@/);
  });

  it('builds and tags the lab’s image without printing, leaving the build cache cold', async () => {
    const t = terminal(python());
    expect(await t.session.prepare('python-single', t.files)).toEqual([]);
    expect((await t.type('docker images')).out).toContain('python-single');
    const first = await t.type('docker build -t app .');
    expect(first.out).not.toContain('CACHED');
    const broken = await t.session.prepare('broken', {
      files: [{ path: 'Dockerfile', content: 'FROM nope:1\n' }],
    });
    expect(broken.map((chunk) => chunk.text).join('')).toContain("The lab's files did not build");
  });
});

describe('docker’s formats', () => {
  it('prints sizes with three significant digits and decimal units', () => {
    expect(dockerSize(0)).toBe('0B');
    expect(dockerSize(999)).toBe('999B');
    expect(dockerSize(8190)).toBe('8.19kB');
    expect(dockerSize(125_300_000)).toBe('125MB');
    expect(dockerSize(1_134_000_000)).toBe('1.13GB');
    expect(dockerSize(999_999)).toBe('1e+03kB');
  });

  it('says how long ago as go-units does', () => {
    expect(ago(500)).toBe('Less than a second ago');
    expect(ago(1000)).toBe('1 second ago');
    expect(ago(45_000)).toBe('45 seconds ago');
    expect(ago(61_000)).toBe('About a minute ago');
    expect(ago(10 * 60_000)).toBe('10 minutes ago');
    expect(ago(3_600_000)).toBe('About an hour ago');
    expect(ago(5 * 24 * 3_600_000)).toBe('5 days ago');
  });

  it('lays out tables with the CLI’s tabwriter and cuts long text with an ellipsis', () => {
    expect(
      table([
        ['A', 'BB'],
        ['long value', 'x'],
      ]),
    ).toBe('A            BB\nlong value   x\n');
    expect(ellipsis('abcdef', 4)).toBe('abc…');
    expect(ellipsis('abc', 4)).toBe('abc');
  });

  it('reads flags as pflag does', () => {
    const specs = [
      { long: 'tag', short: 't', value: true },
      { long: 'rm' },
      { long: 'interactive', short: 'i' },
      { long: 'tty', short: 't2' },
    ];
    const parsed = parseFlags(['-t', 'a', '--tag=b', '-tc', '--rm', 'x', '--', '-y'], specs, {
      interspersed: true,
    });
    expect(parsed).toMatchObject({ ok: true });
    if (!parsed.ok) return;
    expect(parsed.flags.values.get('tag')).toEqual(['a', 'b', 'c']);
    expect([...parsed.flags.booleans]).toEqual(['rm']);
    expect(parsed.flags.positionals).toEqual(['x', '-y']);
    expect(parseFlags(['--rm=maybe'], specs, { interspersed: true })).toEqual({
      ok: false,
      error: 'invalid argument "maybe" for "--rm" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
    });
    expect(parseFlags(['-iz'], specs, { interspersed: true })).toEqual({
      ok: false,
      error: "unknown shorthand flag: 'z' in -iz",
    });
    expect(parseFlags(['-t'], specs, { interspersed: true })).toEqual({
      ok: false,
      error: "flag needs an argument: 't' in -t",
    });
    const run = parseFlags(['-i', 'image', '-i'], specs, { interspersed: false });
    expect(run.ok && run.flags.positionals).toEqual(['image', '-i']);
  });
});

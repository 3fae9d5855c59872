/** The shell inside a container: the image's files, user, WORKDIR and ENV; programs found, not run. */
import { describe, expect, it } from 'vitest';
import { exampleContext, terminal, withFile } from './fixture.ts';

async function inside(dockerfile: string, shell = 'sh') {
  const t = terminal(
    withFile(exampleContext('python-app', 'python-single-stage.Dockerfile'), 'Dockerfile', dockerfile),
  );
  const built = await t.type('docker build -q -t img .');
  expect(built.status).toBe(0);
  await t.type(`docker run --rm -it img ${shell}`);
  return t;
}

describe('the shell in a container', () => {
  it('finds curl on the PATH and says it is there without running it', async () => {
    const t = await inside('FROM python:3.9\nWORKDIR /app\n');
    expect((await t.type('which curl')).out).toBe('/usr/bin/curl\n');
    const curl = await t.type('curl https://example.com');
    expect(curl.status).toBe(0);
    expect(curl.out).toBe('');
    expect(curl.notes).toContain('/usr/bin/curl is in the image, but the simulator does not run programs');
    expect(curl.notes).toContain('network tool');
    const gcc = await t.type('gcc --version');
    expect(gcc.notes).toContain('compiler');
  });

  it("answers a missing program in the shell's own words", async () => {
    const dash = await inside('FROM python:3.9\n');
    const missing = await dash.type('nmap localhost');
    expect(missing.status).toBe(127);
    expect(missing.err).toBe('sh: 1: nmap: not found\n');
    const ash = await inside('FROM python:3.9-alpine\n');
    expect((await ash.type('curl x')).err).toBe('sh: curl: not found\n');
    const bash = await inside('FROM python:3.9\n', 'bash');
    expect((await bash.type('nmap')).err).toBe('bash: nmap: command not found\n');
    expect((await bash.type('cd /nowhere')).err).toBe('bash: cd: /nowhere: No such file or directory\n');
  });

  it('runs as the image’s USER, in its WORKDIR, with its ENV, and the prompt shows it', async () => {
    const t = await inside(
      'FROM python:3.9-alpine\nRUN adduser -D app\nWORKDIR /srv\nENV MODE=production\nUSER app\n',
    );
    expect((await t.type('whoami')).out).toBe('app\n');
    expect((await t.type('id')).out).toMatch(/^uid=1000\(app\) gid=1000\(app\) groups=1000\(app\)\n$/);
    expect((await t.type('pwd')).out).toBe('/srv\n');
    expect((await t.type('echo $MODE $HOME')).out).toBe('production /home/app\n');
    const prompt = await t.type('cd ~');
    expect(prompt.prompt).toBe('~ $ ');
    const env = (await t.type('env')).out;
    expect(env.split('\n')[0]).toMatch(/^PATH=/);
    expect(env).toContain('HOSTNAME=');
    expect(env).toContain('MODE=production\n');
  });

  it('lists, finds and sizes files with ls, find and du', async () => {
    const t = await inside('FROM python:3.9-alpine\nWORKDIR /app\nCOPY requirements.txt .\n');
    expect((await t.type('ls')).out).toBe('requirements.txt\n');
    const long = (await t.type('ls -la')).out;
    expect(long).toMatch(/^total \d+\n/);
    expect(long).toMatch(/\n-rw-r--r-- +1 root root +13 requirements\.txt\n/);
    expect((await t.type('find / -name requirements.txt')).out).toBe('/app/requirements.txt\n');
    expect((await t.type('find /app -type f')).out).toBe('/app/requirements.txt\n');
    expect((await t.type('du -sh /app')).out).toBe('8.0K\t/app\n');
    expect((await t.type('ls /nope')).err).toBe('ls: /nope: No such file or directory\n');
  });

  it('changes files in the container only: a new container starts from the image again', async () => {
    const t = await inside('FROM python:3.9-alpine\nWORKDIR /app\n');
    await t.type('touch made-here && mkdir -p dir');
    expect((await t.type('ls')).out).toBe('dir  made-here\n');
    await t.type('exit');
    await t.type('docker run --rm -it img sh');
    expect((await t.type('ls')).out).toBe('');
  });

  it('keeps a nested shell in the first one, and runs sh -c', async () => {
    const t = await inside('FROM python:3.9-alpine\n');
    const nested = await t.type('sh');
    expect(nested.notes).toContain('keeps you in the first');
    expect((await t.type('sh -c "echo nested"')).out).toBe('nested\n');
  });

  it('ends the container on exit, with the status given', async () => {
    const t = await inside('FROM python:3.9-alpine\n');
    const exited = await t.type('exit 3');
    expect(exited.status).toBe(3);
    expect(exited.prompt).toBe('$ ');
  });

  it('completes in the shell QA opened: commands on the image’s PATH and paths in its tree', async () => {
    const t = terminal();
    expect((await t.type('docker build -t app .')).status).toBe(0);
    expect((await t.type('docker run --rm -it app sh')).answer.place.kind).toBe('container');
    const commands = t.session.complete('l');
    expect(commands.start).toBe(0);
    expect(commands.candidates).toEqual(expect.arrayContaining(['ln', 'ls', 'lsblk']));
    expect(t.session.complete('cd /usr/l')).toEqual({
      start: 3,
      candidates: ['/usr/lib/', '/usr/lib64/', '/usr/libexec/', '/usr/local/'],
    });
    await t.type('exit');
    expect(t.session.complete('l').candidates).toEqual(['ls']);
  });

  it('completes commands from PATH and paths from the working directory', async () => {
    const t = await inside('FROM python:3.9-alpine\nWORKDIR /app\nCOPY requirements.txt .\n');
    expect(t.session.complete('whic').candidates).toContain('which');
    expect(t.session.complete('cat req')).toEqual({ start: 4, candidates: ['requirements.txt'] });
    expect(t.session.complete('ls /us')).toEqual({ start: 3, candidates: ['/usr/'] });
    // A command starts after $( , a backquote, a pipe or ; too, with or without a blank.
    expect(t.session.complete('echo $(whic').candidates).toContain('which');
    expect(t.session.complete('echo `whic').candidates).toContain('which');
    expect(t.session.complete('ls|whic')).toMatchObject({
      start: 3,
      candidates: expect.arrayContaining(['which']),
    });
    expect(t.session.complete('cat req;whic').candidates).toContain('which');
  });
});

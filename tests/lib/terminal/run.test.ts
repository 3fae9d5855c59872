/** docker run: the run check's verdict in Docker's words, shells in the image, commands, the app. */
import { describe, expect, it } from 'vitest';
import { exampleContext, terminal, withFile } from './fixture.ts';

const python = () => exampleContext('python-app', 'python-single-stage.Dockerfile');
const goScratch = () => exampleContext('go-app', 'go-scratch.Dockerfile');

describe('docker run', () => {
  it('opens an interactive shell with -it, as the image’s user in its WORKDIR', async () => {
    const t = terminal(python());
    await t.type('docker build -q -t app .');
    const opened = await t.type('docker run --rm -it app bash');
    expect(opened.status).toBe(0);
    expect(opened.text).toBe('');
    expect(opened.prompt).toMatch(/^root@[0-9a-f]{12}:\/app# $/);
    expect(opened.answer.place).toMatchObject({ kind: 'container', image: 'app', user: 'root', cwd: '/app' });
    expect((await t.type('pwd')).out).toBe('/app\n');
    const exited = await t.type('exit');
    expect(exited.prompt).toBe('$ ');
    expect(exited.answer.place).toEqual({ kind: 'host' });
  });

  it('prints the output of sh -c and of the commands the simulator runs, then exits', async () => {
    const t = terminal(python());
    await t.type('docker build -q -t app .');
    expect((await t.type('docker run --rm app sh -c "cd / && ls -d usr"')).out).toBe('usr\n');
    const id = await t.type('docker run --rm app id');
    expect(id.out).toBe('uid=0(root) gid=0(root) groups=0(root)\n');
    expect(id.prompt).toBe('$ ');
    expect((await t.type('docker run --rm app cat requirements.txt')).out).toBe('flask==3.1.2\n');
  });

  it('says the app starts, and on which port, without pretending to show its output', async () => {
    const t = terminal(goScratch());
    await t.type('docker build -q -t go-scratch .');
    const ran = await t.type('docker run --rm go-scratch');
    expect(ran.status).toBe(0);
    expect(ran.out).toBe('');
    expect(ran.notes).toContain('The container starts: ./app runs as app in /usr/app.');
    expect(ran.notes).toContain('8080/tcp');
    expect(ran.notes).toContain('runs no programs');
  });

  it('passes a shell to an ENTRYPOINT as an argument, and fails --entrypoint sh where there is no shell', async () => {
    const t = terminal(goScratch());
    await t.type('docker build -q -t go-scratch .');
    const argument = await t.type('docker run -it go-scratch sh');
    expect(argument.notes).toContain('is passed to it as arguments');
    expect(argument.notes).toContain('--entrypoint sh go-scratch');
    const noShell = await t.type('docker run --rm -it --entrypoint sh go-scratch');
    expect(noShell.status).toBe(127);
    expect(noShell.err).toBe(
      'docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "sh": executable file not found in $PATH: unknown.\n\nRun \'docker run --help\' for more information\n',
    );
  });

  it('prints the program’s own error when it cannot start: a missing C library, a missing script', async () => {
    const cgo = terminal(
      withFile(
        goScratch(),
        'Dockerfile',
        'FROM golang:1 AS builder\nWORKDIR /src\nCOPY . .\nRUN go build -o /app\nFROM scratch\nCOPY --from=builder /app /app\nENTRYPOINT ["/app"]\n',
      ),
    );
    await cgo.type('docker build -q -t cgo .');
    const linked = await cgo.type('docker run --rm cgo');
    expect(linked.err).toBe('exec /app: no such file or directory\n');
    expect(linked.notes).toMatch(/dynamically linked/);
    const multi = terminal(exampleContext('python-app', 'python-multi-stage.Dockerfile'));
    await multi.type('docker build -q -t python-multi .');
    const script = await multi.type('docker run --rm python-multi');
    expect(script.err).toBe(
      "python: can't open file '/app/./server.py': [Errno 2] No such file or directory\n",
    );
    expect(script.status).toBe(2);
  });

  it('refuses a user the image does not have, and no command at all', async () => {
    const t = terminal(python());
    await t.type('docker build -q -t app .');
    const user = await t.type('docker run --rm --user nobody-here app');
    expect(user.err).toContain(
      'docker: Error response from daemon: unable to find user nobody-here: no matching entries in passwd file.',
    );
    const empty = terminal(withFile(python(), 'Dockerfile', 'FROM scratch\nCOPY requirements.txt /\n'));
    await empty.type('docker build -q -t empty .');
    expect((await empty.type('docker run empty')).err).toContain(
      'docker: Error response from daemon: no command specified.',
    );
  });

  it('pulls an image it does not have from the catalog, and refuses one nobody has', async () => {
    const t = terminal(python());
    const pulled = await t.type('docker run --rm -it alpine sh');
    expect(pulled.err).toBe("Unable to find image 'alpine:latest' locally\n");
    expect(pulled.out).toContain('latest: Pulling from library/alpine');
    expect(pulled.out).toContain('Status: Downloaded newer image for alpine:latest');
    expect(pulled.prompt).toBe('/ # ');
    await t.type('exit');
    const missing = await t.type('docker run nope');
    expect(missing.status).toBe(125);
    expect(missing.err).not.toContain('pull access denied');
    expect(missing.notes).toContain("simulator: Not in this simulator's catalog: nope:latest");
  });

  it('notes that a shell without -i exits at once, and that -d keeps nothing running', async () => {
    const t = terminal(python());
    await t.type('docker build -q -t app .');
    const quiet = await t.type('docker run --rm app sh');
    expect(quiet.text).not.toContain('$ ');
    expect(quiet.notes).toContain('without -i');
    const detached = await t.type('docker run -d app');
    expect(detached.out).toMatch(/^[0-9a-f]{64}\n$/);
  });

  it('answers flag mistakes as the docker CLI does, and stops reading flags at the image', async () => {
    const t = terminal(python());
    await t.type('docker build -q -t app .');
    const flag = await t.type('docker run --nope app');
    expect(flag.status).toBe(125);
    expect(flag.err).toBe(
      "unknown flag: --nope\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' for more information\n",
    );
    expect((await t.type('docker run -x app')).err).toContain("unknown shorthand flag: 'x' in -x");
    expect((await t.type('docker run --user')).err).toContain('flag needs an argument: --user');
    expect((await t.type('docker run')).err).toContain("docker: 'docker run' requires at least 1 argument");
    // After IMAGE everything is the container's: ls gets -la.
    expect((await t.type('docker run --rm app ls -la')).out).toContain('requirements.txt');
  });
});

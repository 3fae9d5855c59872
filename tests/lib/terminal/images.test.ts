/** docker images, history, inspect, pull, tag, rmi and ps, and dive's summary. */
import { describe, expect, it } from 'vitest';
import { exampleContext, terminal } from './fixture.ts';

const python = () => exampleContext('python-app', 'python-single-stage.Dockerfile');

describe('the images of a terminal', () => {
  it('lists what was built, newest first, with a dangling image after a tag moves', async () => {
    const t = terminal(python());
    expect((await t.type('docker images')).out).toBe('REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n');
    await t.type('docker build -q -t app .');
    await t.type('docker build -q -t app --build-arg X=1 .');
    const listed = (await t.type('docker images')).out.split('\n');
    expect(listed[0]).toMatch(/^REPOSITORY {3}TAG {7}IMAGE ID {7}CREATED +SIZE$/);
    expect(listed[1]).toMatch(/^app {10}latest {4}[0-9a-f]{12} {3}.* ago +1\.1GB$/);
    expect(listed[2]).toMatch(/^<none> +<none> +[0-9a-f]{12} /);
    expect((await t.type('docker images app')).out.split('\n')).toHaveLength(3);
    expect((await t.type('docker images -q')).out).toMatch(/^([0-9a-f]{12}\n){2}$/);
  });

  it("shows the history newest first, with BuildKit's CREATED BY and Docker's sizes", async () => {
    const t = terminal(python());
    await t.type('docker build -q -t app .');
    const shown = await t.type('docker history app');
    const rows = shown.out.split('\n');
    // The SIZE column is the simulator's byte count, not real Docker's blocks: the note says so.
    expect(shown.notes).toMatch(/^SIZE: the bytes of each layer's files \(containerd image store\)/m);
    expect(rows[0]).toMatch(/^IMAGE +CREATED +CREATED BY +SIZE +COMMENT$/);
    expect(rows[1]).toMatch(
      /^[0-9a-f]{12} +.* ago +CMD \[ "python", "\.\/example\.py" \] +0B +buildkit\.dockerfile\.v0$/,
    );
    expect(rows[3]).toMatch(
      /^<missing> +.* +RUN \/bin\/sh -c pip install -r requirements\.t… +\d\.\d+MB +buildkit\.dockerfile\.v0$/,
    );
    expect(rows.at(-2)).toMatch(/^<missing> +N\/A +# debian\.sh .* +119MB$/);
    expect((await t.type('docker history --no-trunc app')).out).toContain(
      'RUN /bin/sh -c pip install -r requirements.txt # buildkit',
    );
    expect((await t.type('docker history nope')).err).toBe(
      'Error response from daemon: No such image: nope:latest\n',
    );
  });

  it('inspects the configuration as JSON and reads fields with -f', async () => {
    const t = terminal(exampleContext('go-app', 'go-scratch.Dockerfile'));
    await t.type('docker build -q -t go-scratch .');
    const json = JSON.parse((await t.type('docker inspect go-scratch')).out);
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({
      RepoTags: ['go-scratch:latest'],
      Config: {
        User: 'app',
        ExposedPorts: { '8080/tcp': {} },
        Entrypoint: ['./app'],
        Cmd: null,
        WorkingDir: '/usr/app',
      },
      Architecture: 'amd64',
      Os: 'linux',
    });
    expect(json[0].Id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(json[0].RootFS.Layers).toHaveLength(3);
    expect(
      (
        await t.type(
          "docker inspect -f '{{.Config.User}} {{.Config.Entrypoint}} {{json .Config.ExposedPorts}}' go-scratch",
        )
      ).out,
    ).toBe('app [./app] {"8080/tcp":{}}\n');
    expect((await t.type("docker inspect -f '{{.Config.Nope}}' go-scratch")).out).toBe('<no value>\n');
    const missing = await t.type('docker inspect nope');
    expect(missing.out).toBe('[]\n');
    expect(missing.err).toBe('Error: No such object: nope\n');
    expect(missing.status).toBe(1);
  });

  it('pulls from the catalog, tags and removes images', async () => {
    const t = terminal(python());
    const pulled = await t.type('docker pull python:3.9-alpine');
    expect(pulled.out).toContain('3.9-alpine: Pulling from library/python\n');
    expect(pulled.out).toMatch(
      /Digest: sha256:[0-9a-f]{64}\nStatus: Downloaded newer image for python:3\.9-alpine\ndocker\.io\/library\/python:3\.9-alpine\n$/,
    );
    expect((await t.type('docker pull python:3.9-alpine')).out).toContain(
      'Status: Image is up to date for python:3.9-alpine',
    );
    // No data on nope is no proof it does not exist: the simulator says so as a note, not as Docker.
    const nope = await t.type('docker pull nope:1');
    expect(nope.status).toBe(1);
    expect(nope.err).toBe('');
    expect(nope.notes).toContain("simulator: Not in this simulator's catalog: nope:1 ");
    // A tag the official library never had is Docker's own error.
    expect((await t.type('docker pull golang:1.99')).err).toBe(
      'Error response from daemon: manifest for golang:1.99 not found: manifest unknown: manifest unknown\n',
    );
    // An alias that moved on since the catalog's data is pulled as a stand-in, and the note says so.
    expect((await t.type('docker pull python:3.11-slim')).notes).toContain(
      'python:3.11-slim points to python:3.11.16-slim today',
    );
    // The newest releases are the catalog's own data: no note, and docker images lists their sizes.
    expect((await t.type('docker pull golang:1')).notes).toBe('');
    await t.type('docker pull python:3.12-slim');
    await t.type('docker pull ghcr.io/astral-sh/uv:latest');
    const listed = (await t.type('docker images')).out;
    expect(listed).toMatch(/\npython +3\.12-slim +[0-9a-f]{12} +N\/A +119MB\n/);
    expect(listed).toMatch(/\nghcr\.io\/astral-sh\/uv +latest +[0-9a-f]{12} +N\/A +27\.1MB\n/);
    expect(listed).toMatch(/\ngolang +1 +[0-9a-f]{12} +N\/A +885MB\n/);
    expect((await t.type('docker tag python:3.9-alpine mine:v1')).status).toBe(0);
    expect((await t.type('docker images mine')).out).toMatch(/\nmine +v1 +[0-9a-f]{12} +N\/A +5\d\.\dMB\n/);
    expect((await t.type('docker tag python:3.9-alpine Mine')).err).toContain(
      'repository name must be lowercase',
    );
    const removed = await t.type('docker rmi mine:v1');
    expect(removed.out).toBe('Untagged: mine:v1\n');
    const gone = await t.type('docker rmi python:3.9-alpine');
    expect(gone.out).toMatch(/^Untagged: python:3\.9-alpine\nDeleted: sha256:[0-9a-f]{64}\n$/);
    expect((await t.type('docker rmi python:3.9-alpine')).err).toBe(
      'Error response from daemon: No such image: python:3.9-alpine\n',
    );
  });

  it('summarises an image as dive does', async () => {
    const t = terminal(python());
    await t.type('docker build -q -t app .');
    const dived = await t.type('dive app');
    expect(dived.out).toContain('Image: app:latest');
    expect(dived.out).toMatch(/ {2}efficiency: \d+\.\d{4} %\n/);
    expect(dived.out).toMatch(/ {2}wastedBytes: \d+ bytes \(.+\)\n/);
    expect(dived.out).toMatch(/ {2}userWastedPercent: \d+\.\d{4} %\n/);
    expect(dived.out).toContain('Largest layers');
    expect((await t.type('dive nope')).status).toBe(1);
  });

  it('lists no containers, since none keeps running', async () => {
    const t = terminal(python());
    const ps = await t.type('docker ps');
    expect(ps.out).toBe('CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n');
  });
});

/** docker build in the terminal: BuildKit's plain progress, the layer cache across edits, errors. */
import { describe, expect, it } from 'vitest';
import { exampleContext, terminal, withFile } from './fixture.ts';

const python = () => exampleContext('python-app', 'python-single-stage.Dockerfile');

describe('docker build', () => {
  it("prints BuildKit's plain progress and names the image", async () => {
    const t = terminal(python());
    const ran = await t.type('docker build -t app .');
    expect(ran.status).toBe(0);
    expect(ran.out).toContain('#0 building with "default" instance using docker driver');
    expect(ran.out).toContain('[internal] load build definition from Dockerfile');
    expect(ran.out).toContain('[internal] load metadata for docker.io/library/python:3.9');
    expect(ran.out).toMatch(/#\d+ \[1\/5\] FROM docker\.io\/library\/python:3\.9\n/);
    expect(ran.out).toMatch(/#\d+ \[2\/5\] WORKDIR \/app\n#\d+ DONE/);
    expect(ran.out).toMatch(/#\d+ \[4\/5\] RUN pip install -r requirements\.txt\n#\d+ DONE/);
    expect(ran.out).toMatch(/#\d+ naming to docker\.io\/library\/app done/);
    expect(ran.out).toMatch(/#\d+ writing image sha256:[0-9a-f]{64} done/);
    expect(ran.out).not.toContain('CACHED');
  });

  it('shows which steps come from the cache after an edit, as the layer-caching lesson needs', async () => {
    const t = terminal(python());
    await t.type('docker build -t app .');
    const again = await t.type('docker build -t app .');
    expect(again.out.match(/CACHED/g)).toHaveLength(4);
    const source = t.files.files.find((file) => file.path === 'src/example.py')?.content ?? '';
    t.setFiles(withFile(t.files, 'src/example.py', `${source}\n# a change\n`));
    const edited = await t.type('docker build -t app .');
    expect(edited.out).toMatch(/\[2\/5\] WORKDIR \/app\n#\d+ CACHED/);
    expect(edited.out).toMatch(/\[3\/5\] COPY requirements\.txt \.\n#\d+ CACHED/);
    expect(edited.out).toMatch(/\[4\/5\] RUN pip install -r requirements\.txt\n#\d+ CACHED/);
    expect(edited.out).toMatch(/\[5\/5\] COPY src\/ \.\n#\d+ DONE/);
  });

  it('runs every step again with --no-cache, and the editor’s own builds do not warm this cache', async () => {
    const t = terminal(python());
    await t.type('docker build -t app .');
    const fresh = await t.type('docker build --no-cache -t app .');
    expect(fresh.out).not.toContain('CACHED');
  });

  it('names stages in a multi-stage build and counts each stage’s steps', async () => {
    const t = terminal(exampleContext('go-app', 'go-scratch.Dockerfile'));
    const ran = await t.type('docker build -t go-scratch .');
    expect(ran.status).toBe(0);
    expect(ran.out).toContain('[builder 1/5] FROM docker.io/library/golang:1');
    expect(ran.out).toContain('[builder 5/5] RUN CGO_ENABLED=0 go build');
    // FROM scratch is no step of its own.
    expect(ran.out).toContain('[stage-1 1/3] WORKDIR /usr/app');
    expect(ran.out).toContain('[stage-1 3/3] COPY --from=builder /etc/passwd /etc/passwd');
    expect(ran.out).toContain('1 warning found (use docker --debug to expand):');
    expect(ran.out).toContain("- FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)");
  });

  it('builds --target and --build-arg as asked', async () => {
    const t = terminal(
      withFile(
        python(),
        'Dockerfile',
        'ARG BASE=python:3.9-alpine\nFROM ${BASE} AS one\nRUN touch /one\nFROM one AS two\nRUN touch /two\n',
      ),
    );
    const target = await t.type('docker build --target one -t one .');
    expect(target.out).toContain('[one 2/2] RUN touch /one');
    expect(target.out).not.toContain('touch /two');
    const arg = await t.type('docker build --build-arg BASE=alpine:3.22 -t two .');
    expect(arg.out).toContain('load metadata for docker.io/library/alpine:3.22');
  });

  it("stops at a failing RUN with BuildKit's error and the lines around it", async () => {
    const t = terminal(
      withFile(
        python(),
        'Dockerfile',
        'FROM alpine:3.22\nWORKDIR /app\nRUN apt-get install -y curl\nCOPY . .\n',
      ),
    );
    const ran = await t.type('docker build -t broken .');
    expect(ran.status).toBe(1);
    expect(ran.out).toMatch(
      /#\d+ \[3\/4\] RUN apt-get install -y curl\n#\d+ \/bin\/sh: apt-get: not found\n#\d+ ERROR: process "\/bin\/sh -c apt-get install -y curl" did not complete successfully: exit code: 127/,
    );
    expect(ran.out).toContain(' > [3/4] RUN apt-get install -y curl:\n/bin/sh: apt-get: not found\n');
    expect(ran.out).toContain(
      'Dockerfile:3\n--------------------\n   1 |     FROM alpine:3.22\n   2 |     WORKDIR /app\n   3 | >>> RUN apt-get install -y curl\n   4 |     COPY . .\n   5 |     \n--------------------\n',
    );
    expect(ran.err).toBe(
      'ERROR: failed to solve: process "/bin/sh -c apt-get install -y curl" did not complete successfully: exit code: 127\n',
    );
    expect(ran.notes).toContain('apk');
    expect((await t.type('docker images')).out).not.toContain('broken');
  });

  it('reports a missing COPY source, a parse error and an unknown base image in Docker’s words', async () => {
    const missing = terminal(withFile(python(), 'Dockerfile', 'FROM python:3.9-alpine\nCOPY server.py .\n'));
    expect((await missing.type('docker build .')).err).toBe(
      'ERROR: failed to solve: failed to compute cache key: "/server.py": not found\n',
    );
    const parse = terminal(withFile(python(), 'Dockerfile', 'FROM alpine:3.22\nRUNN echo hi\n'));
    const parsed = await parse.type('docker build .');
    expect(parsed.err).toBe(
      'ERROR: failed to solve: dockerfile parse error on line 2: unknown instruction: RUNN (did you mean RUN?)\n',
    );
    expect(parsed.out).toContain('   2 | >>> RUNN echo hi');
    const unknown = terminal(withFile(python(), 'Dockerfile', 'FROM python:3.9-alpne\n'));
    const image = await unknown.type('docker build .');
    expect(image.status).toBe(1);
    expect(image.out).toContain('ERROR: docker.io/library/python:3.9-alpne: not found');
    expect(image.err).toMatch(
      /^ERROR: failed to solve: python:3\.9-alpne: failed to resolve source metadata for docker\.io\/library\/python:3\.9-alpne: docker\.io\/library\/python:3\.9-alpne: not found/,
    );
  });

  it('answers usage mistakes as docker buildx does', async () => {
    const t = terminal(python());
    expect((await t.type('docker build')).err).toContain(
      'ERROR: "docker buildx build" requires exactly 1 argument.',
    );
    expect((await t.type('docker build --nope .')).err).toContain('ERROR: unknown flag: --nope');
    expect((await t.type('docker build -t App .')).err).toBe(
      'ERROR: invalid tag "App": repository name must be lowercase\n',
    );
    expect((await t.type('docker build src')).err).toBe(
      'ERROR: unable to prepare context: path "src" not found\n',
    );
    expect((await t.type('docker build -f Other.Dockerfile .')).err).toContain(
      'failed to read dockerfile: open Other.Dockerfile: no such file or directory',
    );
    const help = await t.type('docker build --help');
    expect(help.out).toContain('Usage:  docker buildx build [OPTIONS] PATH | URL | -');
    expect(help.out).toContain('--target');
  });

  it('runs the build checks alone with --check, and prints only the ID with -q', async () => {
    const t = terminal(exampleContext('go-app', 'go-scratch.Dockerfile'));
    const check = await t.type('docker build --check .');
    expect(check.out).toContain('Check complete, 1 warning has been found!');
    expect(check.out).toContain(
      'WARNING: FromAsCasing - https://docs.docker.com/go/dockerfile/rule/from-as-casing/',
    );
    expect(check.out).toContain('   1 | >>> FROM golang:1 as builder');
    expect(check.out).not.toContain('exporting to image');
    const clean = terminal(python());
    expect((await clean.type('docker build --check .')).out).toBe('Check complete, no warnings found.\n');
    const quiet = await clean.type('docker build -q -t app .');
    expect(quiet.out).toMatch(/^sha256:[0-9a-f]{64}\n$/);
  });

  it('fails a plain build under # check=error=true, as BuildKit does before any step runs', async () => {
    const text = '# check=error=true\nFROM python:3.9-slim as base\nCMD python app.py\n';
    const t = terminal(withFile(python(), 'Dockerfile', text));
    const ran = await t.type('docker build -t app .');
    expect(ran.status).toBe(1);
    expect(ran.out).toContain(' 2 warnings found (use docker --debug to expand):\n');
    expect(ran.out).toContain(' - FromAsCasing: ');
    expect(ran.out).toMatch(/Dockerfile:2\n-+\n/);
    expect(ran.out).not.toMatch(/\[1\/1\] FROM/);
    expect(ran.err).toMatch(
      /^ERROR: failed to solve: lint violation found for rules: (FromAsCasing, JSONArgsRecommended|JSONArgsRecommended, FromAsCasing)\n$/,
    );
    expect((await t.type('docker images app')).out.split('\n')).toHaveLength(2);
    // Skipping the rules the file breaks lets the same build through.
    t.setFiles(
      withFile(
        python(),
        'Dockerfile',
        `# check=skip=FromAsCasing,JSONArgsRecommended;error=true\n${text.split('\n').slice(1).join('\n')}`,
      ),
    );
    expect((await t.type('docker build -t app .')).status).toBe(0);
  });
});

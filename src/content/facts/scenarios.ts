/**
 * The builds the lessons talk about, by name. Lessons never type a size or an outcome: they name
 * a scenario and a fact (`<Fact of="go-scratch" show="size" />`) and the engine computes it when
 * the site is built. `expect` records what real Docker does with the same Dockerfile and where
 * that is known from; the facts test holds the engine to it.
 */

export interface Scenario {
  readonly title: string;
  /**
   * The Dockerfile: a path under src/content (the brief's examples, an exercise's files), with
   * `edits` (exact text → replacement, each of which must occur) applied in order, or inline text.
   */
  readonly dockerfile:
    | { readonly file: string; readonly edits?: readonly (readonly [from: string, to: string])[] }
    | { readonly text: string };
  /** The example application under src/content/examples that is the build context. */
  readonly app: 'python-app' | 'go-app';
  /** Context files that replace or add to the app's. */
  readonly files?: Readonly<Record<string, string>>;
  /** What real Docker does, with the source of each fact. */
  readonly expect: {
    readonly starts: boolean;
    /** The first words of the error `docker run` prints, when it does not start. */
    readonly runError?: string;
    /** Bounds on the image size in bytes, as `docker images` shows it. */
    readonly size?: readonly [min: number, max: number];
    readonly source: string;
  };
}

const BRIEF = 'the course brief (../shared/seed/minimal-containers.md)';
const NUMPY_REQUIREMENTS = 'flask==3.1.2\nnumpy==2.0.2\n';

export const SCENARIOS = {
  'python-single': {
    title: 'The single-stage Python image on python:3.9',
    dockerfile: { file: 'examples/python-single-stage.Dockerfile' },
    app: 'python-app',
    expect: {
      starts: true,
      // python:3.9 (3.9.25-trixie) is 1.1 GB in `docker images`; Flask adds a few MB.
      size: [1.05e9, 1.15e9],
      source: `${BRIEF}; python:3.9 image size from research/images.md (Docker Hub, linux/amd64)`,
    },
  },
  'python-multi': {
    title: 'The multi-stage Python image, as written',
    dockerfile: { file: 'examples/python-multi-stage.Dockerfile' },
    app: 'python-app',
    expect: {
      starts: false,
      runError: "python: can't open file '/app/./server.py': [Errno 2] No such file or directory",
      size: [50e6, 60e6],
      source: `${BRIEF}: the context has src/example.py, not server.py; CPython's message for a missing script`,
    },
  },
  'python-multi-fixed': {
    title: 'The multi-stage Python image, fixed, on python:3.14',
    dockerfile: { file: 'exercises/fix-python-multi-stage/solution/Dockerfile' },
    app: 'python-app',
    expect: {
      starts: true,
      size: [50e6, 60e6],
      source:
        'python:3.14-alpine is 47.8 MB (docker-library/repo-info repos/python/local/3.14-alpine.md); Flask adds about 4 MB',
    },
  },
  'python-alpine-nonroot': {
    title: 'Python 3.14 on Alpine, installed for every user, run as app',
    dockerfile: { file: 'exercises/python-under-60mb/solution/Dockerfile' },
    app: 'python-app',
    expect: { starts: true, size: [50e6, 60e6], source: 'as python-multi-fixed, with a user added' },
  },
  'python-numpy-alpine': {
    title: 'numpy installed on Debian, run on Alpine (the walkthrough, fixed, on python:3.9)',
    // The brief's file with its two mistakes fixed, still on 3.9 as the lesson's walkthrough is:
    // numpy 2.0.2 is the last numpy with 3.9 wheels.
    dockerfile: {
      file: 'examples/python-multi-stage.Dockerfile',
      edits: [
        ['./server.py', './example.py'],
        ['PATH=/root/.local:', 'PATH=/root/.local/bin:'],
      ],
    },
    app: 'python-app',
    files: { 'requirements.txt': NUMPY_REQUIREMENTS, 'src/example.py': 'import numpy\nimport flask\n' },
    expect: {
      starts: false,
      runError: 'ImportError',
      source:
        'numpy 2.0.2 ships manylinux (glibc) wheels for Linux; its compiled core cannot load with musl, and numpy raises ImportError',
    },
  },
  'go-single': {
    title: 'The single-stage Go image on golang:1',
    dockerfile: { file: 'examples/go-single-stage.Dockerfile' },
    app: 'go-app',
    expect: {
      starts: true,
      size: [0.85e9, 1.1e9],
      source: `${BRIEF}; golang:1 image size from research/images.md (Docker Hub, linux/amd64)`,
    },
  },
  'go-scratch': {
    title: 'The two-stage Go image from scratch',
    dockerfile: { file: 'examples/go-scratch.Dockerfile' },
    app: 'go-app',
    expect: {
      starts: true,
      size: [4e6, 8e6],
      source: `${BRIEF}: a stripped static net/http server is a few MB (measured with Go 1.25)`,
    },
  },
  'go-scratch-unstripped': {
    title: 'The scratch image without -ldflags="-s -w"',
    dockerfile: {
      text: [
        'FROM golang:1 as builder',
        'RUN groupadd -r app && useradd --no-log-init -r -g app app',
        'WORKDIR /usr/src/app',
        'COPY . ./',
        'RUN CGO_ENABLED=0 go build -o bin/app',
        '',
        'FROM scratch',
        'WORKDIR /usr/app',
        'COPY --from=builder /usr/src/app/bin/app ./',
        'COPY --from=builder /etc/passwd /etc/passwd',
        'USER app',
        'EXPOSE 8080',
        'ENTRYPOINT ["./app"]',
        '',
      ].join('\n'),
    },
    app: 'go-app',
    expect: {
      starts: true,
      size: [6e6, 11e6],
      source:
        'the symbol table and DWARF data are roughly a third of a small Go binary (measured with Go 1.25)',
    },
  },
  'go-scratch-cgo': {
    title: 'The scratch image without CGO_ENABLED=0',
    dockerfile: { file: 'exercises/go-scratch-starts/starter/Dockerfile' },
    app: 'go-app',
    expect: {
      starts: false,
      runError: 'exec /usr/app/app: no such file or directory',
      source:
        'runc reports ENOENT for a missing ELF interpreter; golang:1 has gcc, so cgo is on and the binary links glibc',
    },
  },
  'go-alpine-runtime': {
    title: 'A static Go binary on alpine:3.24',
    dockerfile: { file: 'exercises/remove-the-toolbox/starter/Dockerfile' },
    app: 'go-app',
    expect: {
      starts: true,
      size: [12e6, 20e6],
      source:
        "alpine:3.24 is about 8.4 MB uncompressed (its packages' installed sizes); the binary adds about 8 MB",
    },
  },
  'go-distroless': {
    title: 'The Go binary on distroless static, non-root',
    dockerfile: { file: 'exercises/remove-the-toolbox/solution/Dockerfile' },
    app: 'go-app',
    expect: {
      starts: true,
      size: [6e6, 10e6],
      source: 'gcr.io/distroless/static-debian13 is about 2 MB; the binary about 5 MB',
    },
  },
  'go-smallest': {
    title: 'One static, stripped binary in scratch',
    dockerfile: { file: 'exercises/smallest-go-image/solution/Dockerfile' },
    app: 'go-app',
    expect: { starts: true, size: [4e6, 6e6], source: 'as go-scratch, without /etc/passwd' },
  },
  'cache-order-bad': {
    title: 'Sources copied before the install',
    dockerfile: { file: 'exercises/cache-friendly-order/starter/Dockerfile' },
    app: 'python-app',
    expect: { starts: true, source: 'a COPY of the whole context before pip install' },
  },
  'cache-order-good': {
    title: 'The requirements copied first',
    dockerfile: { file: 'exercises/cache-friendly-order/solution/Dockerfile' },
    app: 'python-app',
    expect: { starts: true, source: 'the dependency manifest copied before the sources' },
  },
  'delete-later': {
    title: 'Cleaning up in a later layer',
    dockerfile: {
      text: [
        'FROM debian:bookworm-slim',
        'RUN apt-get update && apt-get install -y --no-install-recommends curl',
        'RUN rm -rf /var/lib/apt/lists/*',
        'CMD ["curl", "--version"]',
        '',
      ].join('\n'),
    },
    app: 'go-app',
    expect: { starts: true, source: 'apt lists are written by apt-get update; a later rm only hides them' },
  },
  'delete-same-layer': {
    title: 'Cleaning up in the same layer',
    dockerfile: {
      text: [
        'FROM debian:bookworm-slim',
        'RUN apt-get update && apt-get install -y --no-install-recommends curl \\',
        '    && rm -rf /var/lib/apt/lists/*',
        'CMD ["curl", "--version"]',
        '',
      ].join('\n'),
    },
    app: 'go-app',
    expect: { starts: true, source: 'the lists never reach a layer' },
  },
} as const satisfies Record<string, Scenario>;

export type ScenarioId = keyof typeof SCENARIOS;

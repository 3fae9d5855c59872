/** go build against the golang images and the measured size model. */
import { describe, expect, it } from 'vitest';
import type { BuildResult } from '../../../src/lib/build/result.ts';
import { simulateBuild } from '../../../src/lib/build/simulate.ts';
import { lstat } from '../../../src/lib/fs/tree.ts';
import { committedCatalog, committedPackages } from '../images/catalog-fixture.ts';
import { text } from './shell-fixture.ts';

const APP = {
  'go.mod': 'module example.com/app\n\ngo 1.22\n',
  'main.go':
    'package main\n\nimport (\n\t"log"\n\t"net/http"\n)\n\nfunc main() { log.Fatal(http.ListenAndServe(":8080", nil)) }\n',
};
const HELLO = {
  'go.mod': 'module example.com/hello\n',
  'main.go': 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n',
};

async function build(dockerfile: string, files: Record<string, string> = APP): Promise<BuildResult> {
  return simulateBuild({
    dockerfile,
    context: { files: Object.entries(files).map(([path, content]) => ({ path, content })) },
    catalog: await committedCatalog(),
    packages: committedPackages(),
  });
}

const node = (result: BuildResult, path: string) => {
  const tree = result.stages.at(-1)?.tree;
  return tree ? lstat(tree, path) : undefined;
};

describe('go build', () => {
  it('links a net/http server dynamically against glibc when cgo is on by default (golang:1 has gcc)', async () => {
    const result = await build('FROM golang:1\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app\n');
    expect(node(result, '/out/app')).toMatchObject({
      kind: 'file',
      mode: 0o755,
      exec: { kind: 'elf', linkage: 'dynamic', interpreter: '/lib64/ld-linux-x86-64.so.2' },
    });
    expect(node(result, '/root/.cache/go-build')).toMatchObject({ kind: 'dir' });
  });

  it('tells the learner in the step what it built and where the size comes from, in plain words', async () => {
    const result = await build(
      'FROM golang:1\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /app\n',
    );
    const narrative = result.steps.map((step) => step.narrative).join('\n');
    expect(narrative).toContain(
      'go build wrote /app (5.8 MB, statically linked, stripped with -s -w); its size is measured by building the same program with Go 1.26.11.',
    );
  });

  it('builds static with CGO_ENABLED=0, and on golang:1-alpine, which has no C compiler', async () => {
    const off = await build('FROM golang:1\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app\n');
    expect(node(off, '/app')).toMatchObject({ exec: { kind: 'elf', linkage: 'static' } });
    const alpine = await build('FROM golang:1-alpine\nWORKDIR /src\nCOPY . .\nRUN go build -o /app\n');
    expect(node(alpine, '/app')).toMatchObject({ exec: { kind: 'elf', linkage: 'static' } });
  });

  it('sizes binaries from measurements: a server about 8 MB, about 5.5 MB stripped, a fmt program smaller', async () => {
    const size = async (command: string, files = APP) => {
      const found = node(
        await build(`FROM golang:1\nWORKDIR /src\nCOPY . .\nRUN ${command}\n`, files),
        '/app',
      );
      return found?.kind === 'file' ? found.size : 0;
    };
    const plain = await size('CGO_ENABLED=0 go build -o /app');
    const stripped = await size('CGO_ENABLED=0 go build -ldflags="-s -w" -o /app');
    const hello = await size('CGO_ENABLED=0 go build -o /app', HELLO);
    expect(plain).toBeGreaterThan(7e6);
    expect(plain).toBeLessThan(9.5e6);
    expect(stripped).toBeGreaterThan(4.5e6);
    expect(stripped).toBeLessThan(6.5e6);
    expect(hello).toBeLessThan(plain);
  });

  it('names the binary after the module and writes into a directory output', async () => {
    const result = await build(
      'FROM golang:1\nWORKDIR /src\nCOPY . .\nRUN mkdir /out && go build -o /out/ && go build\n',
    );
    expect(node(result, '/out/app')).toMatchObject({ kind: 'file' });
    expect(node(result, '/src/app')).toMatchObject({ kind: 'file' });
  });

  it('fails without go.mod, in the go command’s words', async () => {
    const result = await build('FROM golang:1\nWORKDIR /src\nCOPY main.go .\nRUN go build\n');
    expect(result.error).toMatchObject({
      code: 'build/command-failed',
      message:
        "go: go.mod file not found in current directory or any parent directory; see 'go help modules'",
    });
  });
});

const DIR = 'FROM golang:1\nWORKDIR /src\nCOPY . .\n';
const CGO_OFF = 'ENV CGO_ENABLED=0\n';
const ADHOC = {
  'main.go': 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println(hi()) }\n',
  'util.go': 'package main\n\nfunc hi() string { return "hi" }\n',
};
const MULTI = {
  'go.mod': 'module example.com/mod\n\ngo 1.22\n',
  'cmd/a/main.go': 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("a") }\n',
  'cmd/b/main.go': 'package main\n\nimport "os"\n\nfunc main() { os.Exit(0) }\n',
  'internal/lib/lib.go': 'package lib\n\nfunc X() int { return 1 }\n',
  'cmd/tagged/main.go': '//go:build foo\n\npackage main\n\nfunc main() {}\n',
};
const GIN = {
  'go.mod':
    'module example.com/api\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.9.1\n\nrequire github.com/google/uuid v1.6.0 // indirect\n',
  'go.sum':
    'github.com/gin-gonic/gin v1.9.1 h1:4idEAncQnU5cB7BeOkPtxjfCSye0AAm1R0RVIqJ+Jmg=\ngithub.com/gin-gonic/gin v1.9.1/go.mod h1:hPrL7YrpYKXt5YId3A/Tnip5kqbEAP+KLuI3SUcPTeU=\ngithub.com/google/uuid v1.6.0 h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=\ngithub.com/google/uuid v1.6.0/go.mod h1:TIyPZe4MgqvfeYDBFedMoGGpEw/LqOeaOT+nhxU+yHo=\ngithub.com/stretchr/testify v1.8.3/go.mod h1:sz/lmYIOXD/1dqDmKjjqLyZ2RngseejIcXlSw2iwfAo=\n',
  'main.go':
    'package main\n\nimport "github.com/gin-gonic/gin"\n\nfunc main() {\n\tr := gin.Default()\n\tr.Run(":8080")\n}\n',
};
const sizeAt = (result: BuildResult, path: string) => {
  const found = node(result, path);
  return found?.kind === 'file' ? found.size : undefined;
};
/** The failing step's output: the go command's whole message (the build error keeps its last line). */
const failure = (result: BuildResult) => {
  expect(result.error?.code).toBe('build/command-failed');
  return result.steps.at(-1)?.narrative ?? '';
};

// Every expectation below is what Go 1.24 did in scripts/packages/go-modules/behave.txt.
describe('go build with named files and ad-hoc packages', () => {
  it('builds Docker’s multi-stage example (go build -o /bin/hello ./main.go, no go.mod) and runs it from scratch', async () => {
    const result = await build(
      'FROM golang:1 AS build\nWORKDIR /src\nCOPY main.go .\nRUN go build -o /bin/hello ./main.go\n\nFROM scratch\nCOPY --from=build /bin/hello /bin/hello\nCMD ["/bin/hello"]\n',
      { 'main.go': HELLO['main.go'] },
    );
    expect(result.error).toBeNull();
    expect(node(result, '/bin/hello')).toMatchObject({
      kind: 'file',
      exec: { kind: 'elf', linkage: 'static' },
    });
    // the fmt program, measured with Go 1.26: 2,397,449 bytes with cgo on, 2,397,465 with CGO_ENABLED=0
    expect([2_397_449, 2_397_465]).toContain(sizeAt(result, '/bin/hello'));
  });

  it('names the binary after the first file, and writes into an -o directory', async () => {
    const result = await build(
      `${DIR}RUN go build main.go util.go && go build util.go main.go && go build -o app ./main.go ./util.go && mkdir out && go build -o out/ main.go util.go\n`,
      ADHOC,
    );
    for (const path of ['/src/main', '/src/util', '/src/app', '/src/out/main'])
      expect(node(result, path), path).toMatchObject({ kind: 'file', mode: 0o755 });
  });

  it('fails without go.mod for ., no arguments and ./..., each in the go command’s words', async () => {
    const message = async (args: string) => failure(await build(`${DIR}RUN go build ${args}\n`, ADHOC));
    const noMod =
      "go: go.mod file not found in current directory or any parent directory; see 'go help modules'";
    expect(await message('.')).toContain(noMod);
    expect(await message('')).toContain(noMod);
    expect(await message('./...')).toContain(
      'pattern ./...: directory prefix . does not contain main module or its selected dependencies',
    );
    expect(await message('nosuch.go')).toContain(
      "no required module provides package nosuch.go: go.mod file not found in current directory or any parent directory; see 'go help modules'",
    );
    expect(await message('main.go /other/x.go')).toContain('stat /other/x.go: no such file or directory');
  });

  it('refuses -ldflags=-s -w unquoted: the shell splits it and -w is no build flag (exit 2)', async () => {
    const result = await build(`${DIR}RUN go build -ldflags=-s -w main.go util.go\n`, ADHOC);
    expect(failure(result)).toContain(
      "flag provided but not defined: -w\nusage: go build [-o output] [build flags] [packages]\nRun 'go help build' for details.",
    );
    expect(failure(result)).toContain('exit code: 2');
    const quoted = await build(
      `${DIR}${CGO_OFF}RUN go build -ldflags="-s -w" -o /app main.go util.go\n`,
      ADHOC,
    );
    expect(sizeAt(quoted, '/app')).toBe(1_589_410);
  });
});

describe('go build and go install in a module with several packages', () => {
  it('./... compiles without writing; -o dir/ writes each command; -o file is an error', async () => {
    const none = await build(`${DIR}RUN go build ./... && ls a b 2>/dev/null; test ! -e a\n`, MULTI);
    expect(none.error).toBeNull();
    const dir = await build(`${DIR}RUN go build -o bin/ ./...\n`, MULTI);
    expect(node(dir, '/src/bin/a')).toMatchObject({ kind: 'file' });
    expect(node(dir, '/src/bin/b')).toMatchObject({ kind: 'file' });
    expect(node(dir, '/src/bin/lib')).toBeUndefined();
    expect(failure(await build(`${DIR}RUN go build -o app ./...\n`, MULTI))).toContain(
      'go: cannot write multiple packages to non-directory app',
    );
  });

  it('./cmd/a writes a; a library writes nothing; the root without .go files has "no Go files"', async () => {
    const result = await build(`${DIR}RUN go build ./cmd/a && go build ./internal/lib\n`, MULTI);
    expect(node(result, '/src/a')).toMatchObject({ kind: 'file' });
    expect(node(result, '/src/lib')).toBeUndefined();
    expect(failure(await build(`${DIR}RUN go build\n`, MULTI))).toContain('no Go files in /src');
  });

  it('honours //go:build tags: excluded without -tags, built with it', async () => {
    expect(failure(await build(`${DIR}RUN go build ./cmd/tagged\n`, MULTI))).toContain(
      'package example.com/mod/cmd/tagged: build constraints exclude all Go files in /src/cmd/tagged',
    );
    const tagged = await build(`${DIR}RUN go build -tags foo ./cmd/tagged\n`, MULTI);
    expect(node(tagged, '/src/tagged')).toMatchObject({ kind: 'file' });
  });

  it('go install ./... puts every command in $GOPATH/bin (/go/bin in the golang images), or $GOBIN', async () => {
    const result = await build(`${DIR}RUN go install ./...\n`, MULTI);
    expect(node(result, '/go/bin/a')).toMatchObject({ kind: 'file' });
    expect(node(result, '/go/bin/b')).toMatchObject({ kind: 'file' });
    const gobin = await build(`${DIR}RUN GOBIN=/usr/local/bin go install ./cmd/a\n`, MULTI);
    expect(node(gobin, '/usr/local/bin/a')).toMatchObject({ kind: 'file' });
  });
});

describe('modules: go install pkg@version, go mod download, vendor/', () => {
  it('installs github.com/mailhog/MailHog@latest into /go/bin with a size it calls estimated', async () => {
    const result = await build('FROM golang:1\nRUN go install github.com/mailhog/MailHog@latest\n');
    expect(result.error).toBeNull();
    expect(node(result, '/go/bin/MailHog')).toMatchObject({ kind: 'file', mode: 0o755 });
    const step = result.steps.at(-1);
    expect(step?.certainty.level).toBe('estimated');
    expect(step?.narrative).toContain('has no data for');
  });

  it('asks for a version outside a module, as the go command does', async () => {
    const result = await build('FROM golang:1\nWORKDIR /x\nRUN go install example.com/x\n');
    expect(failure(result)).toContain(
      "go: 'go install' requires a version when current directory is not in a module\n\tTry 'go install example.com/x@latest' to install the latest version",
    );
  });

  it('go mod download fills /go/pkg/mod from go.mod and go.sum, estimated, named as the cache names them', async () => {
    const result = await build(`${DIR}RUN go mod download\n`, GIN);
    const gin = '/go/pkg/mod/cache/download/github.com/gin-gonic/gin/@v';
    for (const file of ['v1.9.1.info', 'v1.9.1.mod', 'v1.9.1.zip', 'v1.9.1.ziphash', 'v1.9.1.lock'])
      expect(node(result, `${gin}/${file}`), file).toMatchObject({ kind: 'file' });
    expect(node(result, '/go/pkg/mod/github.com/gin-gonic/gin@v1.9.1')).toMatchObject({
      kind: 'dir',
      mode: 0o555,
    });
    expect(node(result, '/go/pkg/mod/github.com/google/uuid@v1.6.0')).toMatchObject({ kind: 'dir' });
    // testify is only in go.sum for its go.mod: only that file is fetched
    expect(
      node(result, '/go/pkg/mod/cache/download/github.com/stretchr/testify/@v/v1.8.3.mod'),
    ).toBeDefined();
    expect(node(result, '/go/pkg/mod/github.com/stretchr/testify@v1.8.3')).toBeUndefined();
    const layer = result.steps.at(-1);
    expect(layer?.certainty.level).toBe('estimated');
    expect(layer?.sizeDelta ?? 0).toBeGreaterThan(500_000);
  });

  it('go mod download with no requirements fetches nothing and says so on stderr, without failing', async () => {
    const result = await build(`${DIR}RUN go mod download\n`, HELLO);
    expect(result.error).toBeNull();
    expect(node(result, '/go/pkg/mod')).toBeUndefined();
  });

  it('leaves nothing in the layer under a cache mount on /go/pkg/mod', async () => {
    const result = await build(`${DIR}RUN --mount=type=cache,target=/go/pkg/mod go mod download\n`, GIN);
    expect(node(result, '/go/pkg/mod/github.com/gin-gonic/gin@v1.9.1')).toBeUndefined();
  });

  it('sizes a gin server from the measured library, far above the standard library alone', async () => {
    const result = await build(`${DIR}${CGO_OFF}RUN go build -o /app .\n`, GIN);
    expect(result.error).toBeNull();
    const size = sizeAt(result, '/app') ?? 0;
    // measured 11,445,468 bytes with Go 1.24 (12.4 MB scaled to 1.26); a net/http server is 8.4 MB
    expect(size).toBeGreaterThan(11.5e6);
    expect(size).toBeLessThan(13.5e6);
    // the build fetched the module it needed
    expect(node(result, '/go/pkg/mod/github.com/gin-gonic/gin@v1.9.1')).toMatchObject({ kind: 'dir' });
  });

  it('fails on an import go.sum has no hash for, as the go command does', async () => {
    const result = await build(`${DIR}RUN go build .\n`, { ...GIN, 'go.sum': '' });
    expect(failure(result)).toContain(
      'main.go:3:8: missing go.sum entry for module providing package github.com/gin-gonic/gin (imported by example.com/api); to add:\n\tgo get example.com/api',
    );
  });

  it('builds from vendor/ when vendor/modules.txt matches go.mod, and says where it is inconsistent', async () => {
    const vend = {
      'go.mod': 'module example.com/vend\n\ngo 1.22\n\nrequire github.com/google/uuid v1.6.0\n',
      'vendor/modules.txt': '# github.com/google/uuid v1.6.0\n## explicit\ngithub.com/google/uuid\n',
      'vendor/github.com/google/uuid/uuid.go': 'package uuid\n',
      'main.go':
        'package main\n\nimport (\n\t"fmt"\n\n\t"github.com/google/uuid"\n)\n\nfunc main() { fmt.Println(uuid.New().String()) }\n',
    };
    const ok = await build(`${DIR}RUN go build -o /app .\n`, vend);
    expect(ok.error).toBeNull();
    expect(node(ok, '/go/pkg/mod')).toBeUndefined();
    const stale = await build(`${DIR}RUN go build -o /app .\n`, {
      ...vend,
      'vendor/modules.txt': '# github.com/google/uuid v1.5.0\n## explicit\ngithub.com/google/uuid\n',
    });
    expect(failure(stale)).toContain(
      'go: inconsistent vendoring in /src:\n\tgithub.com/google/uuid@v1.6.0: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt\n\tgithub.com/google/uuid@v1.5.0: is marked as explicit in vendor/modules.txt, but not explicitly required in go.mod\n\n\tTo ignore the vendor directory, use -mod=readonly or -mod=mod.\n\tTo sync the vendor directory, run:\n\t\tgo mod vendor',
    );
  });
});

describe('cgo defaults and build modes', () => {
  it('cgo is off on golang:1-alpine (no gcc) and on with gcc; a CC that is set keeps it on', async () => {
    const env = async (image: string, prefix = '') => {
      const result = await build(`FROM ${image}\nRUN ${prefix}go env CGO_ENABLED > /cgo\n`);
      return text(result, '/cgo');
    };
    expect(await env('golang:1-alpine')).toBe('0\n');
    expect(await env('golang:1')).toBe('1\n');
    expect(await env('golang:1', 'CC=nope ')).toBe('1\n');
  });

  it('a net program fails with a CC that is not there, in cgo’s words', async () => {
    const result = await build(`${DIR}RUN CC=nope go build -o /app .\n`);
    expect(failure(result)).toContain(
      '# runtime/cgo\ncgo: C compiler "nope" not found: exec: "nope": executable file not found in $PATH',
    );
  });

  it('-buildmode=pie is a dynamically linked executable; c-shared and c-archive write a library and a header', async () => {
    const lib = {
      'lib.go':
        'package main\n\nimport "C"\n\n//export Add\nfunc Add(a, b C.int) C.int { return a + b }\n\nfunc main() {}\n',
    };
    const pie = await build(`${DIR}RUN go build -buildmode=pie -o /pie main.go util.go\n`, ADHOC);
    expect(node(pie, '/pie')).toMatchObject({ exec: { kind: 'elf', linkage: 'dynamic' } });
    const shared = await build(
      `${DIR}RUN go build -buildmode=c-shared -o libadd.so lib.go && go build -buildmode=c-archive lib.go\n`,
      lib,
    );
    expect(node(shared, '/src/libadd.so')).toMatchObject({ exec: { kind: 'elf', linkage: 'shared' } });
    expect(sizeAt(shared, '/src/libadd.h')).toBe(1676);
    expect(node(shared, '/src/lib.a')).toMatchObject({ kind: 'file' });
    expect(node(shared, '/src/lib.h')).toMatchObject({ kind: 'file' });
    const off = await build(`${DIR}RUN CGO_ENABLED=0 go build -buildmode=c-archive -o x.a lib.go\n`, lib);
    expect(failure(off)).toContain('go: no Go source files');
  });
});

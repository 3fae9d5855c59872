/** go build against the golang images and the measured size model. */
import { describe, expect, it } from 'vitest';
import type { BuildResult } from '../../../src/lib/build/result.ts';
import { simulateBuild } from '../../../src/lib/build/simulate.ts';
import { lstat } from '../../../src/lib/fs/tree.ts';
import { committedCatalog, committedPackages } from '../images/catalog-fixture.ts';

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

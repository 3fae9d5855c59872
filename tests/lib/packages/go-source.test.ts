/** Package clauses, imports and build constraints as the go command reads them. */
import { describe, expect, it } from 'vitest';
import { evaluateConstraint, fileIncluded, parseGoFile } from '../../../src/lib/packages/go-source.ts';

const linux = { goos: 'linux', goarch: 'amd64', cgo: true, tags: [] as string[] };

describe('.go file headers', () => {
  it('reads the package, the imports (named, blank, in blocks) and the //go:build line', () => {
    const header = parseGoFile(
      '// Package x.\n//go:build linux && !nope\n\npackage main\n\nimport "fmt"\nimport (\n\tlog "log"\n\t_ "github.com/lib/pq"\n)\n\nfunc main() { fmt.Println("import \\"no\\"") }\n',
    );
    expect(header).toEqual({
      packageName: 'main',
      imports: ['fmt', 'log', 'github.com/lib/pq'],
      constraint: 'linux && !nope',
    });
  });

  it('has no header without a package clause', () => {
    expect(parseGoFile('// nothing here\n')).toBeUndefined();
  });
});

describe('build constraints', () => {
  it('evaluates tags, GOOS, unix, cgo and parentheses', () => {
    expect(evaluateConstraint('linux && amd64', linux)).toBe(true);
    expect(evaluateConstraint('windows || (unix && !cgo)', linux)).toBe(false);
    expect(evaluateConstraint('integration', linux)).toBe(false);
    expect(evaluateConstraint('integration', { ...linux, tags: ['integration'] })).toBe(true);
  });

  it('drops _windows/_arm64 files, tests, and cgo files when cgo is off', () => {
    const plain = { packageName: 'main', imports: [] };
    expect(fileIncluded('x_windows.go', plain, linux)).toBe(false);
    expect(fileIncluded('x_linux_arm64.go', plain, linux)).toBe(false);
    expect(fileIncluded('x_linux.go', plain, linux)).toBe(true);
    expect(fileIncluded('x_test.go', plain, linux)).toBe(false);
    const cgoFile = { packageName: 'main', imports: ['C'] };
    expect(fileIncluded('x.go', cgoFile, linux)).toBe(true);
    expect(fileIncluded('x.go', cgoFile, { ...linux, cgo: false })).toBe(false);
  });
});

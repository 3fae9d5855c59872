/** go.mod, go.sum and the module cache's names, against what the go command does with them. */
import { describe, expect, it } from 'vitest';
import {
  defaultExecName,
  escapeModulePath,
  moduleOf,
  modulesToDownload,
  parseGoMod,
  parseGoSum,
} from '../../../src/lib/packages/go-modules.ts';

const GO_MOD = `module example.com/app

go 1.22

require (
\tgithub.com/gin-gonic/gin v1.9.1
\tgithub.com/google/uuid v1.6.0 // indirect
)

require golang.org/x/sys v0.20.0 // indirect

replace example.com/local => ../local
`;

const GO_SUM = `github.com/gin-gonic/gin v1.9.1 h1:4idEAncQnU5cB7BeOkPtxjfCSye0AAm1R0RVIqJ+Jmg=
github.com/gin-gonic/gin v1.9.1/go.mod h1:hPrL7YrpYKXt5YId3A/Tnip5kqbEAP+KLuI3SUcPTeU=
github.com/google/uuid v1.6.0 h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=
github.com/google/uuid v1.6.0/go.mod h1:TIyPZe4MgqvfeYDBFedMoGGpEw/LqOeaOT+nhxU+yHo=
golang.org/x/sys v0.20.0 h1:Od9JTbYCk261bKm4M/mw7AklTlFYIa0bIp9BgSm1S8Y=
golang.org/x/sys v0.20.0/go.mod h1:/VUhepiaJMQUp4+oa/7Zr1D23ma6VTLIYjOOTFZPUcA=
github.com/stretchr/testify v1.8.3/go.mod h1:sz/lmYIOXD/1dqDmKjjqLyZ2RngseejIcXlSw2iwfAo=
`;

describe('go.mod and go.sum', () => {
  it('reads the module path, the go version, every require and local replaces', () => {
    const mod = parseGoMod(GO_MOD);
    expect(mod.path).toBe('example.com/app');
    expect(mod.go).toBe('1.22');
    expect(mod.requires.map((r) => `${r.path}@${r.version}`)).toEqual([
      'github.com/gin-gonic/gin@v1.9.1',
      'github.com/google/uuid@v1.6.0',
      'golang.org/x/sys@v0.20.0',
    ]);
    expect(mod.localReplaces).toEqual(['example.com/local']);
  });

  it('tells zip hashes from go.mod-only hashes', () => {
    const sum = parseGoSum(GO_SUM);
    expect(sum.zips).toHaveLength(3);
    expect(sum.mods).toHaveLength(4);
  });

  it('downloads what go.mod requires at go 1.17+, every zip in go.sum before (go help mod download)', () => {
    const sum = parseGoSum(`${GO_SUM}example.com/old v1.0.0 h1:abc=\n`);
    expect(modulesToDownload(parseGoMod(GO_MOD), sum)).toHaveLength(3);
    const old = parseGoMod(GO_MOD.replace('go 1.22', 'go 1.16'));
    expect(modulesToDownload(old, sum).map((m) => m.path)).toContain('example.com/old');
  });
});

describe('module cache and binary names', () => {
  it('escapes upper case as the module cache does (!lower)', () => {
    expect(escapeModulePath('github.com/BurntSushi/toml')).toBe('github.com/!burnt!sushi/toml');
    expect(escapeModulePath('github.com/mailhog/MailHog')).toBe('github.com/mailhog/!mail!hog');
  });

  it('names a binary after the last path element, skipping a major-version suffix', () => {
    expect(defaultExecName('github.com/mailhog/MailHog')).toBe('MailHog');
    expect(defaultExecName('example.com/app/cmd/server')).toBe('server');
    expect(defaultExecName('github.com/urfave/cli/v2')).toBe('cli');
  });

  it('finds the module a package belongs to by the longest prefix', () => {
    const modules = ['github.com/prometheus/client_golang', 'github.com/prometheus/client_golang/exp'];
    expect(moduleOf('github.com/prometheus/client_golang/prometheus/promhttp', modules)).toBe(
      'github.com/prometheus/client_golang',
    );
    expect(moduleOf('github.com/prometheus/common', modules)).toBeUndefined();
  });
});

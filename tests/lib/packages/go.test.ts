import { describe, expect, it } from 'vitest';
import { committedPackages } from './packages-fixture.ts';

const SERVER = ['log', 'net/http'];

describe('Go binaries', () => {
  it('gives the measured sizes of the course server', async () => {
    const go = await committedPackages().go();
    // golang:1 has gcc, so cgo is on and net/http links against glibc
    const dynamic = go.binary({ imports: SERVER, stripped: false, cgo: true });
    expect(dynamic).toMatchObject({ basis: 'measured', linkage: 'dynamic', from: 'net-http' });
    expect(dynamic.size).toBeGreaterThan(8_000_000);
    const scratch = go.binary({ imports: SERVER, stripped: true, cgo: false });
    expect(scratch).toMatchObject({ basis: 'measured', linkage: 'static' });
    expect(scratch.size).toBeGreaterThan(5_000_000);
    expect(scratch.size).toBeLessThan(6_500_000);
  });

  it('records linkage, interpreter and libraries of the dynamic builds', async () => {
    const go = await committedPackages().go();
    const m = go.data.measurements.find(
      (x) => x.program === 'net-http' && x.linkage === 'dynamic' && x.ldflags === '',
    );
    expect(m?.interpreter).toBe('/lib64/ld-linux-x86-64.so.2');
    expect(m?.libraries?.some((l) => l.startsWith('libc.so.6'))).toBe(true);
    expect(m?.file).toMatch(/dynamically linked/);
    const hello = go.data.measurements.find((x) => x.program === 'fmt' && x.cgo && x.ldflags === '');
    expect(hello?.linkage).toBe('static');
  });

  it('models unmeasured programs between the measurements they combine', async () => {
    const go = await committedPackages().go();
    const imports = ['encoding/json', 'log', 'net/http', 'os/user', 'time'];
    const est = go.binary({ imports, stripped: false, cgo: false });
    expect(est.basis).toBe('model');
    const server = go.binarySize({ imports: SERVER, stripped: false, cgo: false });
    expect(est.size).toBeGreaterThan(server);
    expect(est.size).toBeLessThan(server * (1 + go.data.model.maxError) + 2_000_000);
    expect(go.binarySize({ imports, stripped: true, cgo: false })).toBeLessThan(est.size * 0.7);
    expect(go.data.model.maxError).toBeLessThan(0.1);
  });

  it('says which imports it had to estimate, and which libraries it measured', async () => {
    const go = await committedPackages().go();
    const est = go.binary({
      imports: ['github.com/gin-gonic/gin', 'github.com/labstack/echo/v4', 'net/http'],
      stripped: false,
      cgo: false,
    });
    expect(est.estimatedImports).toEqual(['github.com/labstack/echo/v4']);
    expect(est.modules).toEqual(['github.com/gin-gonic/gin']);
  });

  it('sizes programs with third-party libraries within the checked error of real builds', async () => {
    const go = await committedPackages().go();
    const { programs, model } = go.modules;
    // Each single-library program is reproduced by its own measurement (scaled to go.json's Go).
    const scale =
      go.binarySize({ imports: ['fmt'], stripped: false, cgo: false }) / go.modules.buildModes.exe;
    for (const p of programs.filter((x) => !x.program.startsWith('combo-'))) {
      const predicted = go.binarySize({ imports: p.imports, stripped: false, cgo: false });
      expect(Math.abs(predicted - p.size * scale) / (p.size * scale)).toBeLessThan(0.02);
    }
    // Combinations are predicted from the single-library measurements, within the recorded error.
    for (const p of programs.filter((x) => x.program.startsWith('combo-'))) {
      const predicted = go.binarySize({ imports: p.imports, stripped: false, cgo: false });
      expect(Math.abs(predicted - p.size * scale) / (p.size * scale)).toBeLessThanOrEqual(
        model.maxError + 0.01,
      );
    }
    expect(model.maxError).toBeLessThan(0.15);
    // A gin server measured 11.4 MB (Go 1.24); the old model gave a net/http server plus 1 MB.
    const gin = go.binarySize({ imports: ['github.com/gin-gonic/gin'], stripped: false, cgo: false });
    expect(gin).toBeGreaterThan(11e6);
  });

  it('scales to arm64 and -trimpath from measured ratios', async () => {
    const go = await committedPackages().go();
    const amd64 = go.binarySize({ imports: ['encoding/json', 'flag'], stripped: false, cgo: false });
    const arm64 = go.binarySize({
      imports: ['encoding/json', 'flag'],
      stripped: false,
      cgo: false,
      goarch: 'arm64',
    });
    expect(arm64 / amd64).toBeGreaterThan(0.9);
    expect(arm64 / amd64).toBeLessThan(1);
  });

  it('sizes the build cache a cold build leaves', async () => {
    const go = await committedPackages().go();
    const server = go.buildCache({ imports: SERVER, cgo: true });
    expect(server.basis).toBe('measured');
    expect(server.bytes).toBeGreaterThan(50_000_000);
    expect(go.buildCacheSize({ imports: ['fmt'] })).toBeLessThan(server.bytes);
    expect(go.data.leftBehind.some((e) => e.path.startsWith('/root/.config/go/telemetry/local/'))).toBe(true);
  });
});

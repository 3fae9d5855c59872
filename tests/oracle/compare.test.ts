import { describe, expect, it } from 'vitest';
import type { JsonReport } from '../../src/lib/build/report.ts';
import { type ComparedFile, compareBuild } from './compare.ts';
import type { RealFile, Recording } from './recording.ts';

const realFile = (path: string, size: number): RealFile => ({
  path,
  type: 'file',
  size,
  mode: '0644',
  uid: 0,
  gid: 0,
});
const file = (path: string, size: number, mode: string | null = '0644'): ComparedFile => ({
  ...realFile(path, size),
  mode,
});

/** An apt layer over two bases whose dpkg status differs by 16 bytes (a base package updated). */
function compare(simStatus: number, simLayer: number) {
  const real = {
    ok: true,
    config: { User: '', WorkingDir: '/', Env: [], Entrypoint: null, Cmd: null, ExposedPorts: [] },
    history: [
      { createdBy: 'base', empty: false, size: 1000 },
      { createdBy: 'RUN apt-get install', empty: false, size: 2000 },
    ],
  } as unknown as Recording;
  const sim = {
    ok: true,
    image: {
      size: 1000 + simLayer,
      config: { user: '', workdir: '/', env: {}, entrypoint: null, cmd: null, exposedPorts: [] },
      layers: [
        { line: null, instruction: 'base', size: 1000 },
        { line: 2, instruction: 'RUN apt-get install', size: simLayer },
      ],
      files: [file('/var/lib/dpkg/status', simStatus), file('/var/lib/dpkg/status-old', simStatus + 31)],
    },
  } as unknown as JsonReport;
  return compareBuild({
    real,
    realFiles: [realFile('/var/lib/dpkg/status', 78_051), realFile('/var/lib/dpkg/status-old', 78_082)],
    sim,
    realBase: new Map([['/var/lib/dpkg/status', file('/var/lib/dpkg/status', 77_127)]]),
    simBase: new Map([['/var/lib/dpkg/status', file('/var/lib/dpkg/status', 77_111, null)]]),
  });
}

describe('the base-drift rule for files both sides rewrote', () => {
  it('holds dpkg status and its backup to the same growth, and the layer to that drift', () => {
    // status grew by 924 bytes on both sides; status-old follows it; the layer carries 2 × 16 bytes
    expect(compare(78_035, 2000 - 32)).toEqual([]);
  });

  it('still reports a growth that differs, and a layer off by more than the drift', () => {
    const kinds = compare(78_036, 2000 - 33).map((d) => d.kind);
    expect(kinds).toEqual(['layer-size', 'files', 'image-size']);
  });
});

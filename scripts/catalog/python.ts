/**
 * Models the official images' CPython 3.9 in /usr/local from Debian's python3.9 3.9.2 packages
 * (bullseye), mapped to the paths `make install` uses, with pip/setuptools/wheel from Debian's wheel
 * packages, and the official clean-up (no tests, no .pyc, no static library). Node-only.
 */
import type { Exec, LayerEntry } from '../../src/lib/images/format.ts';
import { readTree, zipMembers } from './layers.ts';

const X = '/var/tmp/catalog/x';
const PY = '/usr/local/bin/python3.9';

/** Debian path prefix → official path prefix. */
const MAP: [string, string, string][] = [
  ['python3.9-minimal', '/usr/bin/python3.9', '/usr/local/bin/python3.9'],
  ['libpython3.9', '/usr/lib/x86_64-linux-gnu/libpython3.9.so.1.0', '/usr/local/lib/libpython3.9.so.1.0'],
  ['libpython3.9-dev', '/usr/include/python3.9', '/usr/local/include/python3.9'],
  [
    'libpython3.9-dev',
    '/usr/include/x86_64-linux-gnu/python3.9/pyconfig.h',
    '/usr/local/include/python3.9/pyconfig.h',
  ],
  ['libpython3.9-dev', '/usr/lib/x86_64-linux-gnu/pkgconfig', '/usr/local/lib/pkgconfig'],
  ['libpython3.9-dev', '/usr/bin/x86_64-linux-gnu-python3.9-config', '/usr/local/bin/python3.9-config'],
  ['python3.9', '/usr/bin/pydoc3.9', '/usr/local/bin/pydoc3.9'],
  ['idle-python3.9', '/usr/bin/idle-python3.9', '/usr/local/bin/idle3.9'],
  ...[
    'libpython3.9-minimal',
    'libpython3.9-stdlib',
    'libpython3.9-dev',
    'python3-distutils',
    'python3-lib2to3',
    'python3-tk',
    'idle-python3.9',
    'python3.9-venv',
  ].map((p): [string, string, string] => [p, '/usr/lib/python3.9', '/usr/local/lib/python3.9']),
];

function dropped(path: string): boolean {
  return (
    /\/(test|tests|idle_test|__pycache__)(\/|$)/.test(path) ||
    /\.py[co]$/.test(path) ||
    /libpython3\.9(-pic)?\.a$/.test(path) ||
    /\/(sitecustomize\.py|dist-packages)$/.test(path) ||
    path.endsWith('/pkgconfig/python3.pc') ||
    path.endsWith('/pkgconfig/python3-embed.pc')
  );
}

/** The /usr/local python tree. `musl` swaps the ELF interpreter, as the alpine build has it. */
export function modelPython(libc: 'glibc' | 'musl'): LayerEntry[] {
  const out = new Map<string, LayerEntry>();
  const interp = libc === 'musl' ? '/lib/ld-musl-x86_64.so.1' : '/lib64/ld-linux-x86-64.so.2';
  for (const [pkg, from, to] of MAP) {
    for (const e of readTree(`${X}/${pkg}`)) {
      if (e.path !== from && !e.path.startsWith(`${from}/`)) continue;
      const path = to + e.path.slice(from.length);
      if (dropped(path) || out.has(path)) continue;
      if (e.kind === 'symlink' && (e.target ?? '').startsWith('/')) continue;
      const common = { path, mode: e.mode, uid: 0, gid: 0 };
      if (e.kind === 'dir') out.set(path, { ...common, kind: 'dir', size: 0 });
      else if (e.kind === 'symlink')
        out.set(path, { ...common, kind: 'symlink', size: 0, target: e.target ?? '' });
      else out.set(path, { ...common, kind: 'file', size: e.size, ...execFor(e.exec, interp) });
    }
  }
  // Debian links libpython into /usr/bin/python3.9; --enable-shared makes it a small launcher of
  // libpython3.9.so.1.0 instead (about 17 KB before the calibration scales it).
  const launcher = out.get(PY);
  if (launcher?.kind === 'file') out.set(PY, { ...launcher, size: 17_000 });
  const link = (path: string, target: string) =>
    out.set(path, { path, kind: 'symlink', mode: 0o777, uid: 0, gid: 0, size: 0, target });
  const script = (path: string, size: number) =>
    out.set(path, {
      path,
      kind: 'file',
      mode: 0o755,
      uid: 0,
      gid: 0,
      size,
      exec: { kind: 'script', shebang: PY },
    });
  link('/usr/local/bin/python3', 'python3.9');
  link('/usr/local/bin/python3-config', 'python3.9-config');
  link('/usr/local/bin/pydoc3', 'pydoc3.9');
  link('/usr/local/bin/idle3', 'idle3.9');
  link('/usr/local/bin/2to3', '2to3-3.9');
  script('/usr/local/bin/2to3-3.9', 101);
  link('/usr/local/lib/libpython3.9.so', 'libpython3.9.so.1.0');
  out.set('/usr/local/lib/libpython3.so', {
    path: '/usr/local/lib/libpython3.so',
    kind: 'file',
    mode: 0o755,
    uid: 0,
    gid: 0,
    size: 16048,
    exec: { kind: 'elf', linkage: 'shared' },
  });
  link('/usr/local/lib/pkgconfig/python3.pc', 'python-3.9.pc');
  link('/usr/local/lib/pkgconfig/python3-embed.pc', 'python-3.9-embed.pc');
  // ensurepip's console scripts, then `pip install setuptools wheel`
  script('/usr/local/bin/pip3', 229);
  script('/usr/local/bin/pip3.9', 229);
  script('/usr/local/bin/wheel', 220);
  const site = '/usr/local/lib/python3.9/site-packages';
  out.set(site, { path: site, kind: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 });
  const wheels: [string, string, string][] = [
    ['python3-pip-whl', 'pip-23.0.1-py3-none-any.whl', 'pip-23.0.1'],
    ['python3-setuptools-whl', 'setuptools-78.1.1-py3-none-any.whl', 'setuptools-79.0.1'],
    ['python3-wheel-whl', 'wheel-0.46.1-py3-none-any.whl', 'wheel-0.45.1'],
  ];
  for (const [pkg, file, official] of wheels) {
    for (const [name, size] of zipMembers(`${X}/${pkg}/usr/share/python-wheels/${file}`)) {
      if (name.endsWith('/') || dropped(`/${name}`)) continue;
      const renamed = name.replace(/^[a-z_]+-[0-9.]+\.dist-info\//, `${official}.dist-info/`);
      const path = `${site}/${renamed}`;
      out.set(path, { path, kind: 'file', mode: 0o644, uid: 0, gid: 0, size });
    }
  }
  return [...out.values()];
}

function execFor(exec: Exec | undefined, interp: string): { exec?: Exec } {
  if (!exec) return {};
  if (exec.kind === 'script') {
    // Debian's scripts name /usr/bin/python3.9; make install writes the /usr/local interpreter.
    return { exec: { kind: 'script', shebang: exec.shebang.replace(/^\/usr\/bin\/python3(\.9)?/, PY) } };
  }
  if (exec.linkage === 'dynamic') return { exec: { kind: 'elf', linkage: 'dynamic', interpreter: interp } };
  return { exec };
}

/** The `RUN` that creates the pip/python/idle/pydoc symlinks the Dockerfiles add last. */
export function pythonSymlinks(): LayerEntry[] {
  return [
    ['idle', 'idle3'],
    ['pip', 'pip3'],
    ['pydoc', 'pydoc3'],
    ['python', 'python3'],
    ['python-config', 'python3-config'],
  ].map(([name, target]) => ({
    path: `/usr/local/bin/${name}`,
    kind: 'symlink' as const,
    mode: 0o777,
    uid: 0,
    gid: 0,
    size: 0,
    target: target as string,
  }));
}

/** Small tar archives for the tests and the fixture script: ustar headers, pax for long names. */

export type TarInput =
  | { readonly name: string; readonly data: Uint8Array | string; readonly mode?: number }
  | { readonly name: string; readonly dir: true }
  | { readonly name: string; readonly symlink: string }
  | { readonly name: string; readonly hardlink: string };

const encoder = new TextEncoder();

function header(name: string, type: string, size: number, mode: number, link = ''): Uint8Array {
  const block = new Uint8Array(512);
  const put = (text: string, at: number) => block.set(encoder.encode(text), at);
  put(name.slice(0, 100), 0);
  put(`${mode.toString(8).padStart(7, '0')}\0`, 100);
  put('0000000\0', 108);
  put('0000000\0', 116);
  put(`${size.toString(8).padStart(11, '0')}\0`, 124);
  put('00000000000\0', 136);
  put('        ', 148);
  put(type, 156);
  put(link.slice(0, 100), 157);
  put('ustar\0', 257);
  put('00', 263);
  const sum = block.reduce((total, byte) => total + byte, 0);
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return block;
}

function padding(size: number): Uint8Array {
  return new Uint8Array((512 - (size % 512)) % 512);
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = body.length + String(body.length).length;
  if (String(length).length !== String(length - 1).length) length++;
  return `${length}${body}`;
}

export function tarOf(entries: readonly TarInput[], options: { end?: boolean } = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const entry of entries) {
    const long =
      encoder.encode(entry.name).length > 100 || ('symlink' in entry && entry.symlink.length > 100);
    if (long) {
      const records = encoder.encode(
        paxRecord('path', entry.name) + ('symlink' in entry ? paxRecord('linkpath', entry.symlink) : ''),
      );
      parts.push(header('PaxHeader', 'x', records.length, 0o644), records, padding(records.length));
    }
    if ('data' in entry) {
      const data = typeof entry.data === 'string' ? encoder.encode(entry.data) : entry.data;
      parts.push(header(entry.name, '0', data.length, entry.mode ?? 0o644), data, padding(data.length));
    } else if ('dir' in entry) parts.push(header(entry.name, '5', 0, 0o755));
    else if ('symlink' in entry) parts.push(header(entry.name, '2', 0, 0o777, entry.symlink));
    else parts.push(header(entry.name, '1', 0, 0o644, entry.hardlink));
  }
  if (options.end !== false) parts.push(new Uint8Array(1024));
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A docker-archive with one image: manifest.json, its config, and the given layer tars. */
export function dockerArchive(
  layers: readonly Uint8Array[],
  config: Record<string, unknown> = {},
  extra: readonly TarInput[] = [],
): Uint8Array {
  const history = layers.map((_, i) => ({ created_by: `RUN step ${i + 1}` }));
  const configJson = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ...config },
    rootfs: { type: 'layers', diff_ids: layers.map((_, i) => `sha256:${String(i).padStart(64, '0')}`) },
    history,
  });
  return tarOf([
    {
      name: 'manifest.json',
      data: JSON.stringify([
        {
          Config: 'config.json',
          RepoTags: ['test:latest'],
          Layers: layers.map((_, i) => `layer${i}/layer.tar`),
        },
      ]),
    },
    { name: 'config.json', data: configJson },
    ...layers.map((data, i) => ({ name: `layer${i}/layer.tar`, data })),
    ...extra,
  ]);
}

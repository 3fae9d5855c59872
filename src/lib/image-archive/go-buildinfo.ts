/**
 * Go's build information, which every Go binary since 1.18 carries after the magic
 * `\xff Go buildinf:`: the Go version, the main module and every dependency with its version,
 * what `go version -m` prints.
 */

export const GO_BUILDINFO_MAGIC = new Uint8Array([
  0xff, 0x20, 0x47, 0x6f, 0x20, 0x62, 0x75, 0x69, 0x6c, 0x64, 0x69, 0x6e, 0x66, 0x3a,
]);

export interface GoModule {
  readonly path: string;
  readonly version: string;
}

export interface GoBuildInfo {
  readonly goVersion: string;
  /** The command's package path (`path` line). */
  readonly path: string;
  readonly main?: GoModule;
  readonly deps: readonly GoModule[];
}

function uvarint(bytes: Uint8Array, at: number): [value: number, next: number] | undefined {
  let value = 0;
  let shift = 0;
  for (let i = at; i < bytes.length && i < at + 10; i++) {
    const byte = bytes[i] as number;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, i + 1];
    shift += 7;
  }
  return undefined;
}

/**
 * `bytes` starts at the magic. Go 1.18+ writes the strings inline (flag 2); older binaries point
 * into their data, which a stream cannot follow: undefined then.
 */
export function parseGoBuildInfo(bytes: Uint8Array): GoBuildInfo | undefined {
  if (bytes.length < 33 || ((bytes[15] as number) & 2) === 0) return undefined;
  const decoder = new TextDecoder();
  const version = uvarint(bytes, 32);
  if (!version || version[1] + version[0] > bytes.length) return undefined;
  const goVersion = decoder.decode(bytes.subarray(version[1], version[1] + version[0]));
  const info = uvarint(bytes, version[1] + version[0]);
  if (!info || info[1] + info[0] > bytes.length) return undefined;
  let text = decoder.decode(bytes.subarray(info[1], info[1] + info[0]));
  // The module text sits between two 16-byte sentinels.
  if (text.length >= 33) text = text.slice(16, -16);
  let path = '';
  let main: GoModule | undefined;
  const deps: GoModule[] = [];
  for (const line of text.split('\n')) {
    const [key, first = '', second = ''] = line.split('\t');
    if (key === 'path') path = first;
    else if (key === 'mod') main = { path: first, version: second };
    else if (key === 'dep') deps.push({ path: first, version: second });
    else if (key === '=>' && deps.length > 0) deps[deps.length - 1] = { path: first, version: second };
  }
  return { goVersion, path, ...(main ? { main } : {}), deps };
}

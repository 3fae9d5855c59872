/** `RUN --mount=type=cache,target=/root/.cache` options, validated with BuildKit's rules and messages. */
import { suggest } from './go-text.ts';

export type MountType = 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh';
export type CacheSharing = 'shared' | 'private' | 'locked';

export interface RunMount {
  readonly type: MountType;
  readonly from?: string;
  readonly source?: string;
  readonly target?: string;
  readonly readOnly: boolean;
  /** Bytes, for tmpfs. */
  readonly sizeLimit?: number;
  readonly id?: string;
  readonly sharing?: CacheSharing;
  readonly required: boolean;
  readonly env?: string;
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
}

const MOUNT_TYPES: readonly MountType[] = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
const SHARING: readonly CacheSharing[] = ['shared', 'private', 'locked'];
const KEYS = [
  'type',
  'from',
  'source',
  'target',
  'readonly',
  'id',
  'sharing',
  'required',
  'size',
  'mode',
  'uid',
  'gid',
  'src',
  'dst',
  'destination',
  'ro',
  'rw',
  'readwrite',
  'env',
];

export class MountError extends Error {}

function withSuggestion(message: string, value: string, options: readonly string[]): string {
  const match = suggest(value, options, true);
  return match === undefined ? message : `${message} (did you mean ${match}?)`;
}

/** Go's strconv.ParseBool. */
function parseBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

function parseUnsigned(value: string, radix: 8 | 10): number | undefined {
  const pattern = radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!pattern.test(value)) return undefined;
  const parsed = Number.parseInt(value, radix);
  return parsed <= 0xffffffff ? parsed : undefined;
}

/** docker/go-units RAMInBytes: `64m`, `1g`, `512kb`, binary multiples. */
function parseRamBytes(value: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?) ?([kmgtp])?i?b?$/i.exec(value);
  if (!match) return undefined;
  const exponent = match[2] ? 'kmgtp'.indexOf(match[2].toLowerCase()) + 1 : 0;
  return Math.trunc(Number(match[1]) * 1024 ** exponent);
}

/** One CSV record, as Go's csv reader splits it (quotes with "" escapes). */
export function csvFields(text: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length)
          throw new MountError('failed to parse csv mounts: extraneous or missing " in quoted-field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i];
        i++;
      }
      if (i < text.length && text[i] !== ',') {
        throw new MountError('failed to parse csv mounts: extraneous or missing " in quoted-field');
      }
    } else {
      const comma = text.indexOf(',', i);
      field = text.slice(i, comma === -1 ? text.length : comma);
      if (field.includes('"')) throw new MountError('failed to parse csv mounts: bare " in non-quoted-field');
      i = comma === -1 ? text.length : comma;
    }
    fields.push(field);
    if (i >= text.length) return fields;
    i++;
  }
}

type MutableMount = { -readonly [K in keyof RunMount]: RunMount[K] };

/** Parses one `--mount` value. Throws MountError with BuildKit's message when it is invalid. */
export function parseRunMount(value: string): RunMount {
  const mount: MutableMount = { type: 'bind', readOnly: true, required: false };
  let readOnlySet = false;
  for (const field of csvFields(value)) {
    const eq = field.indexOf('=');
    const key = (eq === -1 ? field : field.slice(0, eq)).toLowerCase();
    if (eq === -1) {
      if (key === 'readonly' || key === 'ro' || key === 'readwrite' || key === 'rw') {
        mount.readOnly = key === 'readonly' || key === 'ro';
        readOnlySet = true;
      } else if (key === 'required' && (mount.type === 'secret' || mount.type === 'ssh')) {
        mount.required = true;
      } else if (key === 'required') {
        throw new MountError(`unexpected key '${key}' for mount type '${mount.type}'`);
      } else {
        throw new MountError(`invalid field '${field}' must be a key=value pair`);
      }
      continue;
    }
    readOnlySet = applyField(mount, key, field.slice(eq + 1), field) || readOnlySet;
  }
  return finishMount(mount, readOnlySet);
}

/** Applies `key=value`; returns whether it set read-only or read-write explicitly. */
function applyField(mount: MutableMount, key: string, value: string, field: string): boolean {
  const invalid = () => new MountError(`invalid value for ${key}: ${value}`);
  const wrongType = () => new MountError(`unexpected key '${key}' for mount type '${mount.type}'`);
  switch (key) {
    case 'type': {
      const type = value.toLowerCase() as MountType;
      if (!MOUNT_TYPES.includes(type)) {
        throw new MountError(withSuggestion(`unsupported mount type "${value}"`, value, MOUNT_TYPES));
      }
      mount.type = type;
      return false;
    }
    case 'from':
      mount.from = value;
      return false;
    case 'source':
    case 'src':
      mount.source = value;
      return false;
    case 'target':
    case 'dst':
    case 'destination':
      mount.target = value;
      return false;
    case 'readonly':
    case 'ro':
    case 'readwrite':
    case 'rw': {
      const flag = parseBool(value);
      if (flag === undefined) throw invalid();
      mount.readOnly = key === 'readonly' || key === 'ro' ? flag : !flag;
      return true;
    }
    case 'required': {
      if (mount.type !== 'secret' && mount.type !== 'ssh') throw wrongType();
      const flag = parseBool(value);
      if (flag === undefined) throw invalid();
      mount.required = flag;
      return false;
    }
    case 'size': {
      if (mount.type !== 'tmpfs') throw wrongType();
      const size = parseRamBytes(value);
      if (size === undefined) throw invalid();
      mount.sizeLimit = size;
      return false;
    }
    case 'id':
      mount.id = value;
      return false;
    case 'sharing': {
      const sharing = value.toLowerCase() as CacheSharing;
      if (!SHARING.includes(sharing)) {
        throw new MountError(withSuggestion(`unsupported sharing value "${value}"`, value, SHARING));
      }
      mount.sharing = sharing;
      return false;
    }
    case 'mode':
    case 'uid':
    case 'gid': {
      const parsed = parseUnsigned(value, key === 'mode' ? 8 : 10);
      if (parsed === undefined) throw new MountError(`invalid value ${value} for ${key}`);
      mount[key] = parsed;
      return false;
    }
    case 'env':
      mount.env = value;
      return false;
    default:
      throw new MountError(withSuggestion(`unexpected key '${key}' in '${field}'`, key, KEYS));
  }
}

function finishMount(mount: MutableMount, readOnlySet: boolean): RunMount {
  const fileInfoAllowed = mount.type === 'secret' || mount.type === 'ssh' || mount.type === 'cache';
  if (!fileInfoAllowed) {
    for (const key of ['mode', 'uid', 'gid'] as const) {
      if (mount[key] !== undefined)
        throw new MountError(`${key} not allowed for "${mount.type}" type mounts`);
    }
  }
  if (!readOnlySet) mount.readOnly = !(mount.type === 'cache' || mount.type === 'tmpfs');
  if (mount.type === 'secret') {
    if (mount.from) throw new MountError('secret mount should not have a from');
    if (mount.sharing) throw new MountError('secret mount should not define sharing');
    if (!mount.source && !mount.target && !mount.id) {
      throw new MountError('invalid secret mount. one of source, target required');
    }
    if (mount.source && mount.id) throw new MountError("both source and id can't be set");
  }
  if (mount.sharing && mount.type !== 'cache') {
    throw new MountError(`invalid cache sharing set for ${mount.type} mount`);
  }
  return mount;
}

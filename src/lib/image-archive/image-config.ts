/** An image's config JSON (docker inspect's Config, the history, the platform) in the engine's types. */
import { type Healthcheck, type ImageConfig, SCRATCH_CONFIG } from '../build/image-config.ts';
import { ArchiveError } from './errors.ts';

export interface HistoryRecord {
  readonly created?: string;
  readonly createdBy: string;
  readonly comment?: string;
  readonly emptyLayer: boolean;
}

export interface ConfigFile {
  readonly os: string;
  readonly architecture: string;
  readonly created?: string;
  readonly config: ImageConfig;
  readonly history: readonly HistoryRecord[];
  readonly diffIds: readonly string[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const stringList = (value: unknown): string[] | null =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : null;
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function healthcheck(value: unknown): Healthcheck | undefined {
  if (!isObject(value)) return undefined;
  const test = stringList(value.Test);
  if (!test) return undefined;
  const number = (key: string) => (typeof value[key] === 'number' ? (value[key] as number) : 0);
  return {
    test,
    interval: number('Interval'),
    timeout: number('Timeout'),
    startPeriod: number('StartPeriod'),
    startInterval: number('StartInterval'),
    retries: number('Retries'),
  };
}

export function parseConfigFile(json: unknown): ConfigFile {
  if (!isObject(json) || !isObject(json.rootfs))
    throw new ArchiveError(
      'archive/bad-metadata',
      'the image config has no rootfs: it is not an image configuration',
    );
  const c = isObject(json.config) ? json.config : {};
  const check = healthcheck(c.Healthcheck);
  const config: ImageConfig = {
    ...SCRATCH_CONFIG,
    env: (stringList(c.Env) ?? []).map((entry) => {
      const eq = entry.indexOf('=');
      return eq < 0 ? ([entry, ''] as const) : ([entry.slice(0, eq), entry.slice(eq + 1)] as const);
    }),
    cmd: stringList(c.Cmd),
    entrypoint: stringList(c.Entrypoint),
    user: text(c.User),
    workdir: text(c.WorkingDir),
    exposedPorts: isObject(c.ExposedPorts) ? Object.keys(c.ExposedPorts) : [],
    labels: isObject(c.Labels)
      ? Object.fromEntries(
          Object.entries(c.Labels).filter((pair): pair is [string, string] => typeof pair[1] === 'string'),
        )
      : {},
    volumes: isObject(c.Volumes) ? Object.keys(c.Volumes) : [],
    shell: stringList(c.Shell) ?? SCRATCH_CONFIG.shell,
    onbuild: stringList(c.OnBuild) ?? [],
    ...(check ? { healthcheck: check } : {}),
    ...(typeof c.StopSignal === 'string' ? { stopSignal: c.StopSignal } : {}),
  };
  const history = (Array.isArray(json.history) ? json.history : []).filter(isObject).map(
    (row): HistoryRecord => ({
      createdBy: text(row.created_by),
      emptyLayer: row.empty_layer === true,
      ...(typeof row.created === 'string' ? { created: row.created } : {}),
      ...(typeof row.comment === 'string' ? { comment: row.comment } : {}),
    }),
  );
  return {
    os: text(json.os),
    architecture: text(json.architecture),
    ...(typeof json.created === 'string' ? { created: json.created } : {}),
    config,
    history,
    diffIds: stringList(json.rootfs.diff_ids) ?? [],
  };
}

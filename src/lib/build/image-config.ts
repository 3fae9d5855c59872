/** The image configuration a stage accumulates: what `docker inspect` shows under Config. */
import type { ImageConfig as CatalogConfig } from '../images/format.ts';

export interface Healthcheck {
  readonly test: readonly string[];
  readonly interval: number;
  readonly timeout: number;
  readonly startPeriod: number;
  readonly startInterval: number;
  readonly retries: number;
}

export interface ImageConfig {
  /** In definition order; a later ENV of the same name replaces the value in place. */
  readonly env: readonly (readonly [string, string])[];
  readonly cmd: readonly string[] | null;
  readonly entrypoint: readonly string[] | null;
  readonly user: string;
  readonly workdir: string;
  readonly exposedPorts: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly volumes: readonly string[];
  /** The shell for shell-form commands. */
  readonly shell: readonly string[];
  readonly healthcheck?: Healthcheck;
  readonly stopSignal?: string;
  /** ONBUILD triggers, run when another build starts FROM this image. */
  readonly onbuild: readonly string[];
}

export const DEFAULT_SHELL: readonly string[] = ['/bin/sh', '-c'];

export const SCRATCH_CONFIG: ImageConfig = {
  env: [['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']],
  cmd: null,
  entrypoint: null,
  user: '',
  workdir: '/',
  exposedPorts: [],
  labels: {},
  volumes: [],
  shell: DEFAULT_SHELL,
  onbuild: [],
};

export function configFromCatalog(config: CatalogConfig): ImageConfig {
  return {
    ...SCRATCH_CONFIG,
    env: config.Env.map((entry) => {
      const eq = entry.indexOf('=');
      return [entry.slice(0, eq), entry.slice(eq + 1)] as const;
    }),
    cmd: config.Cmd,
    entrypoint: config.Entrypoint,
    user: config.User,
    workdir: config.WorkingDir,
    exposedPorts: Object.keys(config.ExposedPorts),
    labels: config.Labels,
  };
}

/**
 * `docker inspect IMAGE…`: a useful part of the image's JSON (ID, tags, Config, size, layers) with
 * Docker's field names and four-space indent; `-f '{{.Config.User}}'` reads one field, as Go's
 * templates print it.
 */
import type { StageResult } from '../../build/result.ts';
import { lastValue } from '../flags.ts';
import { type StoredImage, simulatedDigest } from '../images.ts';
import { Output } from '../output.ts';
import { type DockerCommand, outcome, usageError } from './command.ts';

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

function configJson(stage: StageResult): Json {
  const config = stage.config;
  if (!config) return null;
  const labels = Object.entries(config.labels);
  return {
    User: config.user,
    ...(config.exposedPorts.length
      ? { ExposedPorts: Object.fromEntries(config.exposedPorts.map((port) => [port, {}])) }
      : {}),
    Env: config.env.map(([key, value]) => `${key}=${value}`),
    Cmd: config.cmd ? [...config.cmd] : null,
    ...(config.healthcheck
      ? {
          Healthcheck: {
            Test: [...config.healthcheck.test],
            Interval: config.healthcheck.interval,
            Timeout: config.healthcheck.timeout,
            StartPeriod: config.healthcheck.startPeriod,
            Retries: config.healthcheck.retries,
          },
        }
      : {}),
    Volumes: config.volumes.length ? Object.fromEntries(config.volumes.map((volume) => [volume, {}])) : null,
    WorkingDir: config.workdir,
    Entrypoint: config.entrypoint ? [...config.entrypoint] : null,
    OnBuild: config.onbuild.length ? [...config.onbuild] : null,
    Labels: labels.length ? Object.fromEntries(labels) : null,
    ...(config.stopSignal ? { StopSignal: config.stopSignal } : {}),
    ...(config.shell.join(' ') !== '/bin/sh -c' ? { Shell: [...config.shell] } : {}),
  };
}

export function imageJson(image: StoredImage, names: readonly string[]): Json {
  const { stage } = image;
  return {
    Id: image.id,
    RepoTags: [...names],
    RepoDigests: [],
    Parent: '',
    Comment: image.pulled ? '' : 'buildkit.dockerfile.v0',
    Created: new Date(image.created).toISOString(),
    Config: configJson(stage),
    Architecture: 'amd64',
    Os: 'linux',
    Size: stage.size ?? 0,
    RootFS: {
      Type: 'layers',
      Layers: stage.layers.map((layer, index) =>
        simulatedDigest(`${index}:${layer.createdBy}:${layer.size}`),
      ),
    },
  };
}

/** A value as Go's text/template prints it: `[a b]` for lists, `map[k:v]` for objects. */
function goText(value: Json | undefined, key: string): string {
  if (value === undefined) return '<no value>';
  if (value === null) return /^(Labels|ExposedPorts|Volumes)$/.test(key) ? 'map[]' : '[]';
  if (Array.isArray(value)) return `[${value.map((item) => goText(item, '')).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, Json>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `map[${entries.map(([k, v]) => `${k}:${goText(v, k)}`).join(' ')}]`;
  }
  return String(value);
}

/** The few Go template actions people use with inspect: `{{.A.B}}` and `{{json .A.B}}`. */
export function applyTemplate(
  template: string,
  data: Json,
): { ok: true; text: string } | { ok: false; error: string } {
  let error: string | undefined;
  const text = template.replace(/\{\{(.*?)\}\}/g, (_, inside: string) => {
    const action = /^\s*(json\s+)?\.([\w.]*)\s*$/.exec(inside);
    if (!action) {
      error ??= `template parsing error: template: :1: unexpected "${inside.trim()}" in command`;
      return '';
    }
    const path = (action[2] ?? '').split('.').filter(Boolean);
    let value: Json | undefined = data;
    for (const key of path) {
      value =
        value !== null && typeof value === 'object' && !Array.isArray(value)
          ? (value as Record<string, Json>)[key]
          : undefined;
    }
    if (action[1]) return JSON.stringify(value ?? null);
    return goText(value, path.at(-1) ?? '');
  });
  return error ? { ok: false, error } : { ok: true, text };
}

export const inspect: DockerCommand = {
  name: 'inspect',
  aliases: ['image inspect'],
  usage: 'docker inspect [OPTIONS] NAME|ID [NAME|ID...]',
  summary: 'Return low-level information on Docker objects',
  flags: [
    { long: 'format', short: 'f', value: true, help: 'Format output using a custom template' },
    { long: 'type', value: true, help: 'Only inspect objects of the given type (image)' },
  ],
  run(flags, context) {
    if (flags.positionals.length === 0)
      return usageError(inspect, '"docker inspect" requires at least 1 argument.');
    const output = new Output();
    const found: Json[] = [];
    const missing: string[] = [];
    for (const reference of flags.positionals) {
      const hit = context.images.find(reference);
      if (hit) found.push(imageJson(hit.image, context.images.namesOf(hit.image.id)));
      else missing.push(reference);
    }
    const format = lastValue(flags, 'format');
    if (format !== undefined) {
      for (const item of found) {
        const applied = applyTemplate(format, item);
        if (!applied.ok) return outcome(output.err(`${applied.error}\n`), 1);
        output.out(`${applied.text}\n`);
      }
    } else {
      output.out(`${JSON.stringify(found, null, 4)}\n`);
    }
    for (const reference of missing) output.err(`Error: No such object: ${reference}\n`);
    return outcome(output, missing.length ? 1 : 0);
  },
};

/** Base images pinned to a version: no `latest`, stated or implied. */
import type { Diagnostic, Fix } from '../diagnostic.ts';
import { finding, type Rule, replaceFix } from './rule.ts';
import { resolvedStages } from './stages.ts';

/** `name[:tag][@digest]` split as Docker reads a reference (a registry port is not a tag). */
export function splitReference(reference: string): { name: string; tag?: string; digest?: string } {
  const at = reference.indexOf('@');
  const digest = at === -1 ? undefined : reference.slice(at + 1);
  const named = at === -1 ? reference : reference.slice(0, at);
  const colon = named.lastIndexOf(':');
  const tag = colon > named.lastIndexOf('/') ? named.slice(colon + 1) : undefined;
  const name = tag === undefined ? named : named.slice(0, colon);
  return { name, ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
}

export const pinBaseImage: Rule = {
  code: 'rule/pin-base-image',
  severity: 'warning',
  title: 'Pin base images to a version tag, not latest',
  explanation:
    '`FROM alpine` means `alpine:latest`, and `latest` moves: the next build may start from a new major version with ' +
    'other packages, other paths and other vulnerabilities, and two builds of the same Dockerfile stop being ' +
    'comparable. Name the version you tested (`alpine:3.22`, `python:3.9-alpine`), or pin a digest ' +
    '(`alpine:3.22@sha256:…`) for fully reproducible builds. `scratch` and references to earlier stages have no tag ' +
    'and are fine.',
  bad: 'FROM golang:latest AS builder\nWORKDIR /src\nCOPY . .\nRUN go build -o /app\n\nFROM alpine\nCOPY --from=builder /app /app\nENTRYPOINT ["/app"]\n',
  good: 'FROM golang:1.26 AS builder\nWORKDIR /src\nCOPY . .\nRUN go build -o /app\n\nFROM alpine:3.22\nCOPY --from=builder /app /app\nENTRYPOINT ["/app"]\n',
  refs: { hadolint: ['DL3006', 'DL3007'] },
  check(input) {
    const resolved = resolvedStages(input);
    const diagnostics: Diagnostic[] = [];
    for (const stage of input.dockerfile.stages) {
      const base = resolved?.[stage.index];
      if (base === undefined || base.base.kind !== 'image') continue;
      const word = stage.from.image;
      const { name, tag, digest } = splitReference(base.reference);
      if (digest !== undefined) continue;
      // An ARG without a value leaves `name:`; UndefinedArgInFrom reports that.
      if (word.value.includes('$') && tag === '') continue;
      if (tag !== undefined && tag !== 'latest') continue;
      const built = input.build?.stages[stage.index]?.base;
      const pinned = built?.kind === 'image' ? built.resolved : undefined;
      const fixes: Fix[] =
        pinned !== undefined && !word.value.includes('$') && splitReference(pinned).tag !== 'latest'
          ? [
              replaceFix(
                `Pin to ${pinned} (what ${name}:latest is in the simulator's catalog)`,
                word.range,
                pinned,
              ),
            ]
          : [];
      const message =
        tag === undefined
          ? `Always tag the version of an image explicitly: ${name} means ${name}:latest`
          : `Using latest is prone to errors if the image will ever update: pin ${name} to a release tag`;
      diagnostics.push(
        finding(pinBaseImage, word.range, message, {
          hint: `Name the version you build and test with, e.g. ${pinned ?? `${name}:<version>`}.`,
          fixes,
        }),
      );
    }
    return diagnostics;
  },
};

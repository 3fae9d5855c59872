/** `sim inspect IMAGE.tar [--json] [--files]`: a real saved image, read as the browser reads it. */

import { openAsBlob } from 'node:fs';
import { analyzeImage } from '../../lib/analysis/analyze-image.ts';
import { toJsonReport } from '../../lib/build/report.ts';
import type { BuildResult } from '../../lib/build/result.ts';
import { KNOWN } from '../../lib/certainty.ts';
import { formatSize } from '../../lib/format-size.ts';
import { blobSource } from '../../lib/image-archive/byte-source.ts';
import { ArchiveError } from '../../lib/image-archive/errors.ts';
import { ECOSYSTEMS } from '../../lib/image-archive/packages.ts';
import { readSavedImage, type SavedImage } from '../../lib/image-archive/read-image.ts';
import { type CliCommand, type CliIo, EXIT_INVALID, EXIT_OK, EXIT_USAGE } from '../command.ts';
import { analysisReport } from './build.ts';

const USAGE = `Usage: sim inspect IMAGE.tar [--json] [--files]

Reads a saved image (docker save, podman save, or an OCI image layout tarball; layers
uncompressed, gzip or zstd) and reports what \`sim build\` reports for a built image: the layers
with their sizes as \`docker history\` counts them, the config, whether it starts, its attack
surface and dive's efficiency, plus the packages it carries.

  --json    the report as JSON (the image part of sim build's contract, plus "archive")
  --files   with --json, list every file of the image

Make the file with:  docker save -o image.tar IMAGE
`;

/** The saved image as a one-stage build result, so the build report's JSON contract applies as is. */
function asBuild(image: SavedImage): BuildResult {
  return {
    source: '',
    dockerfile: null,
    ok: true,
    error: null,
    stages: [image.stage],
    target: 0,
    // Read from the image itself: real data, nothing estimated.
    certainty: KNOWN,
    steps: [],
    diagnostics: [],
    cache: new Map(),
  };
}

function archiveJson(image: SavedImage) {
  return {
    format: image.format,
    references: image.references,
    id: image.id,
    platform: `${image.os}/${image.architecture}`,
    layers: image.layers,
    history: image.history,
    packages: { counts: image.packages.counts, packages: image.packages.packages },
    notes: image.notes,
  };
}

function textReport(image: SavedImage, analysis: ReturnType<typeof analyzeImage>): string {
  const lines = [
    `Image: ${image.references[0] ?? image.id ?? 'unnamed'} (${image.format}, ${image.os}/${image.architecture})`,
    '',
    'IMAGE LAYER  SIZE        CREATED BY',
  ];
  for (const row of [...image.history].reverse()) {
    const layer = row.layer === null ? '-' : String(row.layer + 1);
    lines.push(
      `${layer.padEnd(12)} ${formatSize(row.size).padEnd(11)} ${row.createdBy.replace(/\s+/g, ' ').slice(0, 90)}`,
    );
  }
  const size = image.stage.size ?? 0;
  lines.push(
    '',
    `Size: ${formatSize(size)} (${size.toLocaleString('en')} bytes) in ${image.layers.length} layer${image.layers.length === 1 ? '' : 's'}`,
  );
  lines.push(...analysisReport(analysis).filter((line) => line !== ''));
  const counts = ECOSYSTEMS.filter((e) => image.packages.counts[e] > 0).map(
    (e) => `${image.packages.counts[e]} ${e}`,
  );
  lines.push(`Packages:   ${counts.length ? counts.join(', ') : 'none found'}`);
  for (const note of image.notes) lines.push(`note: ${note}`);
  return `${lines.join('\n')}\n`;
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const files = args.filter((arg) => !arg.startsWith('-'));
  const unknown = args.find((arg) => arg.startsWith('-') && arg !== '--json' && arg !== '--files');
  if (unknown || files.length !== 1) {
    io.stderr(`sim inspect: ${unknown ? `unknown option ${unknown}` : 'give one image archive'}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const path = files[0] as string;
  let blob: Blob;
  try {
    blob = await openAsBlob(path);
  } catch (error) {
    io.stderr(`sim inspect: cannot read ${path}: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  let image: SavedImage;
  try {
    image = await readSavedImage(blobSource(blob));
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    io.stderr(`sim inspect: ${path}: ${error.message}\n`);
    return EXIT_INVALID;
  }
  const analysis = analyzeImage(image.stage);
  if (args.includes('--json')) {
    const {
      image: part,
      run: check,
      surface,
      efficiency,
    } = toJsonReport(asBuild(image), {
      files: args.includes('--files'),
      analysis,
    });
    io.stdout(
      `${JSON.stringify({ image: part, run: check, surface, efficiency, archive: archiveJson(image) }, null, 2)}\n`,
    );
  } else io.stdout(textReport(image, analysis));
  return EXIT_OK;
}

export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: 'read a saved image (docker save, OCI layout) and report it as sim build does',
  usage: USAGE,
  run,
};

/**
 * `docker pull IMAGE`, and the pull `docker run` does for an image that is not here: the image
 * comes from the catalog, the only registry the simulator has. Names it does not model are
 * answered as Docker Hub answers an unknown repository.
 */

import { simulateBuild } from '../../build/simulate.ts';
import { mainGaps } from '../../certainty.ts';
import { parseReference } from '../../images/reference.ts';
import { shortId } from '../format.ts';
import { checkReference, type StoredImage, simulatedDigest } from '../images.ts';
import { Output } from '../output.ts';
import { fullReference } from '../progress.ts';
import { type DockerCommand, type DockerContext, outcome, usageError } from './command.ts';

export type Pulled =
  | { readonly ok: true; readonly image: StoredImage; readonly name: string; readonly fresh: boolean }
  /** Docker's own error (a malformed name, a tag known never to have existed). */
  | { readonly ok: false; readonly message: string }
  /** The image may well exist: the simulator has no data for it, and says so in its own words. */
  | { readonly ok: false; readonly noData: string };

/** Prints a failed pull: Docker's error as Docker prints it, a gap in the data as the simulator's note. */
export function printPullFailure(
  pulled: Extract<Pulled, { ok: false }>,
  output: Output,
  prefix: string,
): void {
  if ('noData' in pulled) output.note(`simulator: ${pulled.noData}`);
  else output.err(`${prefix}Error response from daemon: ${pulled.message}\n`);
}

/** Finds an image here, or brings it from the catalog, printing what Docker prints while it pulls. */
export async function pullImage(reference: string, context: DockerContext, output: Output): Promise<Pulled> {
  const checked = checkReference(reference);
  if (!checked.ok)
    return {
      ok: false,
      message:
        checked.reason === 'lowercase'
          ? `invalid reference format: repository name (library/${reference}) must be lowercase`
          : 'invalid reference format',
    };
  const here = context.images.find(checked.name);
  if (here) return { ok: true, image: here.image, name: checked.name, fresh: false };
  const catalog = await context.catalog();
  const resolution = await catalog.lookup(checked.name);
  const repository = parseReference(checked.name)?.repository ?? checked.repository;
  const path = repository.includes('/') ? repository : `library/${repository}`;
  if (checked.repository === 'scratch') return { ok: false, message: "'scratch' is a reserved name" };
  if (!resolution.ok) {
    // Docker's words only for what the tag histories say never existed; the rest is the simulator's gap.
    const { code, message, pullMessage } = resolution.error;
    return code === 'not-in-catalog' ? { ok: false, noData: message } : { ok: false, message: pullMessage };
  }
  output.out(`${checked.tag}: Pulling from ${path}\n`);
  const result = await simulateBuild({
    dockerfile: `FROM ${checked.name}\n`,
    context: { files: [] },
    catalog,
  });
  const stage = result.stages[0];
  if (!result.ok || !stage?.tree) return { ok: false, message: result.error?.message ?? 'the pull failed' };
  const record = resolution.image;
  for (const layer of record.layers) output.out(`${shortId(simulatedDigest(layer))}: Pull complete\n`);
  const digest = record.digest?.value ?? simulatedDigest(`digest:${record.ref}`);
  output.out(
    `Digest: ${digest}\nStatus: Downloaded newer image for ${reference.includes(':') ? reference : `${reference}:latest`}\n`,
  );
  for (const gap of mainGaps(resolution.certainty)) output.note(gap.text);
  const image: StoredImage = {
    id: simulatedDigest(`image:${record.ref}`),
    stage,
    created: context.now(),
    pulled: record.ref,
  };
  context.images.add(image, [checked.name]);
  return { ok: true, image, name: checked.name, fresh: true };
}

export const pull: DockerCommand = {
  name: 'pull',
  aliases: ['image pull'],
  usage: 'docker pull [OPTIONS] NAME[:TAG|@DIGEST]',
  summary: 'Download an image from a registry',
  flags: [{ long: 'quiet', short: 'q', help: 'Suppress verbose output' }],
  async run(flags, context) {
    const [reference, ...extra] = flags.positionals;
    if (reference === undefined || extra.length > 0)
      return usageError(pull, '"docker pull" requires exactly 1 argument.');
    const output = new Output();
    const pulled = await pullImage(reference, context, flags.booleans.has('quiet') ? new Output() : output);
    if (!pulled.ok) {
      printPullFailure(pulled, output, '');
      return outcome(output, 1);
    }
    if (!pulled.fresh) {
      const checked = checkReference(pulled.name);
      const path =
        checked.ok && !checked.repository.includes('/')
          ? `library/${checked.repository}`
          : pulled.name.split(':')[0];
      output.out(`${checked.ok ? checked.tag : 'latest'}: Pulling from ${path}\n`);
      output.out(`Digest: ${simulatedDigest(`digest:${pulled.image.pulled ?? pulled.image.id}`)}\n`);
      output.out(`Status: Image is up to date for ${pulled.name}\n`);
    }
    output.out(`${fullReference(pulled.name)}\n`);
    return outcome(output);
  },
};

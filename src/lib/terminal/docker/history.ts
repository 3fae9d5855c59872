/** `docker history IMAGE`: the image's layers and metadata instructions, newest first. */

import { HISTORY_SIZE_NOTE } from '../../size-model.ts';
import { ago, dockerSize, ellipsis, shortId, table } from '../format.ts';
import { Output } from '../output.ts';
import { type DockerCommand, noSuchImage, outcome, usageError } from './command.ts';

export const history: DockerCommand = {
  name: 'history',
  aliases: ['image history'],
  usage: 'docker history [OPTIONS] IMAGE',
  summary: 'Show the history of an image',
  flags: [
    { long: 'no-trunc', help: "Don't truncate output" },
    { long: 'quiet', short: 'q', help: 'Only show image IDs' },
    { long: 'human', short: 'H', help: 'Print sizes and dates in human readable format (default true)' },
  ],
  run(flags, context) {
    const [reference, ...extra] = flags.positionals;
    if (reference === undefined || extra.length > 0)
      return usageError(history, '"docker history" requires exactly 1 argument.');
    const found = context.images.find(reference);
    if (!found) return outcome(new Output().err(noSuchImage(reference)), 1);
    const { image } = found;
    const stage = image.stage;
    const noTrunc = flags.booleans.has('no-trunc');
    const now = context.now();
    const rows = [...stage.history].reverse().map((entry, index) => {
      const layer = entry.layer === null ? undefined : stage.layers[entry.layer];
      const ours = entry.stage !== null && !image.pulled;
      const createdBy = entry.createdBy.replace(/\t/g, ' ').replace(/\n/g, ' ');
      return [
        index === 0 ? (noTrunc ? image.id : shortId(image.id)) : '<missing>',
        ours ? ago(now - image.created) : 'N/A',
        noTrunc ? createdBy : ellipsis(createdBy, 45),
        dockerSize(layer?.size ?? 0),
        ours ? 'buildkit.dockerfile.v0' : '',
      ];
    });
    const output = new Output();
    if (flags.booleans.has('quiet')) return outcome(output.out(rows.map((row) => `${row[0]}\n`).join('')));
    output.out(table([['IMAGE', 'CREATED', 'CREATED BY', 'SIZE', 'COMMENT'], ...rows]));
    if (rows.some((row) => row[1] === 'N/A'))
      output.note("N/A: the catalog does not record when the base image's layers were made.");
    output.note(HISTORY_SIZE_NOTE);
    return outcome(output);
  },
};

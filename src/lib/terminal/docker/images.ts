/** `docker images [REPOSITORY[:TAG]]`: the images this terminal built or pulled, newest first. */
import { ago, dockerSize, shortId, table } from '../format.ts';
import { checkReference } from '../images.ts';
import { Output } from '../output.ts';
import { type DockerCommand, outcome, usageError } from './command.ts';

export const images: DockerCommand = {
  name: 'images',
  aliases: ['image ls', 'image list'],
  usage: 'docker images [OPTIONS] [REPOSITORY[:TAG]]',
  summary: 'List images',
  flags: [
    { long: 'quiet', short: 'q', help: 'Only show image IDs' },
    { long: 'all', short: 'a', help: 'Show all images (default hides intermediate images)' },
    { long: 'no-trunc', help: "Don't truncate output" },
  ],
  run(flags, context) {
    const [filter, ...extra] = flags.positionals;
    if (extra.length > 0) return usageError(images, '"docker images" requires at most 1 argument.');
    const wanted = filter === undefined ? undefined : checkReference(filter);
    const now = context.now();
    const rows: string[][] = [];
    for (const { image, names } of context.images.list()) {
      const id = flags.booleans.has('no-trunc') ? image.id : shortId(image.id);
      const created = image.pulled ? 'N/A' : ago(now - image.created);
      const size = dockerSize(image.stage.size ?? 0);
      const shown = names.length ? names : ['<none>:<none>'];
      for (const name of shown) {
        const colon = name.lastIndexOf(':');
        const repository = name.slice(0, colon);
        const tag = name.slice(colon + 1);
        if (wanted?.ok) {
          const tagGiven = /:[^/]*$/.test(filter ?? '');
          if (repository !== wanted.repository || (tagGiven && tag !== wanted.tag)) continue;
        } else if (wanted) continue;
        rows.push([repository, tag, id, created, size]);
      }
    }
    const output = new Output();
    if (flags.booleans.has('quiet')) {
      output.out([...new Set(rows.map((row) => row[2]))].map((id) => `${id}\n`).join(''));
      return outcome(output);
    }
    output.out(table([['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'], ...rows]));
    if (rows.length === 0 && filter === undefined)
      output.note(
        "No images yet: docker build -t NAME . builds the editor's files, docker pull IMAGE fetches a base image.",
      );
    return outcome(output);
  },
};

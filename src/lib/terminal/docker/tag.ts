/** `docker tag SOURCE TARGET` and `docker rmi IMAGE…`: names for images, and removing them. */
import { checkReference } from '../images.ts';
import { Output } from '../output.ts';
import { type DockerCommand, noSuchImage, outcome, usageError } from './command.ts';

export const tag: DockerCommand = {
  name: 'tag',
  aliases: ['image tag'],
  usage: 'docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]',
  summary: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE',
  flags: [],
  run(flags, context) {
    const [source, target, ...extra] = flags.positionals;
    if (source === undefined || target === undefined || extra.length > 0)
      return usageError(tag, '"docker tag" requires exactly 2 arguments.');
    const found = context.images.find(source);
    if (!found) return outcome(new Output().err(noSuchImage(source)), 1);
    const checked = checkReference(target);
    if (!checked.ok) {
      const why =
        checked.reason === 'lowercase' ? 'repository name must be lowercase' : 'invalid reference format';
      return outcome(
        new Output().err(`Error parsing reference: "${target}" is not a valid repository/tag: ${why}\n`),
        1,
      );
    }
    context.images.tag(checked.name, found.image.id);
    return outcome(new Output());
  },
};

export const rmi: DockerCommand = {
  name: 'rmi',
  aliases: ['image rm', 'image remove'],
  usage: 'docker rmi [OPTIONS] IMAGE [IMAGE...]',
  summary: 'Remove one or more images',
  flags: [{ long: 'force', short: 'f', help: 'Force removal of the image' }],
  run(flags, context) {
    if (flags.positionals.length === 0) return usageError(rmi, '"docker rmi" requires at least 1 argument.');
    const output = new Output();
    let status = 0;
    for (const reference of flags.positionals) {
      const found = context.images.find(reference);
      if (!found) {
        output.err(noSuchImage(reference));
        status = 1;
        continue;
      }
      const id = found.image.id;
      const names = found.name ? [found.name] : context.images.namesOf(id);
      if (!found.name && names.length > 1 && !flags.booleans.has('force')) {
        output.err(
          `Error response from daemon: conflict: unable to delete ${id.slice(7, 19)} (must be forced) - image is referenced in multiple repositories\n`,
        );
        status = 1;
        continue;
      }
      for (const name of names) {
        context.images.untag(name);
        output.out(`Untagged: ${name}\n`);
      }
      if (context.images.namesOf(id).length === 0) {
        context.images.remove(id);
        output.out(`Deleted: ${id}\n`);
      }
    }
    return outcome(output, status);
  },
};

export const ps: DockerCommand = {
  name: 'ps',
  aliases: ['container ls', 'container list'],
  usage: 'docker ps [OPTIONS]',
  summary: 'List containers',
  flags: [
    { long: 'all', short: 'a', help: 'Show all containers (default shows just running)' },
    { long: 'quiet', short: 'q', help: 'Only display container IDs' },
  ],
  run(flags) {
    const output = new Output();
    if (!flags.booleans.has('quiet'))
      output.out('CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n');
    output.note(
      'No containers: the simulator runs no programs, so no container keeps running after docker run.',
    );
    return outcome(output);
  },
};

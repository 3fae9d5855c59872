/** `sim`: the simulator's command line, wired to the process. All behaviour is in main.ts. */
import { open } from 'node:fs/promises';
import { type CliIo, InputTooLargeError, MAX_INPUT_BYTES } from './command.ts';
import { main } from './main.ts';

/** Stops reading past the limit, so a huge pipe or file never sits in memory whole. */
async function readLimited(chunks: AsyncIterable<Buffer>): Promise<string> {
  const kept: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > MAX_INPUT_BYTES) throw new InputTooLargeError();
    kept.push(chunk);
  }
  return Buffer.concat(kept).toString('utf8');
}

async function readFileLimited(path: string): Promise<string> {
  const file = await open(path);
  try {
    return await readLimited(file.createReadStream({ autoClose: false }));
  } finally {
    await file.close();
  }
}

const nodeIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => (path === '-' ? readLimited(process.stdin) : readFileLimited(path)),
};

process.exitCode = await main(process.argv.slice(2), nodeIo);

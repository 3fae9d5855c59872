/** `sim`: the simulator's command line, wired to the process. All behaviour is in main.ts. */
import { readFile } from 'node:fs/promises';
import type { CliIo } from './command.ts';
import { main } from './main.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const nodeIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => (path === '-' ? readStdin() : readFile(path, 'utf8')),
};

process.exitCode = await main(process.argv.slice(2), nodeIo);

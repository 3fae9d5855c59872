/**
 * A consistent copy of the workshop database while the server runs (`npm run backup:workshops --
 * FILE`): SQLite's VACUUM INTO reads one snapshot through the write-ahead log and writes it
 * compacted to FILE, which must not exist yet.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

const source = resolve(process.env.WORKSHOP_DB || './data/workshops.sqlite');
const target = process.argv[2];
if (!target) {
  console.error('usage: npm run backup:workshops -- FILE   (reads $WORKSHOP_DB or ./data/workshops.sqlite)');
  process.exit(2);
}
if (!existsSync(source)) {
  console.error(`No workshop database at ${source}.`);
  process.exit(1);
}
if (existsSync(target)) {
  console.error(`${target} exists already; choose a new file.`);
  process.exit(1);
}
const db = new DatabaseSync(source, { readOnly: true });
db.prepare('VACUUM INTO ?').run(resolve(target));
db.close();
console.log(`Backed up ${source} to ${resolve(target)}.`);

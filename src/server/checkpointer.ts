/**
 * WAL checkpoints off the event loop. SQLite copies the write-ahead log back into the database
 * file at checkpoints, and a checkpoint waits for the disk (fsync); run on the connection that
 * serves requests, every few seconds of a busy workshop stalled every request for 100 ms or more.
 * So the serving connection never checkpoints (wal_autocheckpoint = 0) and a worker thread with
 * its own connection does, passively (it never blocks the writer), once a second. Durability is
 * unchanged: a committed transaction is in the WAL either way, and the WAL is replayed at open.
 */
import { Worker } from 'node:worker_threads';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(workerData.path);
db.exec('PRAGMA busy_timeout = 5000');
const timer = setInterval(() => {
  try {
    db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage(String(error));
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  process.exit(0);
});
`;

export interface Checkpointer {
  stop(): void;
}

export function startCheckpointer(path: string, everyMs = 1000): Checkpointer {
  const worker = new Worker(WORKER, { eval: true, workerData: { path, everyMs } });
  worker.on('message', (message) => console.error(`workshop database checkpoint: ${message}`));
  worker.on('error', (error) => console.error('workshop database checkpoint worker failed:', error));
  // It must not keep the process alive on its own.
  worker.unref();
  return { stop: () => worker.postMessage('stop') };
}

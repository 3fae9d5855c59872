/** The engine's Web Worker: the message-port adapter around the job runner, so nothing blocks typing. */

import { fetchReader, openCatalog } from '../../lib/images/catalog.ts';
import { openPackageCatalog } from '../../lib/packages/catalog.ts';
import { createJobQueue } from './job-queue.ts';
import type { EngineRequest, EngineResponse } from './protocol.ts';
import { createJobRunner } from './run-job.ts';

// The project compiles against the DOM library; these are the two members of the worker scope used here.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<EngineRequest>) => void) | null;
  postMessage(response: EngineResponse): void;
};

const run = createJobRunner({
  openCatalog: () => openCatalog(fetchReader(`${import.meta.env.BASE_URL}catalog/`)),
  // Opening reads nothing: each package manager fetches its own data file on first use.
  packages: openPackageCatalog(fetchReader(`${import.meta.env.BASE_URL}packages/`)),
});

const queue = createJobQueue(run, (response) => scope.postMessage(response));

scope.onmessage = (event) => queue.push(event.data);

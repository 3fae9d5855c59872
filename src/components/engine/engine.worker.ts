/** The engine's Web Worker: the message-port adapter around runJob, so parsing never blocks typing. */
import { createJobQueue } from './job-queue.ts';
import type { EngineRequest, EngineResponse } from './protocol.ts';
import { runJob } from './run-job.ts';

// The project compiles against the DOM library; these are the two members of the worker scope used here.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<EngineRequest>) => void) | null;
  postMessage(response: EngineResponse): void;
};

const queue = createJobQueue(runJob, (response) => scope.postMessage(response));

scope.onmessage = (event) => queue.push(event.data);

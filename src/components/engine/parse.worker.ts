/** The parse worker: the Dockerfile's verdict on every keystroke, apart from the builds' worker. */
import { createJobQueue } from './job-queue.ts';
import { createParseRunner } from './parse-job.ts';
import type { EngineRequest, EngineResponse } from './protocol.ts';

// The project compiles against the DOM library; these are the two members of the worker scope used here.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<EngineRequest>) => void) | null;
  postMessage(response: EngineResponse): void;
};

const queue = createJobQueue(createParseRunner(), (response) => scope.postMessage(response));

scope.onmessage = (event) => queue.push(event.data);

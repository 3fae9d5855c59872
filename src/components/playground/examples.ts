/** The brief's four Dockerfiles with the build contexts they build, as the playground offers them. */

import goMod from '../../content/examples/go-app/go.mod?raw';
import goMain from '../../content/examples/go-app/main.go?raw';
import goScratch from '../../content/examples/go-scratch.Dockerfile?raw';
import goSingle from '../../content/examples/go-single-stage.Dockerfile?raw';
import requirements from '../../content/examples/python-app/requirements.txt?raw';
import pythonExample from '../../content/examples/python-app/src/example.py?raw';
import pythonMulti from '../../content/examples/python-multi-stage.Dockerfile?raw';
import pythonSingle from '../../content/examples/python-single-stage.Dockerfile?raw';
import type { PlaygroundFile, PlaygroundState } from './state.ts';

export interface PlaygroundExample {
  readonly id: string;
  readonly title: string;
  readonly files: readonly PlaygroundFile[];
}

// One script, example.py, as the brief's first Dockerfile runs: the multi-stage one's ./server.py
// is one of the mistakes the course asks learners to find.
const python: PlaygroundFile[] = [
  { path: 'requirements.txt', content: requirements },
  { path: 'src/example.py', content: pythonExample },
];

const go: PlaygroundFile[] = [
  { path: 'main.go', content: goMain },
  { path: 'go.mod', content: goMod },
];

export const PLAYGROUND_EXAMPLES: readonly PlaygroundExample[] = [
  {
    id: 'python-single-stage',
    title: 'Python: one stage on python:3.9',
    files: dockerfileAnd(pythonSingle, python),
  },
  {
    id: 'python-multi-stage',
    title: 'Python: two stages, Alpine runtime',
    files: dockerfileAnd(pythonMulti, python),
  },
  { id: 'go-single-stage', title: 'Go: one stage on golang:1', files: dockerfileAnd(goSingle, go) },
  { id: 'go-scratch', title: 'Go: two stages, scratch runtime', files: dockerfileAnd(goScratch, go) },
];

export function stateOf(example: PlaygroundExample): PlaygroundState {
  return { files: example.files, active: 'Dockerfile' };
}

function dockerfileAnd(dockerfile: string, context: readonly PlaygroundFile[]): PlaygroundFile[] {
  return [{ path: 'Dockerfile', content: dockerfile }, ...context];
}

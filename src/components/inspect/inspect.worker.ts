/**
 * Reads the learner's saved image off the page's thread: the file is read by slices from the
 * learner's own disk and never leaves this device; progress is posted at most every 100 ms.
 */
import { analyzeImage } from '../../lib/analysis/analyze-image.ts';
import { blobSource } from '../../lib/image-archive/byte-source.ts';
import { ArchiveError } from '../../lib/image-archive/errors.ts';
import { type ReadProgress, readSavedImage } from '../../lib/image-archive/read-image.ts';
import { layerTrees } from '../engine/layer-trees.ts';
import type { InspectRequest, InspectResponse } from './protocol.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<InspectRequest>) => void) | null;
  postMessage(response: InspectResponse): void;
};

const PROGRESS_MS = 100;
let running: AbortController | undefined;

async function open(file: Blob): Promise<void> {
  running?.abort();
  const controller = new AbortController();
  running = controller;
  const started = performance.now();
  let posted = 0;
  const onProgress = (progress: ReadProgress) => {
    const now = performance.now();
    if (progress.phase === 'layer' && now - posted < PROGRESS_MS) return;
    posted = now;
    scope.postMessage({ kind: 'progress', progress });
  };
  try {
    const image = await readSavedImage(blobSource(file), { signal: controller.signal, onProgress });
    const result = {
      image,
      trees: layerTrees(image.stage.layers),
      analysis: analyzeImage(image.stage),
      readMs: performance.now() - started,
    };
    if (!controller.signal.aborted) scope.postMessage({ kind: 'done', result });
  } catch (error) {
    if (error instanceof ArchiveError)
      scope.postMessage({ kind: 'failed', code: error.code, message: error.message });
    else
      scope.postMessage({ kind: 'failed', code: 'internal', message: `the reader failed: ${String(error)}` });
  }
}

scope.onmessage = ({ data }) => {
  if (data.kind === 'cancel') running?.abort();
  else void open(data.file);
};

/**
 * The /inspect/ island: pick or drop a saved image, watch it being read in a worker (with a
 * cancel button), then see it in the course's views, loaded only once there is an image to show.
 */
import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatSize } from '../../lib/format-size.ts';
import type { ReadProgress } from '../../lib/image-archive/read-image.ts';
import type { InspectRequest, InspectResponse, InspectResult } from './protocol.ts';
import type { SavedImageViewProps } from './SavedImageView.tsx';
import '../ui.css';
import './inspect.css';

type State =
  | { readonly kind: 'idle' }
  | { readonly kind: 'reading'; readonly name: string; readonly progress: ReadProgress | undefined }
  | { readonly kind: 'failed'; readonly name: string; readonly message: string }
  | { readonly kind: 'done'; readonly name: string; readonly result: InspectResult };

function progressText(progress: ReadProgress | undefined): string {
  if (!progress || progress.phase === 'index') return 'Reading the archive’s table of contents…';
  if (progress.phase === 'metadata') return 'Reading the manifest and the image config…';
  return `Layer ${progress.layer + 1} of ${progress.layers}: ${progress.path || '…'}`;
}

export function InspectImage() {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const [View, setView] = useState<ComponentType<SavedImageViewProps> | undefined>();
  const worker = useRef<Worker | undefined>(undefined);

  const post = (request: InspectRequest) => worker.current?.postMessage(request);

  /** Set once hydrated: the file input works from then on. */
  const [ready, setReady] = useState(false);
  useEffect(() => {
    setReady(true);
    return () => worker.current?.terminate();
  }, []);

  const open = (file: File) => {
    if (!worker.current) {
      worker.current = new Worker(new URL('./inspect.worker.ts', import.meta.url), {
        type: 'module',
        name: 'inspect',
      });
    }
    const name = file.name;
    worker.current.onmessage = ({ data }: MessageEvent<InspectResponse>) => {
      if (data.kind === 'progress') setState({ kind: 'reading', name, progress: data.progress });
      else if (data.kind === 'failed')
        setState(
          data.code === 'archive/cancelled'
            ? { kind: 'idle' }
            : { kind: 'failed', name, message: data.message },
        );
      else {
        void import('./SavedImageView.tsx').then((module) => {
          setView(() => module.SavedImageView);
          setState({ kind: 'done', name, result: data.result });
        });
      }
    };
    setState({ kind: 'reading', name, progress: undefined });
    post({ kind: 'open', file });
  };

  const reading = state.kind === 'reading' ? state : undefined;
  const layerProgress = reading?.progress?.phase === 'layer' ? reading.progress : undefined;
  return (
    <div class="mc-inspect" {...(ready ? { 'data-ready': '' } : {})}>
      <section
        class="mc-inspect-drop"
        data-dragging={dragging ? 'true' : 'false'}
        aria-label="Pick a saved image"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          const file = event.dataTransfer?.files[0];
          if (file) open(file);
        }}
      >
        <label class="button primary mc-inspect-pick">
          Choose an image file…
          <input
            type="file"
            class="visually-hidden"
            accept=".tar,.oci,application/x-tar"
            disabled={reading !== undefined}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              if (file) open(file);
              event.currentTarget.value = '';
            }}
          />
        </label>
        <p class="mc-inspect-hint">
          or drop it here: the <code>.tar</code> that <code>docker save -o image.tar IMAGE</code> writes, or
          an OCI layout tarball. It is read on this device and sent nowhere.
        </p>
      </section>
      {reading && (
        <section class="mc-inspect-progress" aria-label="Reading the image">
          <p>
            Reading <strong>{reading.name}</strong>
          </p>
          <progress
            max={layerProgress?.totalBytes ?? 1}
            {...(layerProgress ? { value: layerProgress.bytesRead } : {})}
            aria-label="Bytes read"
          />
          <p class="mc-inspect-status" aria-live="polite">
            {progressText(reading.progress)}
            {layerProgress &&
              ` (${formatSize(layerProgress.bytesRead)} of ${formatSize(layerProgress.totalBytes)})`}
          </p>
          <button type="button" class="button" onClick={() => post({ kind: 'cancel' })}>
            Cancel
          </button>
        </section>
      )}
      {state.kind === 'failed' && (
        <p class="mc-inspect-error" role="alert">
          <strong>{state.name}</strong> could not be read: {state.message}
        </p>
      )}
      {state.kind === 'done' && View && <View name={state.name} result={state.result} />}
    </div>
  );
}

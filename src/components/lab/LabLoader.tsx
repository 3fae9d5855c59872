/**
 * The lesson's lab, loaded when first used: a button on the page, and the lab itself in a dialog
 * that opens when the learner clicks it or any "Open in the lab" / "Run in the terminal" button of
 * the lesson. The editor and the engine load only then, so reading a lesson stays light.
 */
import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LabProps } from './Lab.tsx';
import {
  LAB_BUTTONS,
  type LabRequest,
  type LabSource,
  PENDING_ATTRIBUTE,
  READY_ATTRIBUTE,
  requestFrom,
  sourceFromPayload,
} from './lab-request.ts';
import './lab.css';

interface Props {
  /** The lesson's own scenario, opened when the learner opens the lab without picking a block. */
  readonly initial?: string;
}

export default function LabLoader({ initial }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [Lab, setLab] = useState<ComponentType<LabProps> | null>(null);
  const [failed, setFailed] = useState<string | undefined>();
  const [request, setRequest] = useState<{ readonly value: LabRequest; readonly seq: number } | undefined>();
  const seq = useRef(0);

  const open = (value: LabRequest | undefined) => {
    if (value) setRequest({ value, seq: ++seq.current });
    if (!dialog.current?.open) dialog.current?.showModal();
    if (!Lab) {
      import('./Lab.tsx').then(
        (module) => setLab(() => module.Lab),
        (error: unknown) => setFailed(`The lab could not load: ${String(error)}`),
      );
    }
  };

  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const button = (event.target as Element | null)?.closest?.(LAB_BUTTONS);
      if (!button) return;
      event.preventDefault();
      open(requestFrom(button));
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  });

  useEffect(() => {
    document.documentElement.setAttribute(READY_ATTRIBUTE, '');
    const pending = document.querySelector(`[${PENDING_ATTRIBUTE}]`);
    if (!pending) return;
    pending.removeAttribute(PENDING_ATTRIBUTE);
    pending.removeAttribute('aria-busy');
    open(requestFrom(pending));
  }, []);

  const openDefault = () => {
    const source: LabSource | undefined = initial ? sourceFromPayload(initial) : undefined;
    open(request ? undefined : source ? { kind: 'load', source } : undefined);
  };

  return (
    <>
      <button type="button" class="button primary mc-lab-open" onClick={openDefault}>
        Open the lab
      </button>
      <dialog ref={dialog} class="mc-lab-dialog" aria-labelledby="mc-lab-title">
        <div class="mc-lab-header">
          <h2 id="mc-lab-title">Lab{request?.value.source ? `: ${request.value.source.title}` : ''}</h2>
          <button type="button" class="button" onClick={() => dialog.current?.close()}>
            Close <span class="visually-hidden">the lab</span>
          </button>
        </div>
        {Lab ? (
          <Lab request={request?.value} seq={request?.seq ?? 0} />
        ) : (
          <p class="mc-lab-loading" role="status">
            {failed ?? 'Loading the editor and the simulator…'}
          </p>
        )}
      </dialog>
    </>
  );
}

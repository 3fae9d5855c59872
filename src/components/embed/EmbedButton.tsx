/**
 * The "Embed" button of a challenge page or the playground: opens the Embed dialog, which it loads
 * the first time. The playground passes a function, since its files are known only when clicked.
 */
import type { ComponentType } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { EmbedDialogProps } from './EmbedDialog.tsx';

type Target = EmbedDialogProps['target'];

interface Props {
  readonly target: Target | (() => Promise<Target>);
  readonly class?: string;
}

export default function EmbedButton(props: Props) {
  const [open, setOpen] = useState<{ Dialog: ComponentType<EmbedDialogProps>; target: Target } | undefined>();
  const [failed, setFailed] = useState<string | undefined>();
  const button = useRef<HTMLButtonElement>(null);

  const show = async () => {
    try {
      const [{ EmbedDialog }, target] = await Promise.all([
        import('./EmbedDialog.tsx'),
        typeof props.target === 'function' ? props.target() : props.target,
      ]);
      setFailed(undefined);
      setOpen({ Dialog: EmbedDialog, target });
    } catch (error) {
      setFailed(`The embed dialog could not open: ${String(error)}`);
    }
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        class={props.class ?? 'button'}
        aria-haspopup="dialog"
        onClick={show}
        aria-describedby={failed ? 'mc-embed-failed' : undefined}
      >
        <svg
          aria-hidden="true"
          width="16"
          height="16"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          stroke-width="2"
        >
          <path d="m8 7-5 5 5 5M16 7l5 5-5 5" />
        </svg>
        Embed
      </button>
      {failed && (
        <span id="mc-embed-failed" role="alert">
          {failed}
        </span>
      )}
      {open && (
        <open.Dialog
          target={open.target}
          onClose={() => {
            setOpen(undefined);
            button.current?.focus();
          }}
        />
      )}
    </>
  );
}

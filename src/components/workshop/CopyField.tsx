/**
 * A read-only text field with a Copy button, for links and codes. A secret one stays masked until
 * asked (the instructor's screen may be on the projector) and copies all the same.
 */
import { useId, useState } from 'preact/hooks';

interface Props {
  readonly label: string;
  readonly value: string;
  readonly help?: string;
  readonly secret?: boolean;
}

export function CopyField({ label, value, help, secret = false }: Props) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  const [shown, setShown] = useState(!secret);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      (document.getElementById(id) as HTMLInputElement | null)?.select();
    }
  };
  return (
    <div class="mc-ws-field">
      <label for={id}>{label}</label>
      {help && (
        <p class="mc-ws-help" id={`${id}-help`}>
          {help}
        </p>
      )}
      <div class="mc-ws-copy">
        <input
          id={id}
          type={shown ? 'text' : 'password'}
          readOnly
          value={value}
          aria-describedby={help ? `${id}-help` : undefined}
          onFocus={(event) => event.currentTarget.select()}
        />
        {secret && (
          <button
            type="button"
            class="mc-ws-button is-quiet"
            aria-pressed={shown}
            onClick={() => setShown(!shown)}
          >
            Show
          </button>
        )}
        <button type="button" class="mc-ws-button is-quiet" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}

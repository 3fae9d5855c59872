/** A read-only text field with a Copy button, for links and codes. */
import { useId, useState } from 'preact/hooks';

export function CopyField({ label, value, help }: { label: string; value: string; help?: string }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
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
          type="text"
          readOnly
          value={value}
          aria-describedby={help ? `${id}-help` : undefined}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" class="mc-ws-button is-quiet" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}

/**
 * Plain prose from exercise data, which may come from an embed's URL and is never trusted as HTML:
 * blank lines make paragraphs, `backticks` make code, and nothing else is interpreted.
 */
export function Prose({ text }: { readonly text: string }) {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
  return (
    <>
      {paragraphs.map((paragraph, i) => (
        <p key={i}>
          <InlineCode text={paragraph} />
        </p>
      ))}
    </>
  );
}

export function InlineCode({ text }: { readonly text: string }) {
  return <>{text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}

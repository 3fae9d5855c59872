/**
 * The little Markdown an exercise's explanation uses, for the presenter view: paragraphs, and
 * `code` inside them. Returned as data for a template to render (so everything is escaped).
 */
export type InlinePart = { readonly kind: 'text' | 'code'; readonly text: string };

export function inlineParagraphs(markdown: string): InlinePart[][] {
  return markdown
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean)
    .map((paragraph) =>
      paragraph.split(/(`[^`]+`)/).flatMap((part): InlinePart[] => {
        if (!part) return [];
        return part.startsWith('`') && part.endsWith('`') && part.length > 1
          ? [{ kind: 'code', text: part.slice(1, -1) }]
          : [{ kind: 'text', text: part }];
      }),
    );
}

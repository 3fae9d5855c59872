/**
 * The site's search: documents built at build time (lesson sections, challenges, glossary terms,
 * diagnostic codes and rules) and a small ranking over them. Pure functions; the index ships as a
 * static JSON file that the search page fetches when it is opened.
 */

export interface SearchDocument {
  /** Where the result leads, with a section anchor when there is one. */
  readonly url: string;
  readonly title: string;
  /** What kind of page: Lesson, Challenge, Glossary, Diagnostic, Rule. */
  readonly kind: string;
  readonly text: string;
}

export interface SearchHit {
  readonly document: SearchDocument;
  readonly score: number;
  /** A short excerpt around the first match. */
  readonly excerpt: string;
}

/** Markdown/MDX body text as plain words: no imports, components, markup or links targets. */
export function plainText(mdx: string): string {
  return (
    mdx
      .replace(/<SpeakerNotes>[\s\S]*?<\/SpeakerNotes>/g, ' ')
      .replace(/^(import|export) .*$/gm, '')
      .replace(/<([A-Z][\w.]*)\b[\s\S]*?\/>/g, ' ')
      .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
      .replace(/```[\s\S]*?```/g, ' ')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
      // Markdown's marks, not the text's own characters: headings, quotes and list items only at the
      // start of a line, emphasis underscores only at a word's edge (CGO_ENABLED keeps its own).
      .replace(/^[ \t]*(?:#{1,6}|>|[-+*]|\d+\.)[ \t]+/gm, '')
      .replace(/[`*]|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** A lesson body split at its `## ` headings, each section with the anchor Astro gives its heading. */
export function lessonSections(body: string, headingSlugs: ReadonlyMap<string, string>) {
  const sections: { heading: string | null; slug: string | null; text: string }[] = [];
  let current: { heading: string | null; slug: string | null; lines: string[] } = {
    heading: null,
    slug: null,
    lines: [],
  };
  for (const line of body.split('\n')) {
    const match = /^## (.+)$/.exec(line);
    if (match) {
      sections.push({
        heading: current.heading,
        slug: current.slug,
        text: plainText(current.lines.join('\n')),
      });
      const heading = (match[1] ?? '').trim();
      current = { heading, slug: headingSlugs.get(heading) ?? null, lines: [] };
    } else {
      current.lines.push(line);
    }
  }
  sections.push({ heading: current.heading, slug: current.slug, text: plainText(current.lines.join('\n')) });
  return sections.filter((section) => section.text !== '');
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}._/-]*/gu) ?? [];

function excerptAround(text: string, term: string): string {
  const at = text.toLowerCase().indexOf(term);
  if (at < 0) return text.slice(0, 160);
  const start = Math.max(0, at - 60);
  return `${start > 0 ? '…' : ''}${text.slice(start, start + 180)}${start + 180 < text.length ? '…' : ''}`;
}

/** Ranks documents by the query's words: every word must match; title matches count most. */
export function search(documents: readonly SearchDocument[], query: string, limit = 20): SearchHit[] {
  const terms = words(query).slice(0, 8);
  if (terms.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const document of documents) {
    const title = document.title.toLowerCase();
    const text = document.text.toLowerCase();
    let score = 0;
    for (const term of terms) {
      const inTitle = title.includes(term) ? 5 : 0;
      const inText = text.split(term).length - 1;
      if (!inTitle && !inText) {
        score = 0;
        break;
      }
      score += inTitle + Math.min(inText, 5);
    }
    if (score > 0) hits.push({ document, score, excerpt: excerptAround(document.text, terms[0] as string) });
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}

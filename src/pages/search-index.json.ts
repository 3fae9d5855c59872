/** The search index, generated at build time from the lessons, challenges, glossary and reference. */
import { getCollection, render } from 'astro:content';
import { lessonSections, plainText, type SearchDocument } from '../components/search/search-index.ts';
import { DIAGNOSTIC_CODES } from '../lib/diagnostic-codes.ts';
import { RULES } from '../lib/rules/index.ts';

export async function GET(): Promise<Response> {
  const documents: SearchDocument[] = [];
  for (const lesson of await getCollection('lessons')) {
    const { headings } = await render(lesson);
    const slugs = new Map(headings.map((heading) => [heading.text.replace(/#$/, '').trim(), heading.slug]));
    for (const section of lessonSections(lesson.body ?? '', slugs)) {
      documents.push({
        url: `/lessons/${lesson.id}/${section.slug ? `#${section.slug}` : ''}`,
        title: section.heading ? `${lesson.data.title}: ${section.heading}` : lesson.data.title,
        kind: 'Lesson',
        text: section.heading ? section.text : `${lesson.data.summary} ${section.text}`,
      });
    }
  }
  for (const exercise of await getCollection('exercises')) {
    documents.push({
      url: `/challenges/${exercise.id}/`,
      title: exercise.data.title,
      kind: 'Challenge',
      text: `${exercise.data.summary} ${plainText(exercise.data.explanation)}`,
    });
  }
  for (const entry of await getCollection('glossary')) {
    documents.push({
      url: `/glossary/#${entry.id}`,
      title: entry.data.term,
      kind: 'Glossary',
      text: plainText(entry.data.definition),
    });
  }
  for (const info of DIAGNOSTIC_CODES) {
    documents.push({
      url: `/reference/${info.code}/`,
      title: `${info.title} (${info.code})`,
      kind: 'Diagnostic',
      text: plainText(info.explanation),
    });
  }
  for (const rule of RULES) {
    documents.push({
      url: `/reference/${rule.code}/`,
      title: `${rule.title} (${rule.code})`,
      kind: 'Rule',
      text: plainText(rule.explanation),
    });
  }
  return new Response(JSON.stringify(documents), { headers: { 'Content-Type': 'application/json' } });
}

import { describe, expect, it } from 'vitest';
import { lessonSections, plainText, search } from '../../../src/components/search/search-index.ts';

describe('search index', () => {
  it('keeps words and drops imports, components and markup', () => {
    const text = plainText(
      'import X from \'./x.tsx\';\nThe image is <Fact of="a" show="size" />, **big** and `root`.\n<Note title="n">busybox</Note>\n<SpeakerNotes>\nfor the room\n</SpeakerNotes>',
    );
    expect(text).toBe('The image is , big and root. busybox');
  });

  it('drops Markdown marks but keeps the characters of code and names', () => {
    const text = plainText(
      '## Why\n- Build with `CGO_ENABLED=0` and _no_ cgo, __really__.\n> Quoted #1\n1. First step: `a_b`',
    );
    expect(text).toBe('Why Build with CGO_ENABLED=0 and no cgo, really. Quoted #1 First step: a_b');
  });

  it('splits a lesson at its sections with their anchors', () => {
    const sections = lessonSections(
      'Intro words\n## What scratch lacks\nCA certificates',
      new Map([['What scratch lacks', 'what-scratch-lacks']]),
    );
    expect(sections).toEqual([
      { heading: null, slug: null, text: 'Intro words' },
      { heading: 'What scratch lacks', slug: 'what-scratch-lacks', text: 'CA certificates' },
    ]);
  });

  it('ranks title matches first and needs every word', () => {
    const documents = [
      { url: '/a', title: 'Layer caching', kind: 'Lesson', text: 'cache order copy' },
      { url: '/b', title: 'Glossary', kind: 'Glossary', text: 'a layer is a tar archive; caching' },
      { url: '/c', title: 'Other', kind: 'Lesson', text: 'layer only' },
    ];
    expect(search(documents, 'layer caching').map((hit) => hit.document.url)).toEqual(['/a', '/b']);
    expect(search(documents, '   ')).toEqual([]);
    expect(search(documents, 'archive')[0]?.excerpt).toContain('tar archive');
  });
});

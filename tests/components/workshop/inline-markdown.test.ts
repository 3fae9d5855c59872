import { describe, expect, it } from 'vitest';
import { inlineParagraphs } from '../../../src/components/workshop/inline-markdown.ts';

describe('inline markdown', () => {
  it('splits paragraphs and inline code, keeping everything else as text', () => {
    expect(inlineParagraphs('Build with `CGO_ENABLED=0`\nso it is <static>.\n\nThen `scratch`.')).toEqual([
      [
        { kind: 'text', text: 'Build with ' },
        { kind: 'code', text: 'CGO_ENABLED=0' },
        { kind: 'text', text: ' so it is <static>.' },
      ],
      [
        { kind: 'text', text: 'Then ' },
        { kind: 'code', text: 'scratch' },
        { kind: 'text', text: '.' },
      ],
    ]);
  });
});

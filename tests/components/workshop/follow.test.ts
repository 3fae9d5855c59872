import { describe, expect, it } from 'vitest';
import { followStep, isAt } from '../../../src/components/workshop/follow.ts';

const here = { origin: 'https://course.example', pathname: '/lessons/a/', hash: '' };

describe('follow-me', () => {
  it('goes where the instructor sent the class, once per move', () => {
    const follow = { path: '/playground/', title: 'Playground', at: 100 };
    expect(followStep(follow, 0, here)).toEqual({ kind: 'navigate', url: '/playground/' });
    expect(followStep(follow, 100, here)).toEqual({ kind: 'stay' });
    expect(followStep(null, 0, here)).toEqual({ kind: 'stay' });
  });

  it('scrolls to a section of the page the participant is on', () => {
    const follow = { path: '/lessons/a/#copy-from', title: 'A', at: 5 };
    expect(followStep(follow, 0, here)).toEqual({ kind: 'scroll', hash: '#copy-from' });
    expect(followStep(follow, 0, { ...here, hash: '#copy-from' })).toEqual({ kind: 'stay' });
    expect(isAt(follow, here)).toBe(true);
  });

  it('never leaves the site', () => {
    for (const path of [
      '//evil.example/x',
      'https://evil.example/',
      '/\\evil.example',
      'javascript:alert(1)',
    ])
      expect(followStep({ path, title: 'x', at: 5 }, 0, here), path).toEqual({ kind: 'stay' });
  });
});

/** The payload a lesson's button carries: checked before the lab uses it, the scenario included. */
import { describe, expect, it } from 'vitest';
import { sourceFromPayload } from '../../../src/components/lab/lab-request.ts';

const payload = (fields: Record<string, unknown>) =>
  JSON.stringify({ title: 'T', dockerfile: 'FROM alpine\n', files: { 'a.txt': 'a' }, ...fields });

describe('a lab payload', () => {
  it('keeps the scenario id, which becomes the image name in the terminal', () => {
    expect(sourceFromPayload(payload({ scenario: 'go-single' }))).toEqual({
      scenario: 'go-single',
      title: 'T',
      dockerfile: 'FROM alpine\n',
      files: [{ path: 'a.txt', content: 'a' }],
    });
  });

  it('drops a scenario Docker would not take as an image name', () => {
    for (const scenario of ['Go', 'a b', '-x', 'x;rm -rf /', 7])
      expect(sourceFromPayload(payload({ scenario }))).not.toHaveProperty('scenario');
  });

  it('refuses malformed payloads', () => {
    expect(sourceFromPayload('not json')).toBeUndefined();
    expect(sourceFromPayload(JSON.stringify({ title: 'T' }))).toBeUndefined();
    expect(sourceFromPayload(null)).toBeUndefined();
  });
});

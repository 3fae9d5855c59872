import { describe, expect, it } from 'vitest';
import { maintainerDeprecated } from '../../../src/lib/rules/maintainer-deprecated.ts';
import { applyFix, briefFindings, check, lines, NONE_IN_BRIEF } from './fixtures.ts';

describe('rule/maintainer-deprecated', () => {
  it('reports the MAINTAINER of its Bad example, not the LABEL of its Good one', () => {
    const found = check(maintainerDeprecated, maintainerDeprecated.bad);
    expect(lines(found)).toEqual([2]);
    expect(found[0]?.message).toBe('Maintainer instruction is deprecated in favor of using label');
    expect(check(maintainerDeprecated, maintainerDeprecated.good)).toEqual([]);
  });

  it.each([
    ['FROM alpine:3.22\nMAINTAINER Jane Doe <jane@example.com>\n', maintainerDeprecated.good],
    [
      'FROM alpine:3.22\nmaintainer "Jane"\n',
      'FROM alpine:3.22\nLABEL org.opencontainers.image.authors="Jane"\n',
    ],
    [
      'FROM alpine:3.22\nMAINTAINER Jane "JD" $USER\n',
      'FROM alpine:3.22\nLABEL org.opencontainers.image.authors="Jane \\"JD\\" \\$USER"\n',
    ],
  ])('replaces %j with the OCI authors label', (text, fixed) => {
    const [finding] = check(maintainerDeprecated, text);
    expect(applyFix(text, finding?.fixes?.[0] as never)).toBe(fixed);
  });

  it('finds nothing in the brief', async () => {
    expect(await briefFindings(maintainerDeprecated)).toEqual(NONE_IN_BRIEF);
  });
});

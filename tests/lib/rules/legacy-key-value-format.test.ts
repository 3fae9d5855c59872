import { describe, expect, it } from 'vitest';
import { legacyKeyValueFormat } from '../../../src/lib/rules/legacy-key-value-format.ts';
import { check, marked } from './fixtures.ts';

describe('rule/legacy-key-value-format', () => {
  it('flags ENV and LABEL without =, naming the keyword as written', () => {
    const text = 'FROM alpine:3.21\nENV A 1\nlabel maintainer me\nENV B=2\n';
    const found = check(legacyKeyValueFormat, text);
    expect(marked(text, found)).toEqual(['A', 'maintainer']);
    expect(found[1]?.message).toBe(
      '"label key=value" should be used instead of legacy "label key value" format',
    );
  });

  it('accepts key=value, several pairs and quoted values', () => {
    expect(check(legacyKeyValueFormat, 'FROM alpine:3.21\nENV A=1 B="two words"\nLABEL a=b\n')).toEqual([]);
  });
});

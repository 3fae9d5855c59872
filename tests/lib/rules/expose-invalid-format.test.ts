import { describe, expect, it } from 'vitest';
import { exposeInvalidFormat } from '../../../src/lib/rules/expose-invalid-format.ts';
import { check, marked } from './fixtures.ts';

describe('rule/expose-invalid-format', () => {
  it('flags an address or a host port, not a plain port', () => {
    const text = 'FROM nginx:1.27-alpine\nEXPOSE 8080:80 0.0.0.0:53:53/udp 443\n';
    const found = check(exposeInvalidFormat, text);
    expect(marked(text, found)).toEqual(['8080:80', '0.0.0.0:53:53/udp']);
    expect(found[1]?.message).toBe(
      "EXPOSE instruction should not define an IP address or host-port mapping, found '0.0.0.0:53:53/udp'",
    );
  });

  it('accepts a port range', () => {
    expect(check(exposeInvalidFormat, 'FROM nginx:1.27-alpine\nEXPOSE 8000-8010\n')).toEqual([]);
  });
});

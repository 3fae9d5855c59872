import { describe, expect, it } from 'vitest';
import { exposeProtoCasing } from '../../../src/lib/rules/expose-proto-casing.ts';
import { check, marked } from './fixtures.ts';

describe('rule/expose-proto-casing', () => {
  it('flags each port whose protocol is not lower case', () => {
    const text = 'FROM nginx:1.27-alpine\nEXPOSE 80/TCP 53/udp 443/Tcp\n';
    const found = check(exposeProtoCasing, text);
    expect(marked(text, found)).toEqual(['80/TCP', '443/Tcp']);
    expect(found[0]?.message).toBe("Defined protocol '80/TCP' in EXPOSE instruction should be lowercase");
  });

  it('accepts ports without a protocol and ranges', () => {
    expect(check(exposeProtoCasing, 'FROM nginx:1.27-alpine\nEXPOSE 80 8000-8010/udp\n')).toEqual([]);
  });
});

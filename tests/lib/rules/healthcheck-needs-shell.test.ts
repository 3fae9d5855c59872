import { describe, expect, it } from 'vitest';
import { healthcheckNeedsShell } from '../../../src/lib/rules/healthcheck-needs-shell.ts';
import { build, check, lines } from './fixtures.ts';

describe('rule/healthcheck-needs-shell', () => {
  it.each([
    'FROM scratch\nHEALTHCHECK CMD /app -health\n',
    'FROM gcr.io/distroless/static-debian12:nonroot\nHEALTHCHECK --interval=5s CMD /app -health\n',
  ])('flags a shell-form HEALTHCHECK on a base without a shell: %j', (text) => {
    const found = check(healthcheckNeedsShell, text);
    expect(lines(found)).toEqual([2]);
    expect(found[0]?.message).toBe(
      'HEALTHCHECK in shell form runs /bin/sh -c, which this image does not have: the check will always fail',
    );
  });

  it.each([
    'FROM scratch\nHEALTHCHECK CMD ["/app", "-health"]\n',
    'FROM alpine:3.22\nHEALTHCHECK CMD wget -q -O- http://localhost/ || exit 1\n',
    'FROM gcr.io/distroless/base-debian12:debug\nHEALTHCHECK CMD /app -health\n',
    // A build stage's health check does not ship.
    'FROM scratch AS tools\nHEALTHCHECK CMD /app\nFROM alpine:3.22\n',
    // Without a build, a COPY may have brought a shell.
    'FROM scratch\nCOPY --from=busybox:1.37 /bin /bin\nHEALTHCHECK CMD /app\n',
  ])('does not flag %j', (text) => {
    expect(check(healthcheckNeedsShell, text)).toEqual([]);
  });

  it('asks the built image whether /bin/sh is there', async () => {
    const text = 'FROM scratch\nCOPY app /app\nHEALTHCHECK CMD /app -health\n';
    expect(lines(check(healthcheckNeedsShell, text, await build(text, { app: 'binary' })))).toEqual([3]);
  });
});

/**
 * The security headers on each kind of route the server answers: prerendered pages, embeds, the
 * embed loader, built assets, the API (answers and streams) and a page that does not exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/server/security-headers.ts';
import { createWorkshop } from './api-client.ts';
import { hasServerBuild, type SiteProcess, startSite } from './site-process.ts';

describe.skipIf(!hasServerBuild())('security headers', () => {
  let site: SiteProcess;

  beforeAll(async () => {
    site = await startSite({ WORKSHOP_TRUST_PROXY: '1' });
  });

  afterAll(async () => {
    await site?.stop();
  });

  const headersOf = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${site.url}${path}`, init);
    await response.body?.cancel();
    return { status: response.status, headers: response.headers };
  };

  it('sends them on every kind of route, framing allowed only on the embeds', async () => {
    const { code, key } = await createWorkshop(site.url);
    const asset = /src="(\/_astro\/[^"]+\.js)"/.exec(await (await fetch(`${site.url}/lessons/`)).text())?.[1];
    const routes: [path: string, frameable: boolean, init?: RequestInit][] = [
      ['/', false],
      ['/playground/', false],
      ['/lessons/go-from-scratch/', false],
      ['/workshop/dashboard/', false],
      ['/no-such-page/', false],
      [asset ?? '/favicon.svg', false],
      ['/api/workshops/health', false],
      [`/api/workshops/${code}/dashboard`, false, { headers: { authorization: `Bearer ${key}` } }],
      ['/embed/', true],
      ['/embed/exercise/go-scratch-starts/', true],
      ['/embed/playground/', true],
      ['/embed.js', false],
    ];
    for (const [path, frameable, init] of routes) {
      const { status, headers } = await headersOf(path, init);
      expect(status, path).toBeLessThan(500);
      const csp = headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).toContain(frameable ? 'frame-ancestors *' : "frame-ancestors 'self'");
      expect(headers.get('x-frame-options'), path).toBe(frameable ? null : 'SAMEORIGIN');
      expect(headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(headers.get('permissions-policy'), path).toContain('camera=()');
      expect(headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('adds HSTS only when the request came over TLS through the trusted proxy', async () => {
    const { headers } = await headersOf('/', { headers: { 'x-forwarded-proto': 'https' } });
    expect(headers.get('strict-transport-security')).toBe('max-age=31536000');
  });

  it('names every inline script of the built pages by its hash', async () => {
    const html = await (await fetch(`${site.url}/playground/`)).text();
    const { createHash } = await import('node:crypto');
    const { headers } = await headersOf('/playground/');
    const csp = headers.get('content-security-policy') ?? '';
    const inline = [...html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)].filter(
      ([, attributes = '']) => !/\bsrc=|application\/json/.test(attributes),
    );
    expect(inline.length).toBeGreaterThan(0);
    for (const [, , body = ''] of inline)
      expect(csp).toContain(`'sha256-${createHash('sha256').update(body).digest('base64')}'`);
    expect(contentSecurityPolicy([], false)).not.toContain('unsafe-eval');
  });
});

/**
 * The security headers on every response of `scripts/serve.ts`. The Content-Security-Policy lets
 * scripts run only from this origin and the site's own inline scripts, named by their SHA-256
 * (read from the built pages at start, so it follows every build); pages may be framed only by
 * this site (the presenter view frames them), except the embed routes, which other sites frame.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Inline `<script>` elements that run: not `src=` ones, not JSON data blocks. */
const INLINE_SCRIPT = /<script(\s[^>]*)?>([\s\S]*?)<\/script>/g;

/** The distinct SHA-256 hashes, as CSP sources, of the inline scripts of the built pages. */
export function inlineScriptHashes(clientDir: string): string[] {
  const hashes = new Set<string>();
  const pages = readdirSync(clientDir, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.html'),
  );
  for (const page of pages) {
    const html = readFileSync(join(clientDir, page), 'utf8');
    for (const [, attributes = '', body = ''] of html.matchAll(INLINE_SCRIPT)) {
      if (/\bsrc\s*=/.test(attributes) || /type\s*=\s*"application\/(ld\+)?json"/.test(attributes)) continue;
      hashes.add(`'sha256-${createHash('sha256').update(body).digest('base64')}'`);
    }
  }
  return [...hashes].sort();
}

/** Where other sites may frame the page: the embeds and their loader's pages. */
export function isEmbedPath(path: string): boolean {
  return path === '/embed' || path.startsWith('/embed/');
}

export function contentSecurityPolicy(scriptHashes: readonly string[], embed: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${scriptHashes.join(' ')}`.trim(),
    // CodeMirror and xterm set styles from script; style attributes are all over the markup.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${embed ? '*' : "'self'"}`,
  ].join('; ');
}

/** The headers for a response to `path`; `https` when the request reached us over TLS. */
export function securityHeaders(
  path: string,
  scriptHashes: readonly string[],
  https: boolean,
): Record<string, string> {
  const embed = isEmbedPath(path);
  return {
    'content-security-policy': contentSecurityPolicy(scriptHashes, embed),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    ...(embed ? {} : { 'x-frame-options': 'SAMEORIGIN' }),
    ...(https ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
}

/**
 * The site's public address, for the join link in QR codes: WORKSHOP_PUBLIC_URL when set (behind a
 * proxy that terminates TLS the request itself says http), else the request's own origin, with the
 * proxy's X-Forwarded-Proto when the proxy is trusted.
 */
import type { ServerConfig } from './config.ts';

export function publicOrigin(request: Request, config: ServerConfig): string {
  if (config.publicUrl) return config.publicUrl;
  const url = new URL(request.url);
  const proto = config.trustProxy
    ? request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim()
    : undefined;
  if (proto === 'https' || proto === 'http') url.protocol = `${proto}:`;
  return url.origin;
}

export function joinUrl(request: Request, config: ServerConfig, code: string): string {
  return `${publicOrigin(request, config)}/workshop/join/?code=${code}`;
}

/** Request and response helpers of the workshop API: JSON in with a size limit and a schema, JSON out. */
import type { z } from 'astro/zod';
import type { ApiError } from '../workshop/protocol.ts';
import { ApiFailure } from './api-failure.ts';

const NO_STORE = { 'cache-control': 'no-store' };

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...NO_STORE, ...headers },
  });
}

export function failure(error: ApiFailure): Response {
  const body: ApiError = { error: { code: error.code, message: error.message } };
  return json(body, error.status, error.headers);
}

/**
 * The request's JSON body, checked against `schema`. A body over `maxBytes` is refused before it
 * is read in full (413), as is a Dockerfile over the limit, with the sizes in the message.
 */
export async function readJson<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  maxBytes: number,
): Promise<z.output<Schema>> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type))
    throw new ApiFailure(415, 'workshop/not-json', 'Send the body as JSON (Content-Type: application/json).');
  const declared = Number(request.headers.get('content-length'));
  if (declared > maxBytes) throw tooLarge(declared, maxBytes);
  const text = await readText(request, maxBytes);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ApiFailure(400, 'workshop/invalid-json', 'The body is not valid JSON.');
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  if (issue?.code === 'custom' && issue.params?.tooLarge)
    throw new ApiFailure(413, 'workshop/dockerfile-too-large', issue.message);
  throw new ApiFailure(400, 'workshop/invalid-body', `${where}${issue?.message ?? 'invalid body'}`);
}

async function readText(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(size, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(bytes: number, maxBytes: number): ApiFailure {
  return new ApiFailure(
    413,
    'workshop/body-too-large',
    `The request is ${Math.ceil(bytes / 1024)} KiB; this endpoint accepts up to ${Math.floor(maxBytes / 1024)} KiB.`,
  );
}

/** The secret of an `Authorization: Bearer …` header. */
export function bearer(request: Request): string | undefined {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,200})$/.exec(header);
  return match?.[1];
}

/**
 * The client's address for rate limits. Behind a reverse proxy every request comes from the proxy,
 * which appends the real address to X-Forwarded-For; only the last entry is the proxy's own word
 * (earlier ones are whatever the client sent), so that is the one to trust, and only when told to.
 */
export function clientAddress(request: Request, socketAddress: string, trustProxy: boolean): string {
  if (!trustProxy) return socketAddress;
  const forwarded = request.headers.get('x-forwarded-for');
  const last = forwarded?.split(',').at(-1)?.trim();
  return last || socketAddress;
}

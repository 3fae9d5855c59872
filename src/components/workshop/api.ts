/**
 * The workshop API from the pages: typed calls that never throw. An answer is the data, or a
 * message to show (the server's own, or what went wrong on the way).
 */
import type {
  ActionBody,
  ApiError,
  CreatedWorkshop,
  CreateWorkshopBody,
  JoinBody,
  JoinedWorkshop,
  ParticipantDetail,
  PublicState,
} from '../../workshop/protocol.ts';

export type Answer<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly status: number; readonly code: string; readonly message: string };

async function call<T>(
  path: string,
  init: { method?: string; secret?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.secret) headers.authorization = `Bearer ${init.secret}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const data = (await response.json().catch(() => undefined)) as T | ApiError | undefined;
    if (response.ok && data !== undefined) return { ok: true, data: data as T };
    const error = (data as ApiError | undefined)?.error;
    return {
      ok: false,
      status: response.status,
      code: error?.code ?? 'workshop/no-server',
      message: error?.message ?? `The server answered ${response.status} ${response.statusText}.`,
    };
  } catch {
    return {
      ok: false,
      status: 0,
      code: 'workshop/offline',
      message: 'The server cannot be reached; check the connection.',
    };
  }
}

export interface Health {
  readonly ok: boolean;
  readonly createNeedsKey: boolean;
}

export const health = () => call<Health>('/api/workshops/health');

export const createWorkshop = (body: CreateWorkshopBody, organiserKey: string | null) =>
  call<CreatedWorkshop>('/api/workshops', {
    body,
    headers: organiserKey ? { 'x-workshop-create-key': organiserKey } : {},
  });

export const workshopState = (code: string) => call<PublicState>(`/api/workshops/${code}`);

export const joinWorkshop = (code: string, body: JoinBody) =>
  call<JoinedWorkshop>(`/api/workshops/${code}/participants`, { body });

export const act = (code: string, key: string, body: ActionBody) =>
  call<PublicState>(`/api/workshops/${code}/actions`, { secret: key, body });

export const participantDetail = (code: string, key: string, participantId: string, exerciseId: string) =>
  call<ParticipantDetail>(
    `/api/workshops/${code}/participants/${encodeURIComponent(participantId)}/${encodeURIComponent(exerciseId)}`,
    { secret: key },
  );

/** Downloads an export (it needs the key in a header, so not a plain link). */
export async function downloadExport(
  code: string,
  key: string,
  format: 'csv' | 'json',
): Promise<string | null> {
  try {
    const response = await fetch(`/api/workshops/${code}/export.${format}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    if (!response.ok) return `The export failed (${response.status}).`;
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = `workshop-${code}.${format}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return null;
  } catch {
    return 'The server cannot be reached; check the connection.';
  }
}

// Small fetch client for the Kefu REST API (/api/v1).
// Handles JSON, the CSRF double-submit token and the uniform error envelope.

export type Role = 'owner' | 'admin' | 'supervisor' | 'agent';
export type Locale = 'zh-CN' | 'en';
export type Presence = 'online' | 'away' | 'offline';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  presence: Presence;
  active: boolean;
  teamIds: string[];
  createdAt: string;
}

export interface BusinessHours {
  day: number;
  open: string;
  close: string;
}

export interface Tenant {
  id: string;
  name: string;
  slug: string;
  defaultLocale: Locale;
  timezone: string;
  businessHours: BusinessHours[];
  createdAt: string;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
  createdAt: string;
  invitedBy: { id: string; name: string } | null;
}

export interface Team {
  id: string;
  name: string;
  description: string | null;
  memberIds: string[];
  createdAt: string;
}

export interface ApiToken {
  id: string;
  name: string;
  scopes: string[];
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface AuditEntry {
  id: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  actor: { id: string; name: string; email: string } | null;
  ip: string | null;
  userAgent: string | null;
  details: unknown;
  createdAt: string;
}

export interface Mail {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
}

export interface DeadJob {
  id: string;
  queue: string;
  name: string;
  attempts: number;
  error: string | null;
  failedAt: string;
  data: unknown;
}

export interface Session {
  user: User;
  tenant: Tenant;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Field errors of a `validation_failed` response (empty otherwise). */
  get fieldErrors(): FieldError[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldError =>
        typeof d === 'object' && d !== null && typeof d.field === 'string' && typeof d.message === 'string',
    );
  }
}

const BASE = '/api/v1';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken: string | null = null;
let csrfPromise: Promise<string> | null = null;

/** Fetches (or re-fetches) the CSRF token; concurrent callers share one request. */
export function loadCsrfToken(force = false): Promise<string> {
  if (csrfToken && !force) return Promise.resolve(csrfToken);
  if (!csrfPromise || force) {
    csrfPromise = fetch(`${BASE}/auth/csrf`, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    })
      .then(async (res) => {
        if (!res.ok) throw await toError(res);
        const body = (await res.json()) as { csrfToken: string };
        csrfToken = body.csrfToken;
        return csrfToken;
      })
      .finally(() => {
        csrfPromise = null;
      });
  }
  return csrfPromise;
}

async function toError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON
  }
  const err = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  if (err && typeof err.code === 'string') {
    return new ApiError(res.status, err.code, err.message ?? err.code, err.details);
  }
  return new ApiError(
    res.status,
    res.status >= 500 ? 'internal' : 'http_error',
    res.statusText || `HTTP ${res.status}`,
  );
}

async function send(method: string, path: string, body: unknown, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers['x-csrf-token'] = token;
  try {
    return await fetch(`${BASE}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : 'network error');
  }
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const mutating = MUTATING.has(method);
  let token: string | null = null;
  if (mutating) {
    try {
      token = await loadCsrfToken();
    } catch {
      token = null;
    }
  }
  let res = await send(method, path, body, token);
  if (mutating && res.status === 403) {
    const err = await toError(res.clone());
    if (err.code === 'csrf_invalid') {
      token = await loadCsrfToken(true);
      res = await send(method, path, body, token);
    }
  }
  if (!res.ok) throw await toError(res);
  // 202/204 may have an empty body.
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
  del: <T = void>(path: string) => request<T>('DELETE', path),
};

/** One page of a cursor-paginated list. */
export function getPage<T>(path: string, cursor?: string | null, limit = 50): Promise<Page<T>> {
  const qs = new URLSearchParams({ limit: String(limit) });
  if (cursor) qs.set('cursor', cursor);
  const sep = path.includes('?') ? '&' : '?';
  return api.get<Page<T>>(`${path}${sep}${qs.toString()}`);
}

/** All items of a cursor-paginated list (bounded to avoid runaway loops). */
export async function getAll<T>(path: string, maxPages = 20): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const page: Page<T> = await getPage<T>(path, cursor, 100);
    out.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

/** Current session, or null when not signed in. */
export async function fetchSession(): Promise<Session | null> {
  try {
    return await api.get<Session>('/auth/me');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** Forget the CSRF token (e.g. after login/logout when the server may rotate it). */
export function resetCsrfToken(): void {
  csrfToken = null;
}

/**
 * The one door to Parley's HTTP API (docs/api.md): JSON in and out, `Authorization: Bearer`, the error
 * shape `{error:{code,message,details?}}` turned into an `ApiError`, and one retry after a refresh
 * when the access token was refused (401, or API Gateway's authorizer 403); a failed refresh signs out.
 */

/** One entry of a validation error's `details` (the shape of zod issues, loosely). */
export interface ErrorDetail {
  path?: (string | number)[];
  message?: string;
  [key: string]: unknown;
}

/** An error the API answered with (or `network` when it could not be reached). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The message of the detail whose path starts with `field`, for inline form errors. */
  fieldError(field: string): string | undefined {
    const hit = this.details.find((d) => Array.isArray(d.path) && d.path[0] === field);
    return hit?.message;
  }
}

/** Where the client gets and renews its access token (the session store). */
export interface TokenSource {
  /** A valid access token, renewed first when it is about to expire; undefined when signed out. */
  accessToken(): Promise<string | undefined>;
  /** Called once when the authorizer refused the token (401, or the gateway's 403): renew now; true when a new token is ready. */
  renewAfterUnauthorized(): Promise<boolean>;
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** false for register/login/refresh: no token, no renewal on 401 */
  auth?: boolean;
  /** use this bearer token instead of asking the token source */
  token?: string;
  signal?: AbortSignal;
  /** the body as text (a CSV export), not parsed as JSON */
  text?: boolean;
}

export interface ApiClient {
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
}

export interface ApiClientOptions {
  /** `/api` on devstack and behind the same origin */
  baseUrl: string;
  tokens?: TokenSource;
  fetch?: typeof fetch;
}

/** Reads an error body the API sent; falls back to the status when it is not the documented shape. */
export async function toApiError(response: Response): Promise<ApiError> {
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    parsed = undefined;
  }
  const error = (parsed as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : `http_${response.status}`;
  const message = typeof error?.message === 'string' ? error.message : response.statusText || 'Request failed';
  // A list of field issues, or one object (`{reason}` of a refused call): kept as one entry.
  const raw = error?.details;
  const details = Array.isArray(raw)
    ? (raw as ErrorDetail[])
    : typeof raw === 'object' && raw !== null
      ? [raw as ErrorDetail]
      : [];
  return new ApiError(response.status, code, message, details);
}

/**
 * Whether the gateway's authorizer refused the token: 401, or API Gateway's own 403 (its body is
 * `{"message":"Forbidden"}`, not the API's `{error}` shape: an expired, malformed or revoked
 * token). A 403 in the API's shape is a real "you may not" and is not renewed.
 */
export async function refusedByAuthorizer(response: Response): Promise<boolean> {
  if (response.status === 401) return true;
  if (response.status !== 403) return false;
  try {
    const body = (await response.clone().json()) as { error?: unknown; message?: unknown } | null;
    // the API's own refusals carry an `error` object; the gateway's carry only a message
    return typeof body?.message === 'string' && (typeof body.error !== 'object' || body.error === null);
  } catch {
    return true; // no JSON at all: not the API speaking
  }
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  function url(path: string, query?: RequestOptions['query']): string {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== '') search.set(key, String(value));
    }
    const qs = search.toString();
    return `${options.baseUrl}${path}${qs ? `?${qs}` : ''}`;
  }

  async function send(method: string, path: string, opts: RequestOptions, token?: string): Promise<Response> {
    const headers: Record<string, string> = { accept: opts.text ? 'text/csv, text/plain, */*' : 'application/json' };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    try {
      return await doFetch(url(path, opts.query), {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: opts.signal,
      });
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') throw error;
      throw new ApiError(0, 'network', 'Network error');
    }
  }

  return {
    async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
      const auth = opts.auth !== false;
      const token = opts.token ?? (auth ? await options.tokens?.accessToken() : undefined);
      let response = await send(method, path, opts, token);
      const renewable = auth && !opts.token && options.tokens;
      if (renewable && (await refusedByAuthorizer(response)) && (await options.tokens?.renewAfterUnauthorized())) {
        response = await send(method, path, opts, await options.tokens?.accessToken());
      }
      if (!response.ok) throw await toApiError(response);
      if (response.status === 204) return undefined as T;
      const text = await response.text();
      if (opts.text) return text as T;
      return (text ? JSON.parse(text) : undefined) as T;
    },
  };
}

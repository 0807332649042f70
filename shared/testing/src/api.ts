/** What an API call answered: status, parsed body (JSON when it is JSON, else text) and headers. */
export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ApiRequestOptions {
  /** access token, sent as `Authorization: Bearer <token>` */
  token?: string;
  headers?: Record<string, string>;
}

type Body = unknown;

/**
 * A small client for the public API of a devstack (or any Parley origin):
 * `await api(url).post('/api/identity/auth/register', {...})` → `{status, body}`. Never throws on 4xx/5xx.
 */
export function api(baseUrl: string) {
  const call = async <T = unknown>(
    method: string,
    path: string,
    body?: Body,
    options: ApiRequestOptions = {},
  ): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { accept: 'application/json', ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(new URL(path, baseUrl), { method, headers, body: payload });
    const text = await res.text();
    const isJson = (res.headers.get('content-type') ?? '').includes('json');
    let parsed: unknown = text;
    if (isJson && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as T, headers: res.headers };
  };
  return {
    get: <T = unknown>(path: string, options?: ApiRequestOptions) => call<T>('GET', path, undefined, options),
    delete: <T = unknown>(path: string, options?: ApiRequestOptions) => call<T>('DELETE', path, undefined, options),
    post: <T = unknown>(path: string, body?: Body, options?: ApiRequestOptions) => call<T>('POST', path, body, options),
    put: <T = unknown>(path: string, body?: Body, options?: ApiRequestOptions) => call<T>('PUT', path, body, options),
    patch: <T = unknown>(path: string, body?: Body, options?: ApiRequestOptions) =>
      call<T>('PATCH', path, body, options),
  };
}

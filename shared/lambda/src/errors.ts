/** An error that knows its HTTP answer. Domain code throws named domain errors instead; handlers map them. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown[];
  readonly headers?: Record<string, string>;

  constructor(status: number, code: string, message: string, details?: unknown[], headers?: Record<string, string>) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown[] };
}

/** Domain error name → HTTP status (e.g. `{ ConversationNotFound: 404 }`). */
export type ErrorMap = Record<string, number>;

const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
};

/** `ConversationNotFound` → `conversation_not_found` */
export function snakeCase(name: string): string {
  return name
    .replace(/Error$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * Maps any thrown value to a status and the JSON error shape of docs/api.md.
 * Unknown errors are 500 with a generic message: internals never leak.
 */
export function toErrorResponse(
  err: unknown,
  map: ErrorMap = {},
): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (err instanceof HttpError) {
    return {
      status: err.status,
      headers: err.headers,
      body: { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } },
    };
  }
  if (err instanceof Error && map[err.name] !== undefined) {
    const status = map[err.name] as number;
    const details = (err as { details?: unknown[] }).details;
    return {
      status,
      body: { error: { code: snakeCase(err.name), message: err.message, ...(details ? { details } : {}) } },
    };
  }
  return {
    status: 500,
    body: { error: { code: 'internal', message: 'Something went wrong on our side. Try again.' } },
  };
}

export function statusCode(status: number): string {
  return STATUS_CODES[status] ?? 'error';
}

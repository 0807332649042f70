import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http-util.ts';

/**
 * The Chime SDK Voice errors, with the HTTP status the service model gives each and the `Code`
 * member AWS puts in the body. The SDK picks the exception class from `x-amzn-errortype`.
 */
export const VOICE_ERRORS = {
  AccessDeniedException: { status: 403, code: 'AccessDenied' },
  BadRequestException: { status: 400, code: 'BadRequest' },
  ConflictException: { status: 409, code: 'Conflict' },
  ForbiddenException: { status: 403, code: 'Forbidden' },
  GoneException: { status: 410, code: 'Gone' },
  NotFoundException: { status: 404, code: 'NotFound' },
  ResourceLimitExceededException: { status: 400, code: 'ResourceLimitExceeded' },
  ServiceFailureException: { status: 500, code: 'ServiceFailure' },
  ServiceUnavailableException: { status: 503, code: 'ServiceUnavailable' },
  ThrottledClientException: { status: 429, code: 'Throttled' },
  UnauthorizedClientException: { status: 401, code: 'Unauthorized' },
  UnprocessableEntityException: { status: 422, code: 'Unprocessable' },
  /** Not an AWS error: a route of the real API that this emulator does not implement. */
  NotImplementedException: { status: 501, code: 'NotImplemented' },
} as const;

export type VoiceErrorName = keyof typeof VOICE_ERRORS;

/** An error answered in the REST-JSON shape AWS uses: `x-amzn-errortype` + `{Code, Message}`. */
export class VoiceFault extends Error {
  readonly type: VoiceErrorName;
  readonly code: string;
  constructor(type: VoiceErrorName, message: string, code: string = VOICE_ERRORS[type].code) {
    super(message);
    this.type = type;
    this.code = code;
  }
}

export const badRequest = (message: string, code?: string) => new VoiceFault('BadRequestException', message, code);
export const notFound = (message: string) => new VoiceFault('NotFoundException', message);
export const conflict = (message: string) => new VoiceFault('ConflictException', message);

/** A parsed request, as a route's handler sees it. */
export interface VoiceRequest {
  /** Path labels (`{SipRuleId}` …), URI-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body; `{}` when there is none. */
  body: Record<string, unknown>;
}

export interface VoiceReply {
  status: number;
  body?: unknown;
}

/** One operation of the API, bound to its HTTP trait as the SDK's model writes it. */
export interface VoiceRoute {
  operation: string;
  method: string;
  segments: string[];
  /** Literal query members of the trait (`?operation=restore`, `?type=phone-numbers`). */
  literals: [string, string][];
  handle: (req: VoiceRequest) => VoiceReply;
}

/**
 * Declares an operation by its model's HTTP trait, e.g. `route('RestorePhoneNumber',
 * 'POST /phone-numbers/{PhoneNumberId}?operation=restore', handler)`.
 */
export function route(operation: string, http: string, handle: (req: VoiceRequest) => VoiceReply): VoiceRoute {
  const [method = '', target = ''] = http.split(' ');
  const [path = '', literalQuery = ''] = target.split('?');
  return {
    operation,
    method,
    segments: path.split('/').filter(Boolean),
    literals: [...new URLSearchParams(literalQuery).entries()],
    handle,
  };
}

function decodeLabel(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw badRequest(`The path segment "${part}" is not valid percent-encoding.`);
  }
}

function match(r: VoiceRoute, method: string, parts: string[], query: URLSearchParams) {
  if (r.method !== method || r.segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of r.segments.entries()) {
    const part = parts[i] ?? '';
    if (segment.startsWith('{')) params[segment.slice(1, -1)] = decodeLabel(part);
    else if (segment !== part) return undefined;
  }
  if (!r.literals.every(([k, v]) => query.get(k) === v)) return undefined;
  // `POST /phone-numbers/{id}` (UpdatePhoneNumber) must not swallow `?operation=restore`.
  if (query.has('operation') && !r.literals.some(([k]) => k === 'operation')) return undefined;
  return params;
}

/**
 * A node:http request listener for `routes`. `beforeEach` runs first on every request (the
 * emulator settles orders that are due by then).
 */
export function voiceListener(routes: VoiceRoute[], beforeEach: () => void) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const text = body === undefined ? '' : JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(text)),
        'x-amzn-requestid': randomUUID(),
        ...headers,
      });
      res.end(text);
    };
    try {
      const url = new URL(req.url ?? '/', 'http://chime.local');
      const parts = url.pathname.split('/').filter(Boolean);
      const method = req.method ?? 'GET';
      let found: { r: VoiceRoute; params: Record<string, string> } | undefined;
      for (const r of routes) {
        const params = match(r, method, parts, url.searchParams);
        if (params) {
          found = { r, params };
          break;
        }
      }
      const raw = await readBody(req);
      if (!found) {
        throw new VoiceFault(
          'NotImplementedException',
          `devstack's Chime SDK Voice emulator does not implement ${method} ${url.pathname}${url.search}.`,
        );
      }
      let body: Record<string, unknown> = {};
      if (raw.trim()) {
        try {
          const parsed: unknown = JSON.parse(raw);
          if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SyntaxError('not an object');
          body = parsed as Record<string, unknown>;
        } catch {
          throw badRequest('The request body is not a JSON object.');
        }
      }
      beforeEach();
      const out = found.r.handle({ params: found.params, query: url.searchParams, body });
      reply(out.status, out.status === 204 ? undefined : (out.body ?? {}));
    } catch (err) {
      const fault =
        err instanceof VoiceFault
          ? err
          : new VoiceFault('ServiceFailureException', `devstack: ${(err as Error).message}`);
      reply(
        VOICE_ERRORS[fault.type].status,
        { Code: fault.code, Message: fault.message },
        { 'x-amzn-errortype': fault.type },
      );
    }
  };
}

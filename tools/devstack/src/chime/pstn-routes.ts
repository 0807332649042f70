/**
 * `/_dev/pstn`: the virtual phone's HTTP API (used by tests and the `/_dev/phone` page).
 *
 * - `POST /_dev/pstn/calls {from, to}` dials: a number an enabled ToPhoneNumber SIP rule routes
 *   starts an inbound SMA call; a number an emulated carrier trunk holds reaches the SIP rule of
 *   the trunk's Voice Connector host, with To rewritten to +17035550122 and the dialed number in
 *   `X-Parley-Dialed-Number` (the usual carrier header manipulation); anything else fails at once.
 * - `GET /_dev/pstn/calls`, `GET /_dev/pstn/calls/{id}`, `POST …/{id}/answer | hangup | digits {digits}`.
 * - `PUT /_dev/pstn/trunks/{e164} {voiceConnectorHost}`, `GET /_dev/pstn/trunks`, `DELETE …/{e164}`.
 * - `GET /_dev/pstn/stream`: server-sent events, one `data:` line (the call) per change.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendError, sendJson } from '../http-util.ts';
import type { InboundRoute, VoiceDirectory } from './ports.ts';
import type { PhoneResult, PstnCall, PstnCalls } from './pstn-calls.ts';
import { E164_PATTERN, type PstnTrunks } from './pstn-trunks.ts';
import { MEETING_DIAL_IN } from './sma-types.ts';

/** The header the emulated carrier puts the dialed number in when it rewrites To. */
export const DIALED_NUMBER_HEADER = 'X-Parley-Dialed-Number';

export interface PstnRouteDeps {
  phone: PstnCalls;
  trunks: PstnTrunks;
  voice: Pick<VoiceDirectory, 'routeToPhoneNumber' | 'routeToHostname'>;
  driver: {
    startInbound(input: {
      route: InboundRoute;
      from: string;
      to: string;
      sipHeaders?: Record<string, string>;
      call: PstnCall;
    }): string;
  };
}

class BadRequest extends Error {}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = JSON.parse((await readBody(req, 16_384)) || '{}');
  } catch {
    throw new BadRequest('The request body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new BadRequest('The body must be a JSON object.');
  return body as Record<string, unknown>;
}

function e164(value: unknown, name: string): string {
  if (typeof value !== 'string' || !E164_PATTERN.test(value))
    throw new BadRequest(`${name} must be an E.164 number such as +41441234567.`);
  return value;
}

/** Dials `to` from `from` (see the module comment). */
export function dial(deps: PstnRouteDeps, from: string, to: string): PstnCall {
  const direct = deps.voice.routeToPhoneNumber(to);
  if (direct) {
    const call = deps.phone.open({ direction: 'inbound', from, to });
    deps.driver.startInbound({ route: direct, from, to, call });
    return call;
  }
  const trunk = deps.trunks.get(to);
  if (trunk) {
    const viaTrunk = deps.voice.routeToHostname(trunk.voiceConnectorHost);
    if (viaTrunk) {
      const sipHeaders = { [DIALED_NUMBER_HEADER]: to };
      const call = deps.phone.open({ direction: 'inbound', from, to, sipHeaders });
      deps.driver.startInbound({ route: viaTrunk, from, to: MEETING_DIAL_IN, sipHeaders, call });
      return call;
    }
    return deps.phone.open({
      direction: 'inbound',
      from,
      to,
      failed: 'not-routed',
      message: `The carrier sends ${to} to ${trunk.voiceConnectorHost}, but no enabled RequestUriHostname SIP rule names that host.`,
    });
  }
  return deps.phone.open({
    direction: 'inbound',
    from,
    to,
    failed: 'not-routed',
    message: `No enabled SIP rule routes ${to}, and no carrier trunk holds it.`,
  });
}

function phoneReply(res: ServerResponse, result: PhoneResult): void {
  if (result.ok) sendJson(res, 200, result.call);
  else sendError(res, result.status, result.code, result.message);
}

function stream(req: IncomingMessage, res: ServerResponse, phone: PstnCalls): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write(': the virtual phone\n\n');
  const unwatch = phone.watch((call) => res.write(`data: ${JSON.stringify(call)}\n\n`));
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  req.on('close', () => {
    unwatch();
    clearInterval(heartbeat);
  });
}

/** Answers a request under /_dev/pstn. */
export async function pstnRoute(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: PstnRouteDeps,
): Promise<void> {
  const parts = url.pathname.replace(/\/$/, '').split('/').slice(3).map(decodeURIComponent); // after /_dev/pstn
  const method = req.method ?? 'GET';
  const [resource, id, verb, ...rest] = parts;
  try {
    if (resource === 'stream' && !id && method === 'GET') return stream(req, res, deps.phone);
    if (resource === 'calls' && !id) {
      if (method === 'GET') return sendJson(res, 200, { items: deps.phone.list() });
      if (method === 'POST') {
        const body = await jsonBody(req);
        const call = dial(deps, e164(body.from, 'from'), e164(body.to, 'to'));
        return sendJson(res, 201, call);
      }
    }
    if (resource === 'calls' && id && !verb && method === 'GET') {
      const call = deps.phone.get(id);
      return call ? sendJson(res, 200, call) : sendError(res, 404, 'not_found', `The virtual phone has no call ${id}.`);
    }
    if (resource === 'calls' && id && verb && !rest.length && method === 'POST') {
      if (verb === 'answer') return phoneReply(res, deps.phone.answer(id));
      if (verb === 'hangup') return phoneReply(res, deps.phone.hangup(id));
      if (verb === 'digits') {
        const { digits } = await jsonBody(req);
        if (typeof digits !== 'string' || !/^[0-9*#]{1,50}$/.test(digits))
          throw new BadRequest('digits must be 1 to 50 of 0-9, * and #.');
        return phoneReply(res, deps.phone.pressDigits(id, digits));
      }
    }
    if (resource === 'trunks' && !id && method === 'GET') return sendJson(res, 200, { items: deps.trunks.list() });
    if (resource === 'trunks' && id && !verb) {
      if (method === 'PUT') {
        const { voiceConnectorHost } = await jsonBody(req);
        const put = deps.trunks.put(id, voiceConnectorHost);
        if (typeof put === 'string') throw new BadRequest(put);
        return sendJson(res, put.created ? 201 : 200, put.trunk);
      }
      if (method === 'DELETE') {
        if (!deps.trunks.delete(id)) return sendError(res, 404, 'not_found', `No carrier trunk holds ${id}.`);
        res.writeHead(204).end();
        return;
      }
    }
    sendError(res, 404, 'not_found', `The virtual phone has no ${method} ${url.pathname}. See /_dev/phone.`);
  } catch (err) {
    if (err instanceof BadRequest) return sendError(res, 400, 'validation_failed', err.message);
    throw err;
  }
}

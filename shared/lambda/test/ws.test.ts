import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { accepted, headerOf, originAllowed, reply, type WsEvent, wsHandler } from '../src/ws.ts';

const context = {
  functionName: 'ws-test',
  awsRequestId: 'r',
  getRemainingTimeInMillis: () => 5000,
} as unknown as Context;

function message(body: string | undefined, routeKey = 'typing'): WsEvent {
  return {
    requestContext: { connectionId: 'conn-1', routeKey, requestId: 'req-1', authorizer: { userId: 'ana' } },
    body,
  };
}

class NotAMember extends Error {
  override name = 'NotAMember';
}

const Typing = z.strictObject({ action: z.literal('typing'), conversationId: z.string().min(1) });

describe('wsHandler', () => {
  it('given a valid message, when handled, then the handler gets the parsed body and the connection id', async () => {
    // Prepare
    const seen: unknown[] = [];
    const handler = wsHandler({ body: Typing }).handler(async (event) => {
      seen.push({ body: event.body, connectionId: event.connectionId });
      return accepted();
    });
    // Act
    const result = await handler(message('{"action":"typing","conversationId":"c1"}'), context);
    // Assess
    expect(result).toEqual({ statusCode: 200 });
    expect(seen).toEqual([{ body: { action: 'typing', conversationId: 'c1' }, connectionId: 'conn-1' }]);
  });

  it('given invalid JSON, a schema violation or an oversize message, when handled, then the caller gets a 4xx reply and the handler never runs', async () => {
    let ran = false;
    const handler = wsHandler({ body: Typing, maxBodyBytes: 100 }).handler(async () => {
      ran = true;
      return accepted();
    });

    const bad = await handler(message('{"action":"typing",'), context);
    const invalid = await handler(message('{"action":"typing","conversationId":7,"extra":1}'), context);
    const huge = await handler(message(`{"action":"typing","conversationId":"${'c'.repeat(200)}"}`), context);

    expect(ran).toBe(false);
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body ?? '')).toMatchObject({ error: { code: 'invalid_json' } });
    expect(invalid.statusCode).toBe(400);
    expect(
      JSON.parse(invalid.body ?? '')
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['', 'conversationId']);
    expect(huge.statusCode).toBe(413);
  });

  it('given a domain error, when thrown, then it maps to its status and the custom reply names the refused action', async () => {
    const handler = wsHandler({
      body: Typing,
      errors: { NotAMember: 403 },
      errorReply: (e) => JSON.stringify({ type: 'error', data: { code: e.code, action: e.action } }),
    }).handler(async () => {
      throw new NotAMember('no');
    });

    const result = await handler(message('{"action":"typing","conversationId":"c1"}'), context);

    expect(result).toEqual({
      statusCode: 403,
      body: JSON.stringify({ type: 'error', data: { code: 'not_a_member', action: 'typing' } }),
    });
  });

  it('given an unexpected failure, when thrown, then the reply is a generic 500 without internals', async () => {
    const handler = wsHandler().handler(async () => {
      throw new Error('dynamo exploded at 10.0.0.1');
    });

    const result = await handler(message(undefined, '$connect'), context);

    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('10.0.0.1');
  });

  it('given a handler reply, when returned, then it is passed through for the route response', async () => {
    const handler = wsHandler().handler(async () => reply('{"type":"pong"}'));
    expect(await handler(message('{"action":"ping"}', 'ping'), context)).toEqual({
      statusCode: 200,
      body: '{"type":"pong"}',
    });
  });
});

describe('origin check', () => {
  it('given the allowlist, when a browser origin is listed or not, then it is allowed or refused; a missing Origin follows allowMissing', () => {
    const allowed = ['http://localhost:3000'];
    expect(originAllowed('http://localhost:3000', allowed, false)).toBe(true);
    expect(originAllowed('https://evil.example', allowed, true)).toBe(false);
    expect(originAllowed('null', allowed, true)).toBe(false);
    expect(originAllowed(undefined, allowed, true)).toBe(true);
    expect(originAllowed(undefined, allowed, false)).toBe(false);
  });

  it('given any header casing, when looked up, then it is found', () => {
    expect(headerOf({ headers: { Origin: 'http://localhost:3000' } }, 'origin')).toBe('http://localhost:3000');
    expect(headerOf({ headers: null }, 'origin')).toBeUndefined();
  });
});

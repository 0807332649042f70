import { UserRegistered } from '@parley/events/identity';
import { authOf } from '@parley/lambda/auth-context';
import { describe, expect, it } from 'vitest';
import { busEvent, httpAuthorizerEvent, httpEvent, websocketAuthorizerEvent, websocketEvent } from '../src/events.ts';
import { lambdaContext } from '../src/lambda-context.ts';

const registered = {
  userId: 'u1',
  displayName: 'Ana',
  email: 'ana@example.com',
  roles: ['user'],
  registeredAt: '2026-01-01T00:00:00.000Z',
};

describe('event builders', () => {
  it('given an authenticated HTTP event, then the handler kit reads the caller back from the authorizer context', () => {
    const event = httpEvent({
      method: 'post',
      path: '/conversations/c1/messages',
      route: '/conversations/{id}/messages',
      pathParameters: { id: 'c1' },
      body: { text: 'hi' },
      auth: { userId: 'u1', roles: ['admin'] },
    });

    expect(event.routeKey).toBe('POST /conversations/{id}/messages');
    expect(event.requestContext.http.method).toBe('POST');
    expect(JSON.parse(event.body as string)).toEqual({ text: 'hi' });
    expect(authOf(event)).toEqual({ userId: 'u1', roles: ['admin'], sessionId: 'sess-test' });
  });

  it('given no auth, then authOf refuses the event; a string body is passed through untouched', () => {
    const event = httpEvent({ body: '{not json' });

    expect(() => authOf(event)).toThrow(/Sign in first/);
    expect(event.body).toBe('{not json');
  });

  it('given a WebSocket $connect with auth, then the authorizer context is flat, as API Gateway passes it', () => {
    const event = websocketEvent({ routeKey: '$connect', connectionId: 'abc', auth: { userId: 'u2' } });

    expect(event.requestContext).toMatchObject({ eventType: 'CONNECT', connectionId: 'abc' });
    expect(authOf(event)).toMatchObject({ userId: 'u2' });
  });

  it('authorizer events carry the token where the authorizers look for it', () => {
    expect(httpAuthorizerEvent({ token: 't1' }).headers?.authorization).toBe('Bearer t1');
    expect(websocketAuthorizerEvent({ token: 't2' }).queryStringParameters?.token).toBe('t2');
  });

  it('given an event definition and data, then the EventBridge event has its source, detail-type and a valid envelope', () => {
    const event = busEvent(UserRegistered, registered, { eventId: 'e1', audience: ['u1'] });

    expect(event.source).toBe('parley.identity');
    expect(event['detail-type']).toBe('identity.UserRegistered');
    expect(event.detail).toMatchObject({
      metadata: { eventId: 'e1', version: 1, correlationId: 'e1' },
      audience: ['u1'],
      data: registered,
    });
  });

  it('given data the schema refuses, then no event is built', () => {
    expect(() => busEvent(UserRegistered, { ...registered, email: 'nope' })).toThrow();
  });

  it('the Lambda context counts its remaining time down', () => {
    const context = lambdaContext({ functionName: 'parley-numbers-local-onUserRegistered' });

    expect(context.invokedFunctionArn).toContain('function:parley-numbers-local-onUserRegistered');
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(9000);
  });
});

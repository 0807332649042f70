import { httpEvent } from '@parley/testing/events';
import { lambdaContext } from '@parley/testing/lambda-context';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { register } from '../src/domain/accounts.ts';
import { testDeps, tokenMailedTo } from './support/memory.ts';

type Http = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

let deps: Awaited<ReturnType<typeof testDeps>>;
let requestReset: Http;
let confirmReset: Http;
let confirmVerification: Http;

beforeAll(async () => {
  for (const [k, v] of Object.entries({
    TABLE_NAME: 'unit-test-table',
    EVENT_BUS_NAME: 'unit-test-bus',
    AVATARS_BUCKET: 'unit-test-avatars',
    SIGNING_KEYS_PARAMETER: '/unit/keys',
    AUTH_ISSUER: 'https://issuer.test',
    AUTH_AUDIENCE: 'parley',
  }))
    vi.stubEnv(k, v);
  deps = await testDeps();
  await register(deps, { email: 'alice@example.com', password: 'correct horse battery', displayName: 'Alice' });
  // the handlers' wiring, with the in-memory ports instead of DynamoDB and SES
  vi.doMock('../src/wiring/mail.ts', () => ({ passwordReset: () => deps, registration: () => deps }));
  ({ handler: requestReset } = await import('../src/handlers/http/request-password-reset.ts'));
  ({ handler: confirmReset } = await import('../src/handlers/http/confirm-password-reset.ts'));
  ({ handler: confirmVerification } = await import('../src/handlers/http/confirm-email-verification.ts'));
});

async function post(handler: Http, path: string, body: unknown, sourceIp = '198.51.100.7') {
  const event = httpEvent({ method: 'POST', path, body });
  event.requestContext.http.sourceIp = sourceIp;
  const res = await handler(event, lambdaContext({ functionName: 'parley-identity-test' }));
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined, headers: res.headers ?? {} };
}

describe('POST /auth/password-reset', () => {
  it('answers 202 with the same body for a known and an unknown email', async () => {
    const known = await post(requestReset, '/auth/password-reset', { email: 'Alice@Example.com' });
    const unknown = await post(requestReset, '/auth/password-reset', { email: 'nobody@example.com' });
    expect(known.status).toBe(202);
    expect({ status: unknown.status, body: unknown.body }).toEqual({ status: known.status, body: known.body });
  });

  it.each([[{}], [{ email: 'not-an-email' }], [{ email: 'a@b.co', extra: 1 }]])(
    'refuses %j with 400 validation_failed, mailing nothing',
    async (body) => {
      const before = deps.mailer.sent.length;
      const res = await post(requestReset, '/auth/password-reset', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(deps.mailer.sent.length).toBe(before);
    },
  );

  it('past 3 requests for one email in an hour, answers 429 password_reset_throttled with Retry-After', async () => {
    const email = 'carol@example.com';
    for (let i = 0; i < 3; i++)
      expect((await post(requestReset, '/auth/password-reset', { email }, `203.0.113.${i + 1}`)).status).toBe(202);
    const refused = await post(requestReset, '/auth/password-reset', { email }, '203.0.113.77');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('password_reset_throttled');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('POST /auth/password-reset/confirm', () => {
  it('given the mailed token, 204; again, 400 email_token_used', async () => {
    await post(requestReset, '/auth/password-reset', { email: 'alice@example.com' }, '192.0.2.1');
    const token = tokenMailedTo(deps.mailer, 'alice@example.com');
    const first = await post(confirmReset, '/auth/password-reset/confirm', { token, password: 'purple otter lantern' });
    expect(first.status).toBe(204);
    const again = await post(confirmReset, '/auth/password-reset/confirm', { token, password: 'purple otter lantern' });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('email_token_used');
  });

  it('given an unknown token, 400 email_token_invalid', async () => {
    const res = await post(confirmReset, '/auth/password-reset/confirm', {
      token: 'A'.repeat(43),
      password: 'purple otter lantern',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('email_token_invalid');
  });

  it.each([
    [{ token: 'A'.repeat(43) }],
    [{ token: 'short', password: 'purple otter lantern' }],
    [{ token: 'not/base64url!'.padEnd(43, 'x'), password: 'purple otter lantern' }],
    [{ token: 'A'.repeat(43), password: 'short' }],
  ])('refuses %j with 400 validation_failed', async (body) => {
    const res = await post(confirmReset, '/auth/password-reset/confirm', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });

  it('given a common password, 400 password_too_common', async () => {
    await post(requestReset, '/auth/password-reset', { email: 'alice@example.com' }, '192.0.2.2');
    const token = tokenMailedTo(deps.mailer, 'alice@example.com');
    const res = await post(confirmReset, '/auth/password-reset/confirm', { token, password: 'password123' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('password_too_common');
  });
});

describe('POST /auth/email-verification/confirm', () => {
  it('given a bad token, 400; given no token, 400 validation_failed', async () => {
    expect(
      (await post(confirmVerification, '/auth/email-verification/confirm', { token: 'B'.repeat(43) })).body.error.code,
    ).toBe('email_token_invalid');
    expect((await post(confirmVerification, '/auth/email-verification/confirm', {})).body.error.code).toBe(
      'validation_failed',
    );
  });
});

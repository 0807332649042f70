import { describe, expect, inject, it } from 'vitest';
import { waitForCode } from '../support/mobile.ts';
import { authHeader, type RegisteredUser, registerUser } from '../support/users.ts';

// Mobile-number verification end to end: identity → identity.MobileVerificationRequested → notifications'
// SMS guard → SNS (devstack's emulator) → GET /_dev/sms → confirm.
const { url } = inject('devstack');

async function call(user: RegisteredUser, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/api/identity${path}`, {
    method,
    headers: { ...authHeader(user), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

const uniqueNumber = (prefix: string) => `${prefix}${String(Date.now()).slice(-7)}`;
const wrong = (code: string) => (code === '000000' ? '111111' : '000000');

describe('mobile number verification', () => {
  it('given a code texted to my number, when I confirm it, then GET /me shows the number verified', async () => {
    const ana = await registerUser(url);
    const number = uniqueNumber('+4179');

    expect((await call(ana, 'POST', '/me/mobile/verification', { mobileNumber: number })).status).toBe(202);
    expect((await call(ana, 'GET', '/me')).body).toMatchObject({ mobileVerified: false });
    const code = await waitForCode(url, number);
    const confirmed = await call(ana, 'POST', '/me/mobile/verification/confirm', { code });

    expect(confirmed).toEqual({ status: 200, body: { mobileNumber: number, mobileVerified: true } });
    expect((await call(ana, 'GET', '/me')).body).toMatchObject({ mobileNumber: number, mobileVerified: true });
  });

  it('given a pending code, when a wrong code is sent, then 400; after five wrong tries, the sixth (even right) is 429', async () => {
    const ben = await registerUser(url);
    const number = uniqueNumber('+4178');
    expect((await call(ben, 'POST', '/me/mobile/verification', { mobileNumber: number })).status).toBe(202);
    const code = await waitForCode(url, number);

    const tries = [];
    for (let i = 0; i < 5; i++) {
      tries.push((await call(ben, 'POST', '/me/mobile/verification/confirm', { code: wrong(code) })).status);
    }
    const sixth = await call(ben, 'POST', '/me/mobile/verification/confirm', { code });

    expect(tries).toEqual([400, 400, 400, 400, 400]);
    expect(sixth.status).toBe(429);
    expect((await call(ben, 'GET', '/me')).body).toMatchObject({ mobileVerified: false });
  });

  it('given a code asked for a moment ago, when I ask again, then 429', async () => {
    const cai = await registerUser(url);
    const number = uniqueNumber('+4177');
    expect((await call(cai, 'POST', '/me/mobile/verification', { mobileNumber: number })).status).toBe(202);

    expect((await call(cai, 'POST', '/me/mobile/verification', { mobileNumber: number })).status).toBe(429);
  });
});

import type { DevstackInfo } from '@parley/testing/devstack-info';
import { expect } from 'vitest';
import { asAdmin } from './admins.ts';
import { api } from './http.ts';
import { type RegisteredUser, registerUser } from './users.ts';

const POLL = { timeout: 20_000, interval: 250 };

/**
 * A number from the emulated carrier's pool, in the first of `countries` that has one left, imported
 * and assigned to the user `userId` by an admin (the assignment is retried until numbers has learnt of
 * the user and the import's provisioning has landed).
 */
export async function assignNumber(
  devstack: DevstackInfo,
  userId: string,
  countries: readonly string[] = ['SG'],
): Promise<{ e164: string; country: string }> {
  const numbers = api('numbers', devstack.url);
  const admin = await asAdmin(devstack, await registerUser(devstack.url));
  const token = admin.tokens.accessToken;
  for (const country of countries) {
    const pool = await numbers('GET', `/numbers/available?country=${country}&type=local`, { token });
    const e164 = pool.body.items[0]?.e164 as string | undefined;
    if (!e164) continue;
    expect((await numbers('POST', '/numbers/imports', { token, body: { e164, carrier: 'sip-trunk' } })).status).toBe(
      201,
    );
    await expect
      .poll(
        async () =>
          (await numbers('PUT', `/numbers/${encodeURIComponent(e164)}/assignment`, { token, body: { userId } })).status,
        POLL,
      )
      .toBe(200);
    return { e164, country };
  }
  throw new Error(`the carrier pool has no number left in ${countries.join(', ')}`);
}

/** A Singapore number from the emulated carrier's pool, given to `user`. Returns its E.164. */
export async function giveNumber(devstack: DevstackInfo, user: RegisteredUser): Promise<string> {
  return (await assignNumber(devstack, user.user.id)).e164;
}

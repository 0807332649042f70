import type { DevstackInfo } from '@parley/testing/devstack-info';
import { expect } from 'vitest';
import { asAdmin } from './admins.ts';
import { api } from './http.ts';
import { type RegisteredUser, registerUser } from './users.ts';

const POLL = { timeout: 20_000, interval: 250 };

/**
 * A Singapore number from the emulated carrier's pool, imported and assigned to `user` by an admin
 * (the assignment is retried until the import's provisioning has landed). Returns its E.164.
 */
export async function giveNumber(devstack: DevstackInfo, user: RegisteredUser): Promise<string> {
  const numbers = api('numbers', devstack.url);
  const admin = await asAdmin(devstack, await registerUser(devstack.url));
  const token = admin.tokens.accessToken;
  const pool = await numbers('GET', '/numbers/available?country=SG&type=local', { token });
  const e164 = pool.body.items[0]?.e164 as string;
  expect(e164, 'the carrier pool has a Singapore number left').toBeDefined();
  expect((await numbers('POST', '/numbers/imports', { token, body: { e164, carrier: 'sip-trunk' } })).status).toBe(201);
  await expect
    .poll(
      async () =>
        (
          await numbers('PUT', `/numbers/${encodeURIComponent(e164)}/assignment`, {
            token,
            body: { userId: user.user.id },
          })
        ).status,
      POLL,
    )
    .toBe(200);
  return e164;
}

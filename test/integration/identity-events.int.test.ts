import { describe, expect, it } from 'vitest';
import { api, devstackUrl } from '../support/http.ts';
import { registerUser } from '../support/users.ts';

// Identity's events reach the bus (devstack's EventBridge broker), seen through the /_dev/events tail.

interface BusEvent {
  detailType: string;
  // aws.chime events share the bus and carry no `data`
  detail: { audience?: string[]; data?: Record<string, unknown> };
}

/** Reads the bus tail (with replay) until `done` holds for the events seen, or `timeoutMs` passes. */
async function busEvents(done: (events: BusEvent[]) => boolean, timeoutMs = 30_000): Promise<BusEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const seen: BusEvent[] = [];
  try {
    const res = await fetch(`${devstackUrl()}/_dev/events?replay=1`, { signal: controller.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    while (!done(seen)) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      buffer += decoder.decode(value, { stream: true });
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('data: ')) seen.push(JSON.parse(line.slice(6)));
    }
  } catch (err) {
    if ((err as Error).name !== 'AbortError') throw err;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return seen;
}

describe('identity events on the bus', () => {
  it('publishes UserRegistered, ProfileUpdated, ContactAdded/Removed and SessionRevoked with the user as audience', async () => {
    const call = api('identity');
    const [alice, bob] = await Promise.all([registerUser(devstackUrl()), registerUser(devstackUrl())]);
    const token = alice.tokens.accessToken;
    const statuses = [
      (await call('PATCH', '/me', { token, body: { mobileNumber: '+41791234567', statusMessage: 'hello' } })).status,
      (await call('PUT', `/contacts/${bob.user.id}`, { token })).status,
      (await call('DELETE', `/contacts/${bob.user.id}`, { token })).status,
      (await call('POST', '/auth/logout', { body: { refreshToken: alice.tokens.refreshToken } })).status,
    ];
    expect(statuses).toEqual([200, 201, 204, 204]);

    const mine = (events: BusEvent[]) => events.filter((e) => e.detail.data?.userId === alice.user.id);
    const wanted = [
      'identity.UserRegistered',
      'identity.ProfileUpdated',
      'identity.ContactAdded',
      'identity.ContactRemoved',
      'identity.SessionRevoked',
    ];
    const events = mine(await busEvents((all) => wanted.every((t) => mine(all).some((e) => e.detailType === t))));
    expect(
      events.map((e) => e.detailType),
      `bus tail showed ${JSON.stringify(events)}`,
    ).toEqual(expect.arrayContaining(wanted));
    const profile = events.find((e) => e.detailType === 'identity.ProfileUpdated');
    expect(profile?.detail.data).toMatchObject({ mobileNumber: '+41791234567', statusMessage: 'hello' });
    expect(profile?.detail.audience).toEqual([alice.user.id]);
    const revoked = events.find((e) => e.detailType === 'identity.SessionRevoked');
    expect(revoked?.detail.data).toEqual({
      userId: alice.user.id,
      sessionId: alice.tokens.sessionId,
      reason: 'logout',
    });
  });
});

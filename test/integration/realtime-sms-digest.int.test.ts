import { RealtimeClient, websocketUrl } from '@parley/realtime/node-client';
import { describe, expect, inject, it } from 'vitest';
import { authHeader, type RegisteredUser, registerUser } from '../support/users.ts';

// The offline fallback end to end: preference → MessageSent to an offline recipient → the
// every-minute sweep → SNS (devstack's emulator) → GET /_dev/sms. Slow by nature: the digest is due
// one minute after the first message and the sweep runs on the minute (about two minutes in all).
const devstack = inject('devstack');
const { url } = devstack;

async function call(user: RegisteredUser, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/api${path}`, {
    method,
    headers: { ...authHeader(user), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

type OutboxItem = { phoneNumber: string; message: string };
async function outboxFor(phoneNumber: string): Promise<OutboxItem[]> {
  const res = await fetch(`${url}/_dev/sms`);
  return ((await res.json()) as { items: OutboxItem[] }).items.filter((i) => i.phoneNumber === phoneNumber);
}

/**
 * Runs notifications' every-minute digest sweep once, now, through serverless-offline's Lambda invoke
 * API, and resolves when it has finished: the marker that any further SMS would already be in the
 * outbox. (A sweep takes each digest atomically, so one overlapping the scheduled run is harmless.)
 */
async function sweepDigestsNow(): Promise<void> {
  const port = devstack.services.notifications?.lambda;
  expect(port, 'notifications runs on this devstack').toBeDefined();
  const res = await fetch(
    `http://127.0.0.1:${port}/2015-03-31/functions/parley-notifications-${devstack.stage}-sendDigests/invocations`,
    { method: 'POST', body: '{}' },
  );
  expect({ status: res.status, error: res.headers.get('x-amz-function-error') }).toEqual({ status: 200, error: null });
}

/** A Swiss test number unique to this run (identity keeps numbers per user; the outbox is shared). */
const mobileNumber = () => `+4179${String(Date.now()).slice(-7)}`;

describe('offline SMS digest', () => {
  it('given an opted-in recipient who stays offline, when three messages arrive, then ONE SMS reaches their number; an online member gets none', async () => {
    // Prepare: ben opts in with a 1-minute delay and a mobile number; cleo opts in too but stays connected
    const [ana, ben, cleo] = [await registerUser(url), await registerUser(url), await registerUser(url)];
    const [benNumber, cleoNumber] = [mobileNumber(), `+4178${String(Date.now()).slice(-7)}`];
    for (const [user, number] of [
      [ben, benNumber],
      [cleo, cleoNumber],
    ] as const) {
      expect((await call(user, 'PATCH', '/identity/me', { mobileNumber: number })).status).toBe(200);
      const prefs = await call(user, 'PUT', '/notifications/preferences', {
        smsOnMessageWhenOffline: true,
        offlineDelayMinutes: 1,
      });
      expect(prefs.status).toBe(200);
    }
    const cleoSocket = await RealtimeClient.connect(websocketUrl(url), cleo.tokens.accessToken);
    const created = await call(ana, 'POST', '/messaging/conversations', {
      memberIds: [ben.user.id, cleo.user.id],
      kind: 'group',
    });
    const conversationId = (created.body.conversation as { id: string }).id;

    // Act
    for (let i = 0; i < 3; i += 1) {
      const sent = await call(ana, 'POST', `/messaging/conversations/${conversationId}/messages`, {
        clientMessageId: `sms-${Date.now()}-${i}`,
        text: `ping ${i}`,
      });
      expect(sent.status).toBe(201);
    }
    await cleoSocket.waitFor((f) => f.type === 'messaging.MessageSent' && f.data.text === 'ping 2');
    const deadline = Date.now() + 150_000;
    let received: OutboxItem[] = [];
    while (received.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 2_000));
      received = await outboxFor(benNumber);
    }
    // the digest was taken out when sent: a sweep run after it (to completion) sends ben nothing more
    await sweepDigestsNow();

    // Assess
    expect(await outboxFor(benNumber)).toEqual([
      { ...received[0], message: 'Parley: 3 new messages while you were away. Open Parley to read them.' },
    ]);
    expect(await outboxFor(cleoNumber)).toEqual([]);
    await cleoSocket.close();
  }, 300_000);
});

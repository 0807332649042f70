import { RealtimeClient, websocketUrl } from '@parley/realtime/node-client';
import { describe, expect, inject, it } from 'vitest';
import { smsTo, verifyMobileNumber } from '../support/mobile.ts';
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
const outboxFor = (phoneNumber: string) => smsTo(url, phoneNumber);
const isCode = (sms: OutboxItem) => /^Parley: your verification code is \d{6}\./.test(sms.message);

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
const mobileNumber = (prefix = '+4179') => `${prefix}${String(Date.now()).slice(-7)}`;

const optIn = async (user: RegisteredUser) =>
  expect(
    (await call(user, 'PUT', '/notifications/preferences', { smsOnMessageWhenOffline: true, offlineDelayMinutes: 1 }))
      .status,
  ).toBe(200);

describe('offline SMS digest', () => {
  it('given an opted-in recipient who stays offline, when three messages arrive, then ONE SMS reaches their verified number; an online member and a stranger named by other accounts get none', async () => {
    // Prepare: ben and cleo verify their numbers and opt in with a 1-minute delay; cleo stays connected.
    // Six other accounts name one stranger's number: each asks for a code, three also set it unverified and opt in.
    const [ana, ben, cleo] = [await registerUser(url), await registerUser(url), await registerUser(url)];
    const [benNumber, cleoNumber, strangerNumber] = [mobileNumber(), mobileNumber('+4178'), mobileNumber('+4176')];
    for (const [user, number] of [
      [ben, benNumber],
      [cleo, cleoNumber],
    ] as const) {
      await verifyMobileNumber(url, user.tokens.accessToken, number);
      await optIn(user);
    }
    const attackers = await Promise.all(Array.from({ length: 6 }, () => registerUser(url)));
    for (const attacker of attackers) {
      const asked = await call(attacker, 'POST', '/identity/me/mobile/verification', { mobileNumber: strangerNumber });
      expect(asked.status).toBe(202);
    }
    for (const attacker of attackers.slice(0, 3)) {
      const patched = await call(attacker, 'PATCH', '/identity/me', { mobileNumber: strangerNumber });
      expect(patched.body).toMatchObject({ mobileNumber: strangerNumber, mobileVerified: false });
      await optIn(attacker);
    }
    const cleoSocket = await RealtimeClient.connect(websocketUrl(url), cleo.tokens.accessToken);
    const created = await call(ana, 'POST', '/messaging/conversations', {
      memberIds: [ben.user.id, cleo.user.id, ...attackers.slice(0, 3).map((a) => a.user.id)],
      kind: 'group',
    });
    const conversationId = (created.body.conversation as { id: string }).id;
    // ana is a stranger to ben: her group is a request (no SMS) until he accepts it
    expect((await call(ben, 'POST', `/messaging/conversations/${conversationId}/accept`)).status).toBe(200);

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
      received = (await outboxFor(benNumber)).filter((s) => !isCode(s));
    }
    // the digest was taken out when sent: a sweep run after it (to completion) sends ben nothing more
    await sweepDigestsNow();

    // Assess: besides its verification code, each verified number got only what was due to it; the
    // stranger got the codes up to the per-destination cap (5 a day) and no digest
    const digest = 'Parley: 3 new messages while you were away. Open Parley to read them.';
    // (by text: the entry's delivery status moves on from sent to delivered meanwhile)
    const benTexts = (await outboxFor(benNumber)).filter((s) => !isCode(s));
    expect(benTexts.map((s) => s.message)).toEqual([digest]);
    expect((await outboxFor(cleoNumber)).filter((s) => !isCode(s))).toEqual([]);
    const stranger = await outboxFor(strangerNumber);
    expect(stranger).toHaveLength(5);
    expect(stranger.every(isCode)).toBe(true);
    await cleoSocket.close();
  }, 300_000);
});

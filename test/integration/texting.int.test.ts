// biome-ignore-all lint/suspicious/noExplicitAny: test responses are read field by field
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { api } from '../support/http.ts';
import { smsTo } from '../support/mobile.ts';
import { giveNumber } from '../support/numbers.ts';
import { type RegisteredUser, registerUser } from '../support/users.ts';

// Issue 17, the product part (ADR 0028): a phone texts a user's Parley number, the text becomes a
// message in their sms conversation; their reply goes out through the messaging provider, its
// delivery comes back; STOP stops the next reply.
const devstack = inject('devstack');
const { url } = devstack;
const messaging = api('messaging', url);
const POLL = { timeout: 30_000, interval: 300 };

/** A phone number unique to this run. */
const phone = () => `+4179${String(Date.now() + Math.floor(Math.random() * 1000)).slice(-7)}`;

async function textParley(from: string, to: string, body: string) {
  const res = await fetch(`${url}/_dev/sms/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from, to, body, channel: 'sms' }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { id: string; status: number };
}

/** notifications.TextReceived put on the bus as notifications publishes it (a new eventId each time). */
async function publishTextReceived(from: string, to: string, body: string, providerMessageId: string) {
  const eventId = randomUUID();
  const res = await fetch(`${url}/_dev/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      source: 'parley.notifications',
      detailType: 'notifications.TextReceived',
      detail: {
        metadata: { eventId, version: 1, occurredAt: new Date().toISOString(), correlationId: eventId },
        data: {
          channel: 'sms',
          from,
          to,
          body,
          provider: 'aws',
          providerMessageId,
          receivedAt: new Date().toISOString(),
        },
      },
    }),
  });
  expect(res.status).toBe(200);
}

let ana: RegisteredUser;
let parleyNumber: string;
let ready: Promise<void> | undefined;
/** Ana with a Parley number (inside a test: giveNumber polls). */
const anaWithNumber = () => {
  ready ??= (async () => {
    ana = await registerUser(url);
    parleyNumber = await giveNumber(devstack, ana);
  })();
  return ready;
};

async function smsConversation(party: string): Promise<any | undefined> {
  const list = await messaging('GET', '/conversations', { token: ana.tokens.accessToken });
  return list.body.items.find((c: any) => c.kind === 'sms' && c.party?.phoneNumber === party);
}

const history = async (id: string) =>
  (await messaging('GET', `/conversations/${id}/messages`, { token: ana.tokens.accessToken })).body.items as any[];

describe('texting a phone from Parley', () => {
  it('turns a text into a conversation, sends the reply, tracks its delivery and honours STOP', async () => {
    await anaWithNumber();
    const party = phone();
    const token = ana.tokens.accessToken;
    // Ana's number reaches messaging's copy of number owners a moment after the assignment
    await expect
      .poll(
        async () =>
          (await messaging('POST', '/conversations', { token, body: { kind: 'sms', phoneNumber: phone() } })).status,
        POLL,
      )
      .toBe(201);
    // a phone texts Ana's number: her list gets an sms conversation with that message
    await textParley(party, parleyNumber, 'Hola, ¿está abierto hoy?');
    await expect
      .poll(async () => (await smsConversation(party))?.lastMessage?.preview, POLL)
      .toBe('Hola, ¿está abierto hoy?');
    const conversation = await smsConversation(party);
    expect(conversation).toMatchObject({
      kind: 'sms',
      party: { phoneNumber: party, channel: 'sms', via: parleyNumber },
      members: [{ userId: ana.user.id }],
    });
    const id = conversation.id as string;
    const first = (await history(id)).at(-1);
    expect(first).toMatchObject({ senderId: `tel:${party}`, text: 'Hola, ¿está abierto hoy?' });

    // a redelivered inbound (the same provider message id, a new event) is appended once
    const before = (await history(id)).length;
    const providerMessageId = `SMredelivered${Date.now()}`;
    for (let i = 0; i < 2; i++) await publishTextReceived(party, parleyNumber, 'once only', providerMessageId);
    await expect.poll(async () => (await history(id)).length, POLL).toBe(before + 1);
    // the second event has had time to be handled (the first was): still one
    await new Promise((r) => setTimeout(r, 1500));
    expect((await history(id)).filter((m) => m.text === 'once only')).toHaveLength(1);

    // Ana replies: the text reaches the phone, and its delivery comes back to the message
    const reply = await messaging('POST', `/conversations/${id}/messages`, {
      token,
      body: { clientMessageId: `r-${Date.now()}`, text: 'Sí, hasta las 18h.' },
    });
    expect(reply.status).toBe(201);
    await expect
      .poll(async () => (await smsTo(url, party)).map((s: any) => s.message), POLL)
      .toContain('Sí, hasta las 18h.');
    // it reaches the phone from Ana's Parley number (the conversation's `via`), not a stage-wide sender
    const replied = (await smsTo(url, party)).find((s: any) => s.message === 'Sí, hasta las 18h.') as any;
    expect(replied?.from).toBe(parleyNumber);
    // on AWS a reply goes by End User Messaging SMS with the stage's configuration set, whose event
    // destination brings the delivery back (SNS Publish would tell no one)
    expect(replied?.configurationSet).toBe('parley-local-texts');
    await expect
      .poll(async () => (await history(id)).find((m) => m.id === reply.body.message.id)?.delivery?.status, POLL)
      .toBe('delivered');

    // attachments are refused in a text conversation
    const withFile = await messaging('POST', `/conversations/${id}/messages`, {
      token,
      body: { clientMessageId: `f-${Date.now()}`, attachmentIds: ['a0000000000000001'] },
    });
    expect([withFile.status, withFile.body.error?.code]).toEqual([400, 'text_attachments_unsupported']);

    // STOP from the phone: the next reply fails (opted out) and reaches no phone
    await textParley(party, parleyNumber, 'STOP');
    await expect.poll(async () => (await history(id)).some((m) => m.text === 'STOP'), POLL).toBe(true);
    const sentBefore = (await smsTo(url, party)).length;
    const blocked = await messaging('POST', `/conversations/${id}/messages`, {
      token,
      body: { clientMessageId: `s-${Date.now()}`, text: 'Are you still there?' },
    });
    expect(blocked.status).toBe(201);
    await expect
      .poll(async () => (await history(id)).find((m) => m.id === blocked.body.message.id)?.delivery, POLL)
      .toMatchObject({ status: 'failed', reason: 'opted-out' });
    expect((await smsTo(url, party)).length).toBe(sentBefore);
  });

  it('starts a conversation with a phone number for an owner of a Parley number, and refuses anyone else', async () => {
    await anaWithNumber();
    const party = phone();
    const started = await messaging('POST', '/conversations', {
      token: ana.tokens.accessToken,
      body: { kind: 'sms', phoneNumber: party },
    });
    expect(started.status).toBe(201);
    expect(started.body.conversation).toMatchObject({ kind: 'sms', party: { phoneNumber: party, via: parleyNumber } });
    const same = await messaging('POST', '/conversations', {
      token: ana.tokens.accessToken,
      body: { kind: 'sms', phoneNumber: party },
    });
    expect([same.status, same.body.conversation.id]).toEqual([200, started.body.conversation.id]);

    const bo = await registerUser(url);
    const refused = await messaging('POST', '/conversations', {
      token: bo.tokens.accessToken,
      body: { kind: 'sms', phoneNumber: party },
    });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'no_parley_number']);
    const notE164 = await messaging('POST', '/conversations', {
      token: ana.tokens.accessToken,
      body: { kind: 'sms', phoneNumber: '079 123 45 67' },
    });
    expect(notE164.status).toBe(400);
    // nobody else reads Ana's text conversation
    const peek = await messaging('GET', `/conversations/${started.body.conversation.id}`, {
      token: bo.tokens.accessToken,
    });
    expect(peek.status).toBe(404);
  });
});

// biome-ignore-all lint/suspicious/noExplicitAny: test responses are read field by field
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { api } from '../support/http.ts';
import { giveNumber } from '../support/numbers.ts';
import { type RegisteredUser, registerUser } from '../support/users.ts';

// Issue 17, WhatsApp outside the 24 h window (ADR 0030): messaging refuses a reply more than 24 h after
// the phone's last message (409, nothing stored, nothing texted); a fresh message opens it again; and a
// free-form message the emulated Meta gets outside its window fails with 131047, visibly.
// An old inbound is made the way Meta reports one: its webhook's `timestamp` (`sentAt` on devstack's
// `POST /_dev/sms/inbound`, WhatsApp on provider aws), which notifications and messaging count from.
const devstack = inject('devstack');
const { url } = devstack;
const messaging = api('messaging', url);
const usage = api('usage', url);
const POLL = { timeout: 30_000, interval: 300 };
const HOUR = 60 * 60 * 1000;

/** A phone number unique to this run. */
const phone = () => `+4179${String(Date.now() + Math.floor(Math.random() * 1000)).slice(-7)}`;

async function whatsappParley(from: string, to: string, body: string, sentAt?: string) {
  const res = await fetch(`${url}/_dev/sms/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from, to, body, channel: 'whatsapp', ...(sentAt ? { sentAt } : {}) }),
  });
  expect(res.status).toBe(200);
  const answer = (await res.json()) as { id: string; status: number };
  expect(answer.status).toBe(200);
  return answer;
}

/** The text outbox of every provider, to one phone. */
async function textsTo(to: string): Promise<any[]> {
  const res = await fetch(`${url}/_dev/sms`);
  return ((await res.json()) as { items: any[] }).items.filter((i) => i.to === to);
}

let ana: RegisteredUser;
let parleyNumber: string;
let ready: Promise<void> | undefined;
/** Ana with a Parley number that messaging knows is hers. */
const anaWithNumber = () => {
  ready ??= (async () => {
    ana = await registerUser(url);
    parleyNumber = await giveNumber(devstack, ana);
    const token = ana.tokens.accessToken;
    await expect
      .poll(
        async () =>
          (await messaging('POST', '/conversations', { token, body: { kind: 'sms', phoneNumber: phone() } })).status,
        POLL,
      )
      .toBe(201);
  })();
  return ready;
};

async function whatsappConversation(party: string): Promise<any | undefined> {
  const list = await messaging('GET', '/conversations', { token: ana.tokens.accessToken });
  return list.body.items.find((c: any) => c.kind === 'whatsapp' && c.party?.phoneNumber === party);
}

const history = async (id: string) =>
  (await messaging('GET', `/conversations/${id}/messages`, { token: ana.tokens.accessToken })).body.items as any[];

const reply = (id: string, text: string) =>
  messaging('POST', `/conversations/${id}/messages`, {
    token: ana.tokens.accessToken,
    body: { clientMessageId: `r-${randomUUID()}`, text },
  });

describe('WhatsApp’s 24 h reply window', () => {
  it('refuses a reply 25 h after their last message with 409 and stores nothing; their fresh message opens it again', async () => {
    // Given a phone that last wrote on WhatsApp 25 hours ago (Meta's timestamps are whole seconds)
    await anaWithNumber();
    const party = phone();
    const sentAt = new Date(Math.floor((Date.now() - 25 * HOUR) / 1000) * 1000).toISOString();
    await whatsappParley(party, parleyNumber, 'Hola, ¿tienen mesa?', sentAt);
    await expect
      .poll(async () => (await whatsappConversation(party))?.lastMessage?.preview, POLL)
      .toBe('Hola, ¿tienen mesa?');
    const conversation = await whatsappConversation(party);
    expect(conversation.replyWindowEndsAt).toBe(new Date(Date.parse(sentAt) + 24 * HOUR).toISOString());
    const id = conversation.id as string;
    const before = await history(id);

    // When Ana replies, then 409 whatsapp_window_closed naming when it closed, nothing stored or texted
    const refused = await reply(id, 'Sí, a las 20h');
    expect([refused.status, refused.body.error?.code]).toEqual([409, 'whatsapp_window_closed']);
    expect(refused.body.error.details).toEqual([{ replyWindowEndsAt: conversation.replyWindowEndsAt }]);
    expect(await history(id)).toEqual(before);
    const single = await messaging('GET', `/conversations/${id}`, { token: ana.tokens.accessToken });
    expect(single.body.conversation?.lastSeq ?? single.body.lastSeq).toBe(before.at(-1).seq);
    await new Promise((r) => setTimeout(r, 1000)); // a TextRequested would have reached the emulator by now
    expect(await textsTo(party)).toEqual([]);

    // When the phone writes again, then the window is open for 24 h and the reply is accepted and delivered
    await whatsappParley(party, parleyNumber, '¿Hola?');
    await expect
      .poll(async () => Date.parse((await whatsappConversation(party))?.replyWindowEndsAt ?? '') - Date.now(), POLL)
      .toBeGreaterThan(23 * HOUR);
    const accepted = await reply(id, 'Sí, a las 20h');
    expect(accepted.status).toBe(201);
    await expect
      .poll(async () => (await history(id)).find((m) => m.id === accepted.body.message.id)?.delivery?.status, POLL)
      .toBe('delivered');
    expect((await textsTo(party)).map((t) => [t.channel, t.from, t.body])).toEqual([
      ['whatsapp', parleyNumber, 'Sí, a las 20h'],
    ]);
  });

  it('a conversation started with a phone that never wrote is closed: replyWindowEndsAt null, replies refused', async () => {
    await anaWithNumber();
    const party = phone();
    const started = await messaging('POST', '/conversations', {
      token: ana.tokens.accessToken,
      body: { kind: 'whatsapp', phoneNumber: party },
    });
    expect(started.status).toBe(201);
    expect(started.body.conversation.replyWindowEndsAt).toBeNull();
    const refused = await reply(started.body.conversation.id, 'Hola');
    expect([refused.status, refused.body.error?.code]).toEqual([409, 'whatsapp_window_closed']);
    expect(await history(started.body.conversation.id)).toEqual([]);
  });

  it('each WhatsApp message a phone sends is one inbound line of USD 0.005 in the owner’s usage; an SMS received is none (ADR 0029)', async () => {
    // Given Bea, new, with a Parley number of her own (her month holds nothing else but the number)
    const bea = await registerUser(url);
    const beaNumber = await giveNumber(devstack, bea);
    const party = phone();
    const month = new Date().toISOString().slice(0, 7);
    const received = async () =>
      (
        (await usage('GET', `/usage/me?month=${month}`, { token: bea.tokens.accessToken })).body.costliest as any[]
      ).filter((l) => l.feature === 'whatsapp-message');

    // When a phone writes her twice on WhatsApp, and once by SMS
    await whatsappParley(party, beaNumber, '¿Abren mañana?');
    await whatsappParley(party, beaNumber, '¿A qué hora?');
    const sms = await fetch(`${url}/_dev/sms/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: party, to: beaNumber, body: 'y por SMS', channel: 'sms' }),
    });
    expect(sms.status).toBe(200);

    // Then two inbound lines from messaging, charged to her at the WhatsApp price, the sender's country
    await expect.poll(async () => (await received()).length, POLL).toBe(2);
    expect(await received()).toEqual([
      expect.objectContaining({ source: 'messaging', direction: 'inbound', country: 'CH', amountMicros: 5_000 }),
      expect.objectContaining({ source: 'messaging', direction: 'inbound', country: 'CH', amountMicros: 5_000 }),
    ]);
    // and the SMS, appended to her sms conversation, adds no line
    const smsConversation = async () => {
      const list = await messaging('GET', '/conversations', { token: bea.tokens.accessToken });
      return list.body.items.find((c: any) => c.kind === 'sms' && c.party?.phoneNumber === party);
    };
    await expect.poll(async () => (await smsConversation())?.lastMessage?.preview, POLL).toBe('y por SMS');
    const lines = (await usage('GET', `/usage/me?month=${month}`, { token: bea.tokens.accessToken })).body
      .costliest as any[];
    expect(lines.filter((l) => l.feature === 'sms' || l.source === 'messaging')).toHaveLength(2);
  });

  it('SMS has no window: an SMS conversation carries no replyWindowEndsAt', async () => {
    await anaWithNumber();
    const started = await messaging('POST', '/conversations', {
      token: ana.tokens.accessToken,
      body: { kind: 'sms', phoneNumber: phone() },
    });
    expect(started.body.conversation).not.toHaveProperty('replyWindowEndsAt');
  });

  it('a reply messaging accepts but Meta finds outside its window (a race at the boundary) ends failed with 131047', async () => {
    // Given messaging saw a fresh WhatsApp message (put on the bus as notifications publishes it) that never
    // reached devstack's Meta: messaging's window is open, Meta's is not
    await anaWithNumber();
    const party = phone();
    const eventId = randomUUID();
    const now = new Date().toISOString();
    const published = await fetch(`${url}/_dev/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        source: 'parley.notifications',
        detailType: 'notifications.TextReceived',
        detail: {
          metadata: { eventId, version: 1, occurredAt: now, correlationId: eventId },
          data: {
            channel: 'whatsapp',
            from: party,
            to: parleyNumber,
            body: 'Hola',
            provider: 'aws',
            providerMessageId: `wamid.race${Date.now()}`,
            receivedAt: now,
          },
        },
      }),
    });
    expect(published.status).toBe(200);
    await expect.poll(async () => (await whatsappConversation(party))?.lastMessage?.preview, POLL).toBe('Hola');

    // When Ana replies, then it is accepted, and Meta's refusal comes back as its delivery
    const accepted = await reply((await whatsappConversation(party)).id, 'Aquí estoy');
    expect(accepted.status).toBe(201);
    await expect
      .poll(
        async () =>
          (await history(accepted.body.message.conversationId)).find((m) => m.id === accepted.body.message.id)
            ?.delivery,
        POLL,
      )
      .toMatchObject({ status: 'failed', reason: expect.stringMatching(/^131047/) });
  });
});

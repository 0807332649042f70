// biome-ignore-all lint/suspicious/noExplicitAny: test responses are read field by field
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { api, devstackUrl } from '../support/http.ts';
import { postToIdentityFrom, someAddress } from '../support/identity-direct.ts';
import { type RegisteredUser, registerUser } from '../support/users.ts';

// The per-user and per-address limits on costly acts, against the running stack: a flood of sends,
// of attachment slots and of sign-ups from one place gets 429 with Retry-After in the API's error
// shape, and honest use beside it goes on.

const devstack = inject('devstack');
const messaging = api('messaging');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const as = (user: RegisteredUser) => ({ token: user.tokens.accessToken });

/** devstack's stage `local` allows 60 sends per user per 10 s (services/messaging/serverless.yml). */
const SEND_LIMIT = Number(process.env.PARLEY_SEND_LIMIT_PER_USER ?? 60);
const SEND_WINDOW_MS = 10_000;
const ATTACHMENT_LIMIT = Number(process.env.PARLEY_ATTACHMENT_LIMIT_PER_USER ?? 20);
const SIGNUP_LIMIT = Number(process.env.PARLEY_SIGNUP_LIMIT_PER_ADDRESS ?? 5);

/** POST /auth/register of a fresh person from `localAddress` (see postToIdentityFrom). */
function registerFrom(localAddress: string) {
  const tag = randomBytes(6).toString('hex');
  return postToIdentityFrom(devstack, localAddress, '/auth/register', {
    email: `limits-${tag}@parley.test`,
    password: `pw-${randomBytes(12).toString('base64url')}`,
    displayName: `Limits ${tag}`,
  });
}

async function directChat(a: RegisteredUser, b: RegisteredUser): Promise<string> {
  const res = await messaging('POST', '/conversations', { ...as(a), body: { memberIds: [b.user.id] } });
  expect([200, 201]).toContain(res.status);
  return res.body.conversation.id;
}

const send = (user: RegisteredUser, conversationId: string, text: string) =>
  messaging('POST', `/conversations/${conversationId}/messages`, {
    ...as(user),
    body: { clientMessageId: randomUUID(), text },
  });

function expectLimited(res: { status: number; body: any }, retryAfter: string | null | undefined, maxSeconds: number) {
  expect(res.status).toBe(429);
  expect(res.body).toEqual({ error: { code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) } });
  expect(retryAfter).toMatch(/^\d+$/);
  const seconds = Number(retryAfter);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(maxSeconds);
  return seconds;
}

describe('messaging: per-user limits', () => {
  it(`given a flood of sends from one user, then at most ${SEND_LIMIT} per 10 s pass, the rest get 429 + Retry-After, others still send`, async () => {
    const base = devstackUrl();
    const [ana, bo] = await Promise.all([registerUser(base), registerUser(base)]);
    // the flood spreads over groups, 3 sends each: one conversation takes only a few concurrent
    // sends (its transactions conflict past that), and this test is about the sender's count
    const groups = await Promise.all(
      Array.from({ length: Math.ceil((SEND_LIMIT + 15) / 3) }, async (_, i) => {
        const res = await messaging('POST', '/conversations', {
          ...as(ana),
          body: { memberIds: [bo.user.id], title: `flood ${i}`, kind: 'group' },
        });
        expect(res.status).toBe(201);
        return res.body.conversation.id as string;
      }),
    );
    const flood = groups.length * 3;
    // start at the beginning of a fixed 10-s window, so the whole flood lands in one
    while (Date.now() % SEND_WINDOW_MS > 300) await sleep(50);
    const results = await Promise.all(groups.flatMap((id) => [1, 2, 3].map((n) => send(ana, id, `flood ${n}`))));
    const statuses = results.map((r) => r.status);
    const passed = statuses.filter((s) => s === 201).length;
    const refused = results.filter((r) => r.status === 429);
    expect(passed + refused.length, JSON.stringify(statuses)).toBe(flood);
    expect(passed).toBeLessThanOrEqual(SEND_LIMIT);
    expect(refused.length).toBeGreaterThanOrEqual(flood - SEND_LIMIT);
    const first = refused[0] as (typeof refused)[number];
    expect(first.body.error.code).toBe('rate_limited');
    const wait = expectLimited(first, first.headers.get('retry-after'), SEND_WINDOW_MS / 1000);

    // another member is not limited by ana's flood
    const id = groups[0] as string;
    expect((await send(bo, id, 'still here')).status).toBe(201);
    // the conversations hold exactly the sends that passed
    const stored = await Promise.all(
      groups.map(async (g) => (await messaging('GET', `/conversations/${g}/messages`, as(bo))).body.items as any[]),
    );
    expect(stored.flat().filter((m) => m.senderId === ana.user.id)).toHaveLength(passed);

    await sleep(wait * 1000 + 200);
    expect((await send(ana, id, 'after the wait')).status).toBe(201);
  }, 60_000);

  it(`given ${ATTACHMENT_LIMIT} attachment slots in an hour, then the next one gets 429 + Retry-After`, async () => {
    const base = devstackUrl();
    const [cy, dee] = await Promise.all([registerUser(base), registerUser(base)]);
    const id = await directChat(cy, dee);
    const slot = (user: RegisteredUser) =>
      messaging('POST', '/attachments', {
        ...as(user),
        body: {
          conversationId: id,
          fileName: 'notes.txt',
          contentType: 'text/plain',
          size: 25 * 1024 * 1024,
          checksumSha256: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
        },
      });
    for (let i = 0; i < ATTACHMENT_LIMIT; i++) expect((await slot(cy)).status, `slot ${i + 1}`).toBe(201);
    const refused = await slot(cy);
    expect(refused.body.error?.code).toBe('rate_limited');
    expectLimited(refused, refused.headers.get('retry-after'), 3600);
    expect((await slot(dee)).status).toBe(201);
  }, 60_000);
});

describe('identity: sign-ups per client address', () => {
  it(`given ${SIGNUP_LIMIT} sign-ups from one address, then the next gets 429 + Retry-After, another address still signs up`, async () => {
    const address = someAddress();
    for (let i = 0; i < SIGNUP_LIMIT; i++) {
      const res = await registerFrom(address);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const refused = await registerFrom(address);
    expect(refused.body.error?.code).toBe('signup_throttled');
    expectLimited(refused, refused.retryAfter, 600);
    expect((await registerFrom(someAddress())).status).toBe(201);
  }, 60_000);
});

// biome-ignore-all lint/suspicious/noExplicitAny: responses are read field by field
import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, devstackUrl } from '../support/http.ts';
import { type RegisteredUser, registerUser } from '../support/users.ts';

// Bad input never answers 500 and never stores garbage (hardening item 10, docs/security.md
// "Input"): foreign cursors, numbers that are not decimal, control and BiDi characters in every
// text field, invisible names, and conversation members nobody registered.
const messaging = api('messaging');
const identity = api('identity');
const calling = api('calling');
let ana: RegisteredUser;
let bo: RegisteredUser;
let cy: RegisteredUser;

const as = (user: RegisteredUser) => ({ token: user.tokens.accessToken });
const detailsOf = (res: { body: any }) => (res.body?.error?.details ?? []).map((d: any) => d.message).join(' | ');
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const fakeId = () => `ghost-${randomBytes(8).toString('hex')}`;

const NUL = '\u0000';
const ESC = '\u001b';
const RLO = '\u202e';
const ZWSP = '\u200b';

beforeAll(async () => {
  const base = devstackUrl();
  [ana, bo, cy] = await Promise.all([registerUser(base), registerUser(base), registerUser(base)]);
});

async function group(owner: RegisteredUser, others: RegisteredUser[], title = 'Team') {
  const res = await messaging('POST', '/conversations', {
    ...as(owner),
    body: { memberIds: others.map((u) => u.user.id), title },
  });
  expect(res.status).toBe(201);
  return res.body.conversation.id as string;
}

describe('cursors', () => {
  it('given cursors the server did not issue (or issued to someone else), then 400 and never 500; its own cursor pages on', async () => {
    // Given Ana is in two conversations, so a page of one has a next cursor
    await group(ana, [bo], 'one');
    await group(ana, [cy], 'two');
    const first = await messaging('GET', '/conversations?limit=1', as(ana));
    expect(first.status).toBe(200);
    const cursor = first.body.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    // When she asks for the next page with it, then it is the next conversation
    const second = await messaging('GET', `/conversations?limit=1&cursor=${cursor}`, as(ana));
    expect(second.status).toBe(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);

    // When Bo replays Ana's cursor, or anyone sends a base64url cursor of their own making
    const forged = [
      ['her cursor, for Bo', bo, cursor],
      ['base64url of {}', ana, b64({})],
      ['base64url of the wrong keys', ana, b64({ pk: 'x', sk: 'y' })],
      ['a key with another sort prefix', ana, b64({ pk: 'a', sk: 'b', gsi1pk: 'c', gsi1sk: 'd' })],
      ['base64url of an array', ana, b64([1])],
      ['not JSON', ana, 'bm90LWpzb24'],
      ['not base64url', ana, '%%%%'],
    ] as const;
    for (const [what, who, value] of forged) {
      const res = await messaging('GET', `/conversations?limit=1&cursor=${encodeURIComponent(value)}`, as(who));
      // Then 400 with a code that says so, for every one of them
      expect(res.status, what).toBe(400);
      expect(['invalid_cursor', 'validation_failed'], what).toContain(res.body.error.code);
    }
  });
});

describe('numbers in queries', () => {
  it('given afterSeq or limit not written in decimal digits, then 400; decimal digits work', async () => {
    const id = await group(ana, [bo]);
    for (let i = 0; i < 3; i++) {
      const sent = await messaging('POST', `/conversations/${id}/messages`, {
        ...as(ana),
        body: { clientMessageId: randomUUID(), text: `m${i}` },
      });
      expect(sent.status).toBe(201);
    }
    const ok = await messaging('GET', `/conversations/${id}/messages?afterSeq=1`, as(ana));
    expect(ok.status).toBe(200);
    expect(ok.body.items.map((m: any) => m.seq)).toEqual([2, 3]);

    for (const value of ['0x1', '%20', '1e0', '1.0', '010', 'Infinity', '0b1']) {
      const res = await messaging('GET', `/conversations/${id}/messages?afterSeq=${value}`, as(ana));
      expect(res.status, value).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(detailsOf(res)).toContain('decimal digits');
    }
    expect((await messaging('GET', '/conversations?limit=0x10', as(ana))).status).toBe(400);
  });
});

describe('text in messaging', () => {
  it('given control or BiDi characters in a message, then 400 and nothing stored; new lines and tabs are kept', async () => {
    const id = await group(ana, [bo]);
    for (const text of [`a${NUL}b`, `${ESC}[31mred`, `hi ${RLO}there`, 'cr\rlf', ZWSP, `${ZWSP}\u200d`]) {
      const res = await messaging('POST', `/conversations/${id}/messages`, {
        ...as(ana),
        body: { clientMessageId: randomUUID(), text },
      });
      expect(res.status, JSON.stringify(text)).toBe(400);
    }
    const bidi = await messaging('POST', `/conversations/${id}/messages`, {
      ...as(ana),
      body: { clientMessageId: randomUUID(), text: `x${RLO}y` },
    });
    expect(detailsOf(bidi)).toContain('bidirectional');

    const good = await messaging('POST', `/conversations/${id}/messages`, {
      ...as(ana),
      body: { clientMessageId: randomUUID(), text: 'line one\nline two\tend' },
    });
    expect(good.status).toBe(201);
    // an edit is held to the same rule
    const edit = await messaging('PATCH', `/conversations/${id}/messages/${good.body.message.id}`, {
      ...as(ana),
      body: { text: `edited${ESC}` },
    });
    expect(edit.status).toBe(400);

    const history = await messaging('GET', `/conversations/${id}/messages`, as(bo));
    expect(history.body.items.map((m: any) => m.text)).toEqual(['line one\nline two\tend']);
  });

  it('given a title with a BiDi override, control characters or nothing visible, then 400 and no conversation', async () => {
    const before = await messaging('GET', '/conversations?limit=100', as(cy));
    for (const title of [`admin${RLO}gnp.exe`, `a${NUL}`, `${ZWSP}${ZWSP}`, '\u2066x\u2069', 'a\nb']) {
      const res = await messaging('POST', '/conversations', {
        ...as(cy),
        body: { memberIds: [bo.user.id], title },
      });
      expect(res.status, JSON.stringify(title)).toBe(400);
    }
    const after = await messaging('GET', '/conversations?limit=100', as(cy));
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it('given a file name with a BiDi override or a control character, then 400 and no upload URL', async () => {
    // a well-formed SHA-256 (base64), so that only the file name is wrong
    const ANY_SHA256 = 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=';
    const id = await group(ana, [bo]);
    for (const fileName of [`admin${RLO}gnp.exe`, `plan${NUL}.pdf`, ZWSP, `a${ESC}.pdf`]) {
      const res = await messaging('POST', '/attachments', {
        ...as(ana),
        body: { conversationId: id, fileName, contentType: 'application/pdf', size: 10, checksumSha256: ANY_SHA256 },
      });
      expect(res.status, JSON.stringify(fileName)).toBe(400);
      expect(res.body.uploadUrl).toBeUndefined();
    }
    const good = await messaging('POST', '/attachments', {
      ...as(ana),
      body: {
        conversationId: id,
        fileName: 'plan.pdf',
        contentType: 'application/pdf',
        size: 10,
        checksumSha256: ANY_SHA256,
      },
    });
    expect(good.status).toBe(201);
  });
});

describe('conversation members', () => {
  it('given 255 ids nobody registered, then 422 unknown_user and nothing is created', async () => {
    const dee = await registerUser(devstackUrl());
    const ghosts = Array.from({ length: 255 }, fakeId);
    const res = await messaging('POST', '/conversations', { ...as(dee), body: { memberIds: ghosts, title: 'g' } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('unknown_user');
    // one made-up id among real people is refused too, for a direct conversation as for a group
    const one = await messaging('POST', '/conversations', { ...as(dee), body: { memberIds: [fakeId()] } });
    expect(one.status).toBe(422);
    const mixed = await messaging('POST', '/conversations', {
      ...as(dee),
      body: { memberIds: [bo.user.id, fakeId()], title: 'mixed' },
    });
    expect(mixed.status).toBe(422);
    expect((await messaging('GET', '/conversations', as(dee))).body.items).toEqual([]);
  });

  it('given a group, when someone adds an id nobody registered, then 422 and the members are unchanged', async () => {
    const id = await group(ana, [bo]);
    const res = await messaging('POST', `/conversations/${id}/members`, {
      ...as(ana),
      body: { userIds: [cy.user.id, fakeId()] },
    });
    expect(res.status).toBe(422);
    const view = await messaging('GET', `/conversations/${id}`, as(ana));
    expect(view.body.conversation.members.map((m: any) => m.userId).sort()).toEqual([ana.user.id, bo.user.id].sort());
  });

  it('given a person who registered a moment ago, then a chat with them starts at once', async () => {
    const fresh = await registerUser(devstackUrl());
    const res = await messaging('POST', '/conversations', { ...as(ana), body: { memberIds: [fresh.user.id] } });
    expect(res.status).toBe(201);
  });
});

describe('text in identity and calling', () => {
  it('given a display name with a BiDi override, a control character or nothing visible, then registration is refused', async () => {
    for (const displayName of [`admin${RLO}gnp`, `Ana${ESC}`, ZWSP, '\u3164', `a${NUL}`]) {
      const res = await identity('POST', '/auth/register', {
        body: { email: `x-${randomBytes(6).toString('hex')}@parley.test`, password: 'a-long-password-1', displayName },
      });
      expect(res.status, JSON.stringify(displayName)).toBe(400);
    }
  });

  it('given a profile change with a BiDi override or control character, then 400 and the profile is unchanged', async () => {
    const before = await identity('GET', '/me', as(cy));
    for (const body of [
      { displayName: `Cy${RLO}` },
      { displayName: `${ZWSP}` },
      { statusMessage: `away${ESC}[2J` },
      { statusMessage: `out \u2067now` },
    ]) {
      const res = await identity('PATCH', '/me', { ...as(cy), body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const after = await identity('GET', '/me', as(cy));
    expect(after.body.displayName).toBe(before.body.displayName);
    expect(after.body.statusMessage).toBe(before.body.statusMessage);
  });

  it('given a voicemail greeting with a BiDi override, a control character or nothing visible, then 400', async () => {
    const settings = { ringTimeoutSeconds: 20, voicemailEnabled: true };
    for (const greeting of [`Hi ${RLO}there`, `Hi${NUL}`, ZWSP]) {
      const res = await calling('PUT', '/settings', { ...as(bo), body: { ...settings, greeting } });
      expect(res.status, JSON.stringify(greeting)).toBe(400);
    }
    const good = await calling('PUT', '/settings', { ...as(bo), body: { ...settings, greeting: 'Bo here.' } });
    expect(good.status).toBe(200);
  });
});

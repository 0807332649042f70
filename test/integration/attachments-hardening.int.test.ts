// biome-ignore-all lint/suspicious/noExplicitAny: responses are read field by field
import { createHash, randomUUID } from 'node:crypto';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { devstackClients } from '@parley/testing/devstack-clients';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { messagingService } from '../../services/messaging/src/adapters/table.ts';
import { api, devstackUrl } from '../support/http.ts';
import { type RegisteredUser, registerUser } from '../support/users.ts';

// Attachment integrity (ADR 0016): the slot announces the file's SHA-256, a sent attachment is a frozen
// copy nobody can swap, a deleted message takes its objects with it, and unsent slots are swept.
// s3rver verifies neither signatures nor checksums, so here a PUT of other bytes to an upload URL
// succeeds (AWS refuses it: the URL signs `x-amz-checksum-sha256`); the send then checks the bytes itself.
const info = inject('devstack');
const clients = devstackClients(info);
const db = messagingService(`parley-messaging-${info.stage}`, clients.dynamodb);
const bucket = `parley-${info.stage}-messaging-attachments-${info.region}`;
const messaging = api('messaging');
let ana: RegisteredUser;
let bo: RegisteredUser;

const as = (user: RegisteredUser) => ({ token: user.tokens.accessToken });
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64');

async function objectExists(key: string): Promise<boolean> {
  return clients.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
    () => true,
    (err: { $metadata?: { httpStatusCode?: number } }) => {
      if (err.$metadata?.httpStatusCode === 404) return false;
      throw err;
    },
  );
}

async function directChat(): Promise<string> {
  const res = await messaging('POST', '/conversations', { ...as(ana), body: { memberIds: [bo.user.id] } });
  expect([200, 201]).toContain(res.status);
  return res.body.conversation.id;
}

/** A slot for `bytes` (announcing their checksum unless told otherwise), and its upload. */
async function upload(conversationId: string, bytes: Buffer, announced = sha256(bytes)) {
  const slot = await messaging('POST', '/attachments', {
    ...as(ana),
    body: {
      conversationId,
      fileName: 'plan.txt',
      contentType: 'text/plain',
      size: bytes.length,
      checksumSha256: announced,
    },
  });
  expect(slot.status, JSON.stringify(slot.body)).toBe(201);
  const put = (body: Buffer) => fetch(slot.body.uploadUrl, { method: 'PUT', headers: slot.body.uploadHeaders, body });
  expect((await put(bytes)).status).toBe(200);
  return { attachmentId: slot.body.attachmentId as string, uploadHeaders: slot.body.uploadHeaders, put };
}

const send = (conversationId: string, attachmentId: string) =>
  messaging('POST', `/conversations/${conversationId}/messages`, {
    ...as(ana),
    body: { clientMessageId: randomUUID(), attachmentIds: [attachmentId] },
  });

async function downloaded(attachmentId: string): Promise<{ url: string; bytes: Buffer }> {
  const res = await messaging('GET', `/attachments/${attachmentId}`, as(bo));
  expect(res.status).toBe(200);
  const got = await fetch(res.body.downloadUrl);
  expect(got.status).toBe(200);
  return { url: res.body.downloadUrl, bytes: Buffer.from(await got.arrayBuffer()) };
}

beforeAll(async () => {
  const base = devstackUrl();
  [ana, bo] = await Promise.all([registerUser(base), registerUser(base)]);
});
afterAll(() => clients.destroy());

describe('the checksum in the upload', () => {
  it('given a slot request without a SHA-256, or a malformed one, then 400 and no upload URL', async () => {
    const id = await directChat();
    const body = { conversationId: id, fileName: 'a.txt', contentType: 'text/plain', size: 4 };
    const hex = createHash('sha256').update('test').digest('hex');
    for (const checksum of [undefined, '', 'abc', hex, `${sha256(Buffer.from('test')).slice(0, -1)}!`]) {
      const res = await messaging('POST', '/attachments', {
        ...as(ana),
        body: checksum === undefined ? body : { ...body, checksumSha256: checksum },
      });
      expect(res.status, JSON.stringify(checksum)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.uploadUrl).toBeUndefined();
    }
  });

  it('given a slot, then its upload URL lives 5 minutes and signs the checksum header the client must send', async () => {
    const id = await directChat();
    const bytes = Buffer.from('signed bytes');
    const slot = await messaging('POST', '/attachments', {
      ...as(ana),
      body: {
        conversationId: id,
        fileName: 'a.txt',
        contentType: 'text/plain',
        size: bytes.length,
        checksumSha256: sha256(bytes),
      },
    });
    const url = new URL(slot.body.uploadUrl);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toContain('x-amz-checksum-sha256');
    expect(slot.body.uploadHeaders).toEqual({ 'content-type': 'text/plain', 'x-amz-checksum-sha256': sha256(bytes) });
  });

  it('given uploaded bytes that do not match the announced SHA-256, then the send is 422 and nothing is sent', async () => {
    const id = await directChat();
    const { attachmentId } = await upload(id, Buffer.from('other bytes!'), sha256(Buffer.from('the announced')));
    const res = await send(id, attachmentId);
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/checksum/);
    const history = await messaging('GET', `/conversations/${id}/messages`, as(ana));
    expect(history.body.items.filter((m: any) => m.attachments.length > 0)).toEqual([]);
  });
});

describe('an attachment once sent', () => {
  it('given a sent attachment, when other bytes are PUT to its upload URL, then downloads still return the original', async () => {
    const id = await directChat();
    const original = Buffer.from('%PDF-1.7 the real plan');
    const { attachmentId, put } = await upload(id, original);
    expect((await send(id, attachmentId)).status).toBe(201);
    expect((await downloaded(attachmentId)).bytes).toEqual(original);

    // s3rver takes the swap (AWS would refuse it); nothing anyone downloads changes
    const swapped = Buffer.from('%PDF-1.7 a forged plan');
    expect(swapped.length).toBe(original.length);
    expect((await put(swapped)).status).toBe(200);
    expect((await downloaded(attachmentId)).bytes).toEqual(original);
  });

  it('given a deleted message, then its attachment objects are gone and a download URL handed out before fails', async () => {
    const id = await directChat();
    const { attachmentId } = await upload(id, Buffer.from('soon gone'));
    const sent = await send(id, attachmentId);
    expect(sent.status).toBe(201);
    const before = await downloaded(attachmentId);

    const deleted = await messaging('DELETE', `/conversations/${id}/messages/${sent.body.message.id}`, as(ana));
    expect(deleted.status).toBe(200);

    expect((await fetch(before.url)).status).toBe(404);
    expect(await objectExists(`conversations/${id}/${attachmentId}`)).toBe(false);
    expect(await objectExists(`uploads/${id}/${attachmentId}`)).toBe(false);
    expect((await messaging('GET', `/attachments/${attachmentId}`, as(bo))).status).toBe(404);
  });
});

describe('unsent slots', () => {
  it('given a slot never sent past its lifetime, when the scheduled sweep runs, then it and its object are removed; a sent one stays', async () => {
    const id = await directChat();
    const unsent = await upload(id, Buffer.from('never sent'));
    const kept = await upload(id, Buffer.from('sent in time'));
    expect((await send(id, kept.attachmentId)).status).toBe(201);
    expect(await objectExists(`uploads/${id}/${unsent.attachmentId}`)).toBe(true);

    // Its 24 hours are over (as if asked for a day ago): the sweep (every minute on devstack) is due to remove it
    await db.entities.attachment
      .patch({ attachmentId: unsent.attachmentId })
      .set({ sweep: 'due', sweepAfter: new Date(Date.now() - 25 * 3600_000).toISOString() })
      .go();

    await expect
      .poll(
        async () =>
          (await db.entities.attachment.get({ attachmentId: unsent.attachmentId }).go({ consistent: true })).data,
        {
          timeout: 150_000,
          interval: 1000,
        },
      )
      .toBeNull();
    expect(await objectExists(`uploads/${id}/${unsent.attachmentId}`)).toBe(false);
    // and the sent one is untouched: its frozen copy still downloads
    expect(await objectExists(`conversations/${id}/${kept.attachmentId}`)).toBe(true);
    expect((await downloaded(kept.attachmentId)).bytes).toEqual(Buffer.from('sent in time'));
  }, 180_000);
});

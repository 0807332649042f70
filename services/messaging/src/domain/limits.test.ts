import { describe, expect, it } from 'vitest';
import { memoryWorld } from '../../test/memory.ts';
import { createAttachmentUpload } from './attachments.ts';
import { createConversation } from './conversations.ts';
import { RateLimited } from './errors.ts';
import { DEFAULT_LIMITS } from './limits.ts';
import { sendMessage } from './send-message.ts';

// 2026-03-01T09:00:00Z, the start of a 10-second and of an hour window
async function world() {
  const w = memoryWorld();
  const { conversation } = await createConversation(w.deps, { callerId: 'ana', memberIds: ['bo'] });
  return { ...w, id: conversation.id };
}

const send = (w: Awaited<ReturnType<typeof world>>, senderId: string, n: number) =>
  sendMessage(w.deps, { senderId, conversationId: w.id, clientMessageId: `${senderId}-${n}`, text: `#${n}` }).catch(
    (e: unknown) => e,
  );

const slot = (w: Awaited<ReturnType<typeof world>>, callerId = 'ana') =>
  createAttachmentUpload(w.deps, {
    callerId,
    conversationId: w.id,
    fileName: 'a.png',
    contentType: 'image/png',
    size: 10,
    checksumSha256: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
  }).catch((e: unknown) => e);

describe('per-user send limit', () => {
  it('given a burst of 30 sends, then all pass and the 31st in the window is refused with the seconds left, storing nothing', async () => {
    const w = await world();
    const results = await Promise.all(Array.from({ length: DEFAULT_LIMITS.send.perUser }, (_, i) => send(w, 'ana', i)));
    expect(results.every((r) => !(r instanceof Error))).toBe(true);
    w.advance(3_000);
    const refused = await send(w, 'ana', 99);
    expect(refused).toBeInstanceOf(RateLimited);
    expect((refused as RateLimited).retryAfterSeconds).toBe(7);
    const history = [...w.published, ...w.outbox.values()].filter(
      (e) => e.event.detailType === 'messaging.MessageSent',
    );
    expect(new Set(history.map((e) => (e.data as { seq: number }).seq)).size).toBe(DEFAULT_LIMITS.send.perUser);
  });

  it('counts each sender on their own, and the next window starts afresh', async () => {
    const w = await world();
    for (let i = 0; i < DEFAULT_LIMITS.send.perUser; i++) await send(w, 'ana', i);
    expect(await send(w, 'ana', 100)).toBeInstanceOf(RateLimited);
    expect(await send(w, 'bo', 1)).toHaveProperty('created', true);
    w.advance(DEFAULT_LIMITS.send.windowSeconds * 1000);
    expect(await send(w, 'ana', 101)).toHaveProperty('created', true);
  });
});

describe('per-user attachment slot limit', () => {
  it('given 20 slots in an hour, then the 21st is refused until the hour ends; refused checks count nothing', async () => {
    const w = await world();
    // a type that is refused never reaches the counter
    const bad = await createAttachmentUpload(w.deps, {
      callerId: 'ana',
      conversationId: w.id,
      fileName: 'x.exe',
      contentType: 'application/x-msdownload',
      size: 1,
      checksumSha256: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
    }).catch((e: unknown) => e);
    expect(bad).not.toBeInstanceOf(RateLimited);
    for (let i = 0; i < DEFAULT_LIMITS.attachment.perUser; i++) expect(await slot(w)).toHaveProperty('attachmentId');
    w.advance(30 * 60 * 1000);
    const refused = await slot(w);
    expect(refused).toBeInstanceOf(RateLimited);
    expect((refused as RateLimited).retryAfterSeconds).toBe(30 * 60);
    expect(await slot(w, 'bo')).toHaveProperty('attachmentId');
    w.advance(30 * 60 * 1000);
    expect(await slot(w)).toHaveProperty('attachmentId');
  });

  it('follows configured limits', async () => {
    const w = await world();
    w.deps.limits.attachment = { perUser: 1, windowSeconds: 60 };
    expect(await slot(w)).toHaveProperty('attachmentId');
    expect(await slot(w)).toBeInstanceOf(RateLimited);
  });
});

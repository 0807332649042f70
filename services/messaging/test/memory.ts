import { DEFAULT_LIMITS } from '../src/domain/limits.ts';
import type { Attachment, Conversation, MemberState, Message } from '../src/domain/model.ts';
import { retiredByConsumer } from '../src/domain/outbox.ts';
import type {
  AttachmentRepository,
  ConversationRepository,
  EventRelay,
  FileStore,
  MemberRepository,
  MessageRepository,
  NumberOwners,
  OutboxEvent,
  RateLimiter,
  Relations,
  UserDirectory,
} from '../src/domain/ports.ts';
import type { SendMessageDeps } from '../src/domain/send-message.ts';

const copy = <T>(value: T): T => structuredClone(value);
const copyEvent = (e: OutboxEvent): OutboxEvent => ({ ...e, data: structuredClone(e.data), audience: [...e.audience] });

/**
 * In-memory adapters with the same guarantees as the DynamoDB ones (conditional creates,
 * optimistic versions, atomic seq, outbox written with the change), for use-case tests.
 */
export function memoryWorld(start = new Date('2026-03-01T09:00:00.000Z')) {
  const conversationsById = new Map<string, Conversation>();
  const memberStates = new Map<string, MemberState>();
  const messagesByKey = new Map<string, Message>();
  const claims = new Map<string, number>();
  const attachmentsById = new Map<string, Attachment>();
  // bucket objects: their size and, as S3 would keep it, the SHA-256 the upload carried
  const objects = new Map<string, { size: number; checksumSha256?: string }>();
  const outbox = new Map<string, OutboxEvent>();
  const published: OutboxEvent[] = [];
  const warnings: { message: string; context: Record<string, unknown> }[] = [];
  let time = start.getTime();
  let nextId = 0;
  let failPublishing = false;
  // Every id is a person until a test names who registered (`onlyRegistered`).
  let registered: Set<string> | undefined;
  const directoryReads: string[][] = [];

  const messageKey = (conversationId: string, seq: number) => `${conversationId}#${seq}`;
  const memberKey = (conversationId: string, userId: string) => `${conversationId}#${userId}`;
  // Like the DynamoDB outbox: an event that does not match its schema is never stored.
  const validate = (e: OutboxEvent) =>
    e.event.detail.parse({
      metadata: { eventId: e.eventId, version: e.event.version, occurredAt: e.occurredAt, correlationId: 'c' },
      audience: e.audience,
      data: e.data,
    });
  const toOutbox = (events: readonly OutboxEvent[]) => {
    for (const e of events) validate(e);
    for (const e of events) outbox.set(e.eventId, copyEvent(e));
  };

  const conversations: ConversationRepository = {
    async get(id) {
      const c = conversationsById.get(id);
      return c && copy(c);
    },
    async getMany(ids) {
      return ids.flatMap((id) => {
        const c = conversationsById.get(id);
        return c ? [copy(c)] : [];
      });
    },
    async create(conversation, events) {
      if (conversationsById.has(conversation.id)) return 'exists';
      conversationsById.set(conversation.id, copy(conversation));
      toOutbox(events);
      return 'created';
    },
    async changeMembers(change, events) {
      const c = conversationsById.get(change.conversationId);
      if (!c || c.membersVersion !== change.expectedVersion) return false;
      c.memberIds = [...change.memberIds];
      c.adminIds = [...change.adminIds];
      c.pendingIds = [...change.pendingIds];
      c.declinedIds = [...change.declinedIds];
      c.leftIds = [...change.leftIds];
      c.membersVersion += 1;
      toOutbox(events);
      return true;
    },
    async rename(change, events) {
      const c = conversationsById.get(change.conversationId);
      if (!c?.memberIds.includes(change.byUserId)) return false;
      c.title = change.title;
      toOutbox(events);
      return true;
    },
    async refreshLastMessage(id, last) {
      const c = conversationsById.get(id);
      if (c?.lastMessage?.seq === last.seq) c.lastMessage = copy(last);
    },
  };

  const members: MemberRepository = {
    async ensure(conversationId, userIds) {
      for (const userId of userIds) {
        const key = memberKey(conversationId, userId);
        memberStates.set(key, memberStates.get(key) ?? { conversationId, userId, lastReadSeq: 0 });
      }
    },
    async remove(conversationId, userIds) {
      for (const userId of userIds) memberStates.delete(memberKey(conversationId, userId));
    },
    async get(conversationId, userId) {
      const m = memberStates.get(memberKey(conversationId, userId));
      return m && copy(m);
    },
    async list(conversationId) {
      return [...memberStates.values()].filter((m) => m.conversationId === conversationId).map(copy);
    },
    async markRead(marker, events) {
      const key = memberKey(marker.conversationId, marker.userId);
      const current = memberStates.get(key) ?? {
        conversationId: marker.conversationId,
        userId: marker.userId,
        lastReadSeq: 0,
      };
      if (memberStates.has(key) && current.lastReadSeq >= marker.seq) return false;
      memberStates.set(key, { ...current, lastReadSeq: marker.seq, readAt: marker.readAt });
      toOutbox(events);
      return true;
    },
    async setPreferences(conversationId, userId, preferences) {
      const key = memberKey(conversationId, userId);
      const current = memberStates.get(key) ?? { conversationId, userId, lastReadSeq: 0 };
      const { archivedAt: _cleared, ...rest } = current;
      memberStates.set(key, {
        ...rest,
        muted: preferences.muted,
        pinned: preferences.pinned,
        ...(preferences.archivedAt ? { archivedAt: preferences.archivedAt } : {}),
      });
    },
    async pinned(userId) {
      return [...memberStates.values()].filter((m) => m.userId === userId && m.pinned).map((m) => m.conversationId);
    },
    async ofUser(userId) {
      return [...memberStates.values()].filter((m) => m.userId === userId).map(copy);
    },
  };

  const messages: MessageRepository = {
    async get(conversationId, seq) {
      const m = messagesByKey.get(messageKey(conversationId, seq));
      return m && copy(m);
    },
    async findByClientMessageId(conversationId, senderId, clientMessageId) {
      const seq = claims.get(`${conversationId}#${senderId}#${clientMessageId}`);
      return seq === undefined ? undefined : messages.get(conversationId, seq);
    },
    // Like the DynamoDB transaction: all of it or nothing, the first refusal named.
    async append({ message, expectedSeq, lastMessage, lastInboundAt, events, counter, otherId, memberId }) {
      const claim = `${message.conversationId}#${message.senderId}#${message.clientMessageId}`;
      const c = conversationsById.get(message.conversationId);
      const counterKey = counter ? `${counter.key}#${counter.windowStart}` : undefined;
      if (claims.has(claim)) return { outcome: 'duplicate' };
      if (!c || c.seqAllocated !== expectedSeq || !c.memberIds.includes(memberId ?? message.senderId))
        return c ? { outcome: 'stale', conversation: copy(c) } : { outcome: 'stale' };
      if (counter && counterKey && (counters.get(counterKey) ?? 0) >= counter.limit) return { outcome: 'rate-limited' };
      if (
        otherId &&
        (relationActive(otherId, 'block', message.senderId) || relationActive(message.senderId, 'block', otherId))
      )
        return { outcome: 'blocked' };
      for (const e of events) validate(e);
      claims.set(claim, message.seq);
      messagesByKey.set(messageKey(message.conversationId, message.seq), copy(message));
      c.seqAllocated = message.seq;
      c.lastMessage = copy(lastMessage);
      c.lastActivityAt = lastMessage.sentAt;
      if (lastInboundAt) c.lastInboundAt = lastInboundAt;
      if (counterKey) counters.set(counterKey, (counters.get(counterKey) ?? 0) + 1);
      toOutbox(events);
      return { outcome: 'created' };
    },
    // Like the conditional patch: only from the expected delivery status, the version moved on.
    async setDelivery(key, change, events) {
      const m = messagesByKey.get(messageKey(key.conversationId, key.seq));
      if (!m || m.delivery?.status !== change.expected) return false;
      for (const e of events) validate(e);
      m.delivery = copy(change.delivery);
      m.version += 1;
      toOutbox(events);
      return true;
    },
    async replace(message, expectedVersion, events) {
      const key = messageKey(message.conversationId, message.seq);
      if (messagesByKey.get(key)?.version !== expectedVersion) return false;
      messagesByKey.set(key, copy(message));
      toOutbox(events);
      return true;
    },
    async range(conversationId, q) {
      const all = [...messagesByKey.values()]
        .filter((m) => m.conversationId === conversationId)
        .filter(
          (m) => (q.afterSeq === undefined || m.seq > q.afterSeq) && (q.beforeSeq === undefined || m.seq < q.beforeSeq),
        )
        .sort((a, b) => (q.newestFirst ? b.seq - a.seq : a.seq - b.seq));
      return all.slice(0, q.limit).map(copy);
    },
    async countUnread(conversationId, readerId, afterSeq, uptoSeq, cap) {
      const newer = [...messagesByKey.values()]
        .filter((m) => m.conversationId === conversationId && m.seq > afterSeq && m.seq <= uptoSeq)
        .sort((a, b) => a.seq - b.seq)
        .slice(0, cap);
      return newer.filter((m) => m.senderId !== readerId && !m.deletedAt).length;
    },
  };

  const attachments: AttachmentRepository = {
    async create(attachment) {
      attachmentsById.set(attachment.id, copy(attachment));
    },
    async get(id) {
      const a = attachmentsById.get(id);
      return a && copy(a);
    },
    async getMany(ids) {
      return ids.flatMap((id) => {
        const a = attachmentsById.get(id);
        return a ? [copy(a)] : [];
      });
    },
    async markFrozen(id, frozen) {
      const a = attachmentsById.get(id);
      if (!a || a.discardedAt) return false;
      a.frozenAt = frozen.at;
      a.size = frozen.size;
      delete a.sweepAfter;
      return true;
    },
    async discard(ids, at) {
      for (const id of ids) {
        const a = attachmentsById.get(id);
        if (a) Object.assign(a, { discardedAt: at, sweepAfter: at });
      }
    },
    async due(before, limit) {
      return [...attachmentsById.values()]
        .filter((a) => a.sweepAfter !== undefined && a.sweepAfter < before)
        .sort((a, b) => (a.sweepAfter as string).localeCompare(b.sweepAfter as string))
        .slice(0, limit)
        .map(copy);
    },
    async claimForSweep(id, at) {
      const a = attachmentsById.get(id);
      if (!a || (a.frozenAt && !a.discardedAt)) return false;
      a.discardedAt = at;
      return true;
    },
    async remove(id) {
      attachmentsById.delete(id);
    },
  };

  const files: FileStore = {
    async uploadUrl(a, expires) {
      const signed = `ct=${encodeURIComponent(a.contentType)}&len=${a.size}&sha256=${encodeURIComponent(a.checksumSha256 ?? '')}`;
      return `https://files.test/${a.uploadKey}?put&${signed}&exp=${expires}`;
    },
    async downloadUrl(a, expires) {
      return `https://files.test/${a.key}?get&exp=${expires}`;
    },
    // Like the S3 adapter: the copy is made only of bytes with the announced size and checksum.
    async freeze({ from, to, checksumSha256, maxBytes }) {
      const object = objects.get(from);
      if (!object) return { refused: 'missing' };
      if (object.size > maxBytes) return { refused: 'too-large' };
      if (object.checksumSha256 !== checksumSha256) return { refused: 'checksum-mismatch' };
      objects.set(to, { ...object });
      return { size: object.size };
    },
    async remove(keys) {
      for (const key of keys) objects.delete(key);
    },
  };

  const relay: EventRelay = {
    async relay(events, options = {}) {
      if (failPublishing) throw new Error('EventBridge rejected 1 event(s)');
      for (const e of events) {
        published.push(copyEvent(e));
        // like the DynamoDB relay: a new MessageSent's row is left for indexMessages to retire (ADR 0033)
        if (!retiredByConsumer(e, options)) outbox.delete(e.eventId);
      }
    },
    async pending(before, limit) {
      return [...outbox.values()]
        .filter((e) => e.occurredAt < before)
        .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))
        .slice(0, limit)
        .map(copyEvent);
    },
  };

  const users: UserDirectory = {
    async record(user) {
      registered?.add(user.userId);
    },
    async unknown(userIds) {
      directoryReads.push([...userIds]);
      return registered ? [...new Set(userIds)].filter((id) => !registered?.has(id)) : [];
    },
  };

  // Like the DynamoDB counter: one count per key and window, refused (and not counted) at the limit.
  const counters = new Map<string, number>();
  const limiter: RateLimiter = {
    async take(key, windowStart, limit) {
      const k = `${key}#${windowStart}`;
      const count = counters.get(k) ?? 0;
      if (count >= limit) return false;
      counters.set(k, count + 1);
      return true;
    },
  };

  // Like the projection: versioned relation items. Until `strangers()`, everyone has everyone as a contact
  // (the tests written before message requests), so nothing is a request unless a test asks for it.
  let everyoneKnowsEveryone = true;
  const relationItems = new Map<string, { active: boolean; version: string }>();
  const relationKey = (owner: string, kind: string, other: string) => `${owner}#${kind}#${other}`;
  const relationActive = (owner: string, kind: 'contact' | 'block', other: string) =>
    relationItems.get(relationKey(owner, kind, other))?.active ?? (kind === 'contact' && everyoneKnowsEveryone);
  const relations: Relations = {
    async apply(r) {
      const k = relationKey(r.ownerId, r.kind, r.otherId);
      const stored = relationItems.get(k);
      if (!stored || stored.version < r.version) relationItems.set(k, { active: r.active, version: r.version });
    },
    async between(userId, others) {
      const ids = [...new Set(others)].filter((id) => id !== userId);
      return {
        haveUserAsContact: new Set(ids.filter((id) => relationActive(id, 'contact', userId))),
        blockUser: new Set(ids.filter((id) => relationActive(id, 'block', userId))),
        blockedByUser: new Set(ids.filter((id) => relationActive(userId, 'block', id))),
      };
    },
  };

  // Like the projection: newest change wins; a released number keeps its time without an owner.
  const numberRows = new Map<string, { userId?: string; at: string }>();
  const numberOwners: NumberOwners = {
    async apply(change) {
      const stored = numberRows.get(change.e164);
      if (stored && stored.at >= change.at) return false;
      numberRows.set(change.e164, { at: change.at, ...(change.userId ? { userId: change.userId } : {}) });
      return true;
    },
    async ownerOf(e164) {
      return numberRows.get(e164)?.userId;
    },
    async numbersOf(userId) {
      return [...numberRows.entries()]
        .filter(([, row]) => row.userId === userId)
        .map(([e164]) => e164)
        .sort();
    },
  };

  const deps: SendMessageDeps & { users: UserDirectory; numberOwners: NumberOwners } = {
    conversations,
    members,
    messages,
    attachments,
    files,
    relay,
    users,
    relations,
    numberOwners,
    ids: { id: () => `id${String(++nextId).padStart(4, '0')}` },
    clock: { now: () => new Date(time) },
    diagnostics: { warn: (message, context) => warnings.push({ message, context }) },
    limiter,
    limits: structuredClone(DEFAULT_LIMITS),
  };

  return {
    deps,
    published,
    outbox,
    warnings,
    /** moves the clock forward */
    advance(ms: number) {
      time += ms;
    },
    /** from now on nobody has anyone as a contact unless a relation says so */
    strangers() {
      everyoneKnowsEveryone = false;
    },
    /** `owner` has `other` as a contact, or blocks them (or no longer does, `active: false`) */
    async relate(owner: string, kind: 'contact' | 'block', other: string, active = true) {
      await relations.apply({
        ownerId: owner,
        kind,
        otherId: other,
        active,
        version: `${new Date(time).toISOString()}#${String(++nextId).padStart(6, '0')}`,
      });
    },
    /** from now on only these ids (and those recorded later) belong to people */
    onlyRegistered(...userIds: string[]) {
      registered = new Set(userIds);
    },
    /** the ids each directory lookup asked about */
    directoryReads,
    failPublishing(fail: boolean) {
      failPublishing = fail;
    },
    /**
     * The bytes of an attachment arrived at its upload key, with their SHA-256 (by default the one
     * announced for that key's attachment: the bytes the client said it would send).
     */
    upload(key: string, size: number, checksumSha256?: string) {
      const announced = [...attachmentsById.values()].find((a) => a.uploadKey === key)?.checksumSha256;
      const sum = checksumSha256 ?? announced;
      objects.set(key, sum ? { size, checksumSha256: sum } : { size });
    },
    /** objects in the bucket, by key */
    objects,
    stored: { conversationsById, memberStates, messagesByKey, attachmentsById },
    /** types of the events published so far, in order */
    publishedTypes: () => published.map((e) => e.event.detailType),
  };
}

import { batchGetAll } from '@parley/lambda/batch-get';
import { chunk } from '../domain/concurrency.ts';
import type { ProfileStore } from '../domain/digests.ts';
import type {
  BlockStore,
  CallStore,
  ContactStore,
  ConversationMembers,
  Cooldowns,
  MembershipStore,
  RateLimiter,
} from '../domain/ports.ts';
import { isConditionFailure } from './conditions.ts';
import type { NotificationsDb } from './table.ts';

const DAY = 86_400;

export function electroMembershipStore(db: NotificationsDb): MembershipStore {
  const conversation = db.entities.conversation;
  const userConversations = db.entities.userConversations;
  return {
    async membersOf(conversationId) {
      const { data } = await conversation.get({ conversationId }).go();
      return data ? [...data.memberIds] : undefined;
    },
    async membersOfMany(conversationIds) {
      const out = new Map<string, ConversationMembers>();
      for (const ids of chunk([...new Set(conversationIds)], 100)) {
        const keys = ids.map((conversationId) => ({ conversationId }));
        const data = await batchGetAll(
          keys,
          (pending) => conversation.get(pending).go({ concurrency: 1 }),
          'conversations',
        );
        for (const item of data)
          out.set(item.conversationId, { memberIds: [...item.memberIds], pendingIds: [...(item.pendingIds ?? [])] });
      }
      return out;
    },
    async conversationsOf(userId) {
      const { data } = await userConversations.get({ userId }).go();
      return data?.conversationIds ? [...data.conversationIds] : [];
    },
    async replaceMembers(conversationId, memberIds, version, pendingIds = []) {
      const { data: current } = await conversation.get({ conversationId }).go();
      if (current && current.version >= version) return { applied: false, previous: [...current.memberIds] };
      try {
        // a newer event may land between the read and this write: the condition keeps the newest
        await conversation
          .upsert({ conversationId, memberIds: [...memberIds], pendingIds: [...pendingIds], version })
          .where(({ version: stored }, { notExists, lt }) => `${notExists(stored)} OR ${lt(stored, version)}`)
          .go();
      } catch (err) {
        if (isConditionFailure(err)) return { applied: false, previous: current ? [...current.memberIds] : [] };
        throw err;
      }
      return { applied: true, previous: current ? [...current.memberIds] : [] };
    },
    async link(userIds, conversationId) {
      await Promise.all(
        userIds.map((userId) =>
          userConversations
            .update({ userId })
            .add({ conversationIds: [conversationId] })
            .go(),
        ),
      );
    },
    async unlink(userIds, conversationId) {
      await Promise.all(
        userIds.map((userId) =>
          userConversations
            .update({ userId })
            .delete({ conversationIds: [conversationId] })
            .go(),
        ),
      );
    },
  };
}

export function electroContactStore(db: NotificationsDb): ContactStore {
  const contact = db.entities.contact;
  return {
    async apply(ownerId, contactId, active, version) {
      try {
        await contact
          .upsert({ ownerId, contactId, active, version })
          .where(({ version: stored }, { notExists, lt }) => `${notExists(stored)} OR ${lt(stored, version)}`)
          .go();
      } catch (err) {
        if (!isConditionFailure(err)) throw err; // stale event: a newer one already applied
      }
    },
    async watchersOf(userId) {
      const { data } = await contact.query.byContact({ contactId: userId }).go({ pages: 'all' });
      return data.filter((c) => c.active).map((c) => c.ownerId);
    },
    async contactsOf(ownerId) {
      const { data } = await contact.query.byOwner({ ownerId }).go({ pages: 'all' });
      return data.filter((c) => c.active).map((c) => c.contactId);
    },
  };
}

export function electroBlockStore(db: NotificationsDb): BlockStore {
  const block = db.entities.block;
  return {
    async apply(ownerId, blockedId, active, version) {
      try {
        await block
          .upsert({ ownerId, blockedId, active, version })
          .where(({ version: stored }, { notExists, lt }) => `${notExists(stored)} OR ${lt(stored, version)}`)
          .go();
      } catch (err) {
        if (!isConditionFailure(err)) throw err; // stale event: a newer one already applied
      }
    },
    async blockedAround(userId) {
      const [mine, theirs] = await Promise.all([
        block.query.byOwner({ ownerId: userId }).go({ pages: 'all' }),
        block.query.byBlocked({ blockedId: userId }).go({ pages: 'all' }),
      ]);
      return new Set([
        ...mine.data.filter((b) => b.active).map((b) => b.blockedId),
        ...theirs.data.filter((b) => b.active).map((b) => b.ownerId),
      ]);
    },
  };
}

export function electroProfileStore(db: NotificationsDb): ProfileStore {
  const profile = db.entities.profile;
  return {
    async setMobile(userId, mobile, version) {
      try {
        // put, not upsert: a removed number must disappear from the item
        await profile
          .put({
            userId,
            version,
            mobileVerified: mobile.verified,
            ...(mobile.mobileNumber ? { mobileNumber: mobile.mobileNumber } : {}),
          })
          .where(({ version: stored }, { notExists, lt }) => `${notExists(stored)} OR ${lt(stored, version)}`)
          .go();
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
    },
    async mobileOf(userId) {
      const { data } = await profile.get({ userId }).go();
      if (!data?.mobileNumber) return undefined;
      return { mobileNumber: data.mobileNumber, verified: data.mobileVerified === true };
    },
  };
}

export function electroCallStore(db: NotificationsDb, now: () => Date = () => new Date()): CallStore {
  const calls = db.entities.callParticipants;
  return {
    async addParticipants(callId, userIds) {
      try {
        await calls
          .update({ callId })
          .add({ userIds: [...userIds] })
          .set({ expiresAt: Math.floor(now().getTime() / 1000) + DAY })
          .where(({ endedAt }, { notExists }) => notExists(endedAt))
          .go({ response: 'none' });
      } catch (err) {
        if (!isConditionFailure(err)) throw err; // the call ended: an event that came late adds no one
      }
    },
    async end(callId) {
      await calls
        .update({ callId })
        .set({ endedAt: now().toISOString(), expiresAt: Math.floor(now().getTime() / 1000) + DAY })
        .go({ response: 'none' });
    },
    async participantsOf(callId) {
      const { data } = await calls.get({ callId }).go();
      return data?.userIds && !data.endedAt ? [...data.userIds] : [];
    },
  };
}

export function electroRateLimiter(db: NotificationsDb): RateLimiter {
  const counter = db.entities.counter;
  return {
    async tryTake(name, limit, windowSeconds, now) {
      const nowSeconds = Math.floor(now.getTime() / 1000);
      const window = Math.floor(nowSeconds / windowSeconds);
      try {
        await counter
          .update({ name, window })
          .add({ count: 1 })
          .set({ expiresAt: (window + 1) * windowSeconds + 60 })
          .where(({ count }, { notExists, lt }) => `${notExists(count)} OR ${lt(count, limit)}`)
          .go();
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },
  };
}

/** One conditional put: it succeeds only when no cooldown of that name is running; DynamoDB's TTL clears old ones. */
export function electroCooldowns(db: NotificationsDb): Cooldowns {
  const cooldown = db.entities.cooldown;
  return {
    async tryStart(name, ms, now) {
      const until = now.getTime() + ms;
      try {
        await cooldown
          .put({ name, until, expiresAt: Math.ceil(until / 1000) + 60 })
          .where(({ until: stored }, { notExists, lte }) => `${notExists(stored)} OR ${lte(stored, now.getTime())}`)
          .go();
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },
  };
}

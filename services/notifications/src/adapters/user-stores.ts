import { batchGetAll } from '@parley/lambda/batch-get';
import type { EntityItem } from 'electrodb';
import { chunk } from '../domain/concurrency.ts';
import type { DigestStore, PendingDigest } from '../domain/digests.ts';
import type { Preferences, PreferencesStore } from '../domain/preferences.ts';
import { isConditionFailure } from './conditions.ts';
import type { DigestEntity } from './entities/digest.ts';
import type { PreferencesEntity } from './entities/preferences.ts';
import type { NotificationsDb } from './table.ts';

const toPreferences = (item: EntityItem<typeof PreferencesEntity>): Preferences => ({
  smsOnMissedCall: item.smsOnMissedCall,
  smsOnVoicemail: item.smsOnVoicemail,
  smsOnMessageWhenOffline: item.smsOnMessageWhenOffline,
  offlineDelayMinutes: item.offlineDelayMinutes,
});

export function electroPreferencesStore(db: NotificationsDb): PreferencesStore {
  const preferences = db.entities.preferences;
  return {
    async get(userId) {
      const { data } = await preferences.get({ userId }).go();
      return data ? toPreferences(data) : undefined;
    },
    async getMany(userIds) {
      const out = new Map<string, Preferences>();
      for (const ids of chunk([...new Set(userIds)], 100)) {
        const keys = ids.map((userId) => ({ userId }));
        const data = await batchGetAll(
          keys,
          (pending) => preferences.get(pending).go({ concurrency: 1 }),
          'preferences',
        );
        for (const item of data) out.set(item.userId, toPreferences(item));
      }
      return out;
    },
    async put(userId, value) {
      await preferences.put({ userId, ...value }).go();
    },
  };
}

type DigestItem = EntityItem<typeof DigestEntity>;
const toDigest = (item: DigestItem): PendingDigest => ({
  userId: item.userId,
  dueAt: item.dueAt,
  firstAt: item.firstAt,
  messageCount: item.messageCount,
  conversationIds: [...item.conversationIds],
  attempts: item.attempts,
});

export function electroDigestStore(db: NotificationsDb): DigestStore {
  const digest = db.entities.digest;
  return {
    async add(userId, input) {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        try {
          // the first message opens the digest and fixes its due time
          await digest
            .create({
              userId,
              dueAt: input.dueAt.toISOString(),
              firstAt: input.at.toISOString(),
              messageCount: 1,
              conversationIds: [input.conversationId],
              attempts: 0,
            })
            .go();
          return;
        } catch (err) {
          if (!isConditionFailure(err)) throw err;
        }
        try {
          // later messages only count in (patch: fails if the digest was just sent and removed)
          await digest
            .patch({ userId })
            .add({ messageCount: 1, conversationIds: [input.conversationId] })
            .go();
          return;
        } catch (err) {
          if (!isConditionFailure(err)) throw err;
        }
      }
      throw new Error(`could not queue a digest for ${userId}`);
    },
    async due(now, limit) {
      const { data } = await digest.query.due({}).lte({ dueAt: now.toISOString() }).go({ limit });
      return data.map(toDigest);
    },
    async take(pending) {
      try {
        const { data } = await digest
          .delete({ userId: pending.userId })
          .where(({ dueAt }, { eq }) => eq(dueAt, pending.dueAt))
          .go({ response: 'all_old' });
        return data ? toDigest(data as DigestItem) : undefined;
      } catch (err) {
        if (isConditionFailure(err)) return undefined;
        throw err;
      }
    },
    async putBack(pending) {
      try {
        await digest.create({ ...pending }).go();
      } catch (err) {
        // a new message opened a fresh digest meanwhile: it will carry the news
        if (!isConditionFailure(err)) throw err;
      }
    },
  };
}

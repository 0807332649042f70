import type { DigestStore, PendingDigest, ProfileStore, SmsSender } from '../src/domain/digests.ts';
import type {
  BlockStore,
  CallStore,
  ConnectionGateway,
  ConnectionStore,
  ContactStore,
  Cooldowns,
  LiveConnection,
  MembershipStore,
  NotificationsPublisher,
  PresenceChangedData,
  PresenceRecord,
  RateLimiter,
  SmsSentData,
  SmsUsageData,
} from '../src/domain/ports.ts';
import type { Preferences, PreferencesStore } from '../src/domain/preferences.ts';
import type { SmsMetrics } from '../src/domain/sms-guard.ts';
import type { OptOutStore } from '../src/domain/webhooks.ts';

const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

/** In-memory connection store with the adapter's semantics (atomic per user, expiry honoured). */
export function memoryConnections(): ConnectionStore & {
  raw: Map<string, { conns: Map<string, LiveConnection>; lastSeenAt?: string }>;
} {
  const raw = new Map<string, { conns: Map<string, LiveConnection>; lastSeenAt?: string }>();
  const liveOf = (userId: string, now: Date, except?: string) =>
    [...(raw.get(userId)?.conns.values() ?? [])].filter((c) => c.connectionId !== except && c.expiresAt > epoch(now));
  return {
    raw,
    async add(userId, connection, now) {
      const cameOnline = liveOf(userId, now, connection.connectionId).length === 0;
      const item = raw.get(userId) ?? { conns: new Map() };
      item.conns.set(connection.connectionId, connection);
      raw.set(userId, item);
      return { cameOnline, live: liveOf(userId, now) };
    },
    async remove(userId, connectionId, now) {
      const item = raw.get(userId);
      if (!item?.conns.has(connectionId)) return { wentOffline: false };
      const wasLive = liveOf(userId, now).some((c) => c.connectionId === connectionId);
      item.conns.delete(connectionId);
      item.lastSeenAt = now.toISOString();
      return { wentOffline: wasLive && liveOf(userId, now).length === 0 };
    },
    async getMany(userIds, now) {
      const out = new Map<string, PresenceRecord>();
      for (const userId of userIds) {
        const item = raw.get(userId);
        if (!item) continue;
        out.set(userId, {
          userId,
          connections: liveOf(userId, now),
          ...(item.lastSeenAt ? { lastSeenAt: item.lastSeenAt } : {}),
        });
      }
      return out;
    },
  };
}

/** A management API stand-in: connections listed in `gone` answer 410; `failing` ones throw. */
export function recordingGateway(): ConnectionGateway & {
  posts: { connectionId: string; payload: string }[];
  closed: string[];
  gone: Set<string>;
  failing: Set<string>;
} {
  const posts: { connectionId: string; payload: string }[] = [];
  const closed: string[] = [];
  const gone = new Set<string>();
  const failing = new Set<string>();
  return {
    posts,
    closed,
    gone,
    failing,
    async post(connectionId, payload) {
      if (failing.has(connectionId)) throw new Error('throttled');
      if (gone.has(connectionId)) return 'gone';
      posts.push({ connectionId, payload });
      return 'sent';
    },
    async close(connectionId) {
      closed.push(connectionId);
      gone.add(connectionId);
    },
  };
}

export function memoryMembership(
  initial: Record<string, string[]> = {},
  initialPending: Record<string, string[]> = {},
): MembershipStore {
  const conversations = new Map<string, { members: string[]; pending: string[]; version: string }>();
  const links = new Map<string, Set<string>>();
  const link = (userId: string, conversationId: string) => {
    const set = links.get(userId) ?? new Set();
    set.add(conversationId);
    links.set(userId, set);
  };
  for (const [id, members] of Object.entries(initial)) {
    conversations.set(id, { members, pending: initialPending[id] ?? [], version: '0' });
    for (const m of members) link(m, id);
  }
  return {
    async membersOf(id) {
      return conversations.get(id)?.members;
    },
    async membersOfMany(ids) {
      return new Map(
        ids.flatMap((id) => {
          const c = conversations.get(id);
          return c ? [[id, { memberIds: [...c.members], pendingIds: [...c.pending] }] as const] : [];
        }),
      );
    },
    async conversationsOf(userId) {
      return [...(links.get(userId) ?? [])];
    },
    async replaceMembers(id, memberIds, version, pendingIds = []) {
      const current = conversations.get(id);
      if (current && current.version >= version) return { applied: false, previous: current.members };
      conversations.set(id, { members: [...memberIds], pending: [...pendingIds], version });
      return { applied: true, previous: current?.members ?? [] };
    },
    async link(userIds, id) {
      for (const u of userIds) link(u, id);
    },
    async unlink(userIds, id) {
      for (const u of userIds) links.get(u)?.delete(id);
    },
  };
}

export function memoryContacts(pairs: [owner: string, contact: string][] = []): ContactStore {
  const items = new Map<string, { owner: string; contact: string; active: boolean; version: string }>();
  for (const [owner, contact] of pairs)
    items.set(`${owner}>${contact}`, { owner, contact, active: true, version: '0' });
  return {
    async apply(owner, contact, active, version) {
      const current = items.get(`${owner}>${contact}`);
      if (current && current.version >= version) return;
      items.set(`${owner}>${contact}`, { owner, contact, active, version });
    },
    async watchersOf(userId) {
      return [...items.values()].filter((i) => i.active && i.contact === userId).map((i) => i.owner);
    },
    async contactsOf(owner) {
      return [...items.values()].filter((i) => i.active && i.owner === owner).map((i) => i.contact);
    },
  };
}

export function memoryBlocks(pairs: [owner: string, blocked: string][] = []): BlockStore {
  const items = new Map<string, { owner: string; blocked: string; active: boolean; version: string }>();
  for (const [owner, blocked] of pairs)
    items.set(`${owner}>${blocked}`, { owner, blocked, active: true, version: '0' });
  return {
    async apply(owner, blocked, active, version) {
      const current = items.get(`${owner}>${blocked}`);
      if (current && current.version >= version) return;
      items.set(`${owner}>${blocked}`, { owner, blocked, active, version });
    },
    async blockedAround(userId) {
      const around = new Set<string>();
      for (const i of items.values()) {
        if (!i.active) continue;
        if (i.owner === userId) around.add(i.blocked);
        if (i.blocked === userId) around.add(i.owner);
      }
      return around;
    },
  };
}

export function memoryCalls(): CallStore {
  const calls = new Map<string, Set<string>>();
  const ended = new Set<string>();
  return {
    async addParticipants(callId, userIds) {
      if (ended.has(callId)) return;
      calls.set(callId, new Set([...(calls.get(callId) ?? []), ...userIds]));
    },
    async end(callId) {
      ended.add(callId);
    },
    async participantsOf(callId) {
      return ended.has(callId) ? [] : [...(calls.get(callId) ?? [])];
    },
  };
}

export function memoryRateLimiter(): RateLimiter {
  const counts = new Map<string, number>();
  return {
    async tryTake(key, limit, windowSeconds, now) {
      const k = `${key}@${Math.floor(epoch(now) / windowSeconds)}`;
      const used = counts.get(k) ?? 0;
      if (used >= limit) return false;
      counts.set(k, used + 1);
      return true;
    },
  };
}

/** Cooldowns with the adapter's semantics: a running one refuses, an elapsed one is replaced. */
export function memoryCooldowns(): Cooldowns {
  const until = new Map<string, number>();
  return {
    async tryStart(key, ms, now) {
      if ((until.get(key) ?? 0) > now.getTime()) return false;
      until.set(key, now.getTime() + ms);
      return true;
    },
  };
}

export function recordingPublisher(): NotificationsPublisher & {
  presence: { data: PresenceChangedData; audience: readonly string[] }[];
  sms: SmsSentData[];
  usage: SmsUsageData[];
  /** every text event, in order: `[detail-type suffix, data]` */
  texts: [string, unknown][];
} {
  const presence: { data: PresenceChangedData; audience: readonly string[] }[] = [];
  const sms: SmsSentData[] = [];
  const usage: SmsUsageData[] = [];
  const texts: [string, unknown][] = [];
  return {
    presence,
    sms,
    usage,
    texts,
    async textReceived(data) {
      texts.push(['TextReceived', data]);
    },
    async textStatusChanged(data) {
      texts.push(['TextStatusChanged', data]);
    },
    async textOptedOut(data) {
      texts.push(['TextOptedOut', data]);
    },
    async textOptedIn(data) {
      texts.push(['TextOptedIn', data]);
    },
    async presenceChanged(data, audience) {
      presence.push({ data, audience });
    },
    async smsSent(data) {
      sms.push(data);
    },
    async usageRecorded(data) {
      usage.push(data);
    },
  };
}

export function memoryPreferences(initial: Record<string, Preferences> = {}): PreferencesStore {
  const items = new Map(Object.entries(initial));
  return {
    async get(userId) {
      return items.get(userId);
    },
    async getMany(userIds) {
      return new Map(userIds.flatMap((id) => (items.has(id) ? [[id, items.get(id) as Preferences] as const] : [])));
    },
    async put(userId, value) {
      items.set(userId, value);
    },
  };
}

export function memoryDigests(): DigestStore & { items: Map<string, PendingDigest> } {
  const items = new Map<string, PendingDigest>();
  return {
    items,
    async add(userId, input) {
      const current = items.get(userId);
      if (!current) {
        items.set(userId, {
          userId,
          dueAt: input.dueAt.toISOString(),
          firstAt: input.at.toISOString(),
          messageCount: 1,
          conversationIds: [input.conversationId],
          attempts: 0,
        });
        return;
      }
      current.messageCount += 1;
      if (!current.conversationIds.includes(input.conversationId)) current.conversationIds.push(input.conversationId);
    },
    async due(now, limit) {
      return [...items.values()]
        .filter((d) => d.dueAt <= now.toISOString())
        .slice(0, limit)
        .map((d) => ({ ...d }));
    },
    async take(pending) {
      const current = items.get(pending.userId);
      if (!current || current.dueAt !== pending.dueAt) return undefined;
      items.delete(pending.userId);
      return current;
    },
    async putBack(digest) {
      if (!items.has(digest.userId)) items.set(digest.userId, digest);
    },
  };
}

/** Profiles; `verified` numbers are verified (the usual case in tests), others are set through `setMobile`. */
export function memoryProfiles(verified: Record<string, string> = {}): ProfileStore {
  const items = new Map(Object.entries(verified).map(([id, mobileNumber]) => [id, { mobileNumber, verified: true }]));
  return {
    async setMobile(userId, mobile) {
      if (mobile.mobileNumber) items.set(userId, { mobileNumber: mobile.mobileNumber, verified: mobile.verified });
      else items.delete(userId);
    },
    async mobileOf(userId) {
      return items.get(userId);
    },
  };
}

/** The SMS metric, counted per country. */
export function recordingMetrics(): SmsMetrics & { countries: string[] } {
  const countries: string[] = [];
  return {
    countries,
    sent({ country }) {
      countries.push(country);
    },
  };
}

export function recordingSms(): SmsSender & { sent: { phoneNumber: string; text: string }[]; failNext: number } {
  const state = {
    sent: [] as { phoneNumber: string; text: string }[],
    failNext: 0,
    async send(phoneNumber: string, text: string) {
      if (state.failNext > 0) {
        state.failNext -= 1;
        throw new Error('provider unavailable');
      }
      state.sent.push({ phoneNumber, text });
      return { messageId: `sms-${state.sent.length}` };
    },
  };
  return state;
}

/** Opt keywords per number and channel, newest `at` wins (like the conditional upsert). */
export function memoryOptOuts(optedOut: string[] = []): OptOutStore & {
  items: Map<string, { optedOut: boolean; keyword: string; at: string }>;
} {
  const items = new Map(optedOut.map((n) => [`${n}#sms`, { optedOut: true, keyword: 'STOP', at: '' }]));
  return {
    items,
    async apply(phoneNumber, channel, isOut, keyword, at) {
      const key = `${phoneNumber}#${channel}`;
      const current = items.get(key);
      if (current && current.at >= at) return false;
      items.set(key, { optedOut: isOut, keyword, at });
      return true;
    },
    async isOptedOut(phoneNumber, channel) {
      return items.get(`${phoneNumber}#${channel}`)?.optedOut === true;
    },
  };
}

/** A clock the test moves by hand. */
export function manualClock(start = '2026-11-22T10:00:00.000Z') {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

export const silentLog = { warn: () => undefined };

let counter = 0;
export const sequentialIds = { newId: () => `id-${++counter}` };

/** Everything the use cases need, in memory. */
export function world(
  options: {
    conversations?: Record<string, string[]>;
    /** per conversation, the members who have not accepted it */
    pending?: Record<string, string[]>;
    contacts?: [string, string][];
    blocks?: [string, string][];
  } = {},
) {
  return {
    connections: memoryConnections(),
    gateway: recordingGateway(),
    membership: memoryMembership(options.conversations, options.pending),
    contacts: memoryContacts(options.contacts),
    blocks: memoryBlocks(options.blocks),
    calls: memoryCalls(),
    rateLimiter: memoryRateLimiter(),
    cooldowns: memoryCooldowns(),
    publisher: recordingPublisher(),
    preferences: memoryPreferences(),
    digests: memoryDigests(),
    profiles: memoryProfiles(),
    sms: recordingSms(),
    metrics: recordingMetrics(),
    optOuts: memoryOptOuts(),
    clock: manualClock(),
    log: silentLog,
    ids: sequentialIds,
  };
}

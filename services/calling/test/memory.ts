import type { EventDefinition } from '@parley/events/define-event';
import { type Call, type CallSettings, usersOf } from '../src/domain/model.ts';
import {
  CallExists,
  type CallRepository,
  type DirectoryUser,
  type DomainEvents,
  type MeetingJoin,
  type Meetings,
  type MissedCallStore,
  type PendingDomainEvent,
  type SettingsRepository,
  type UserDirectory,
} from '../src/domain/ports.ts';
import {
  memoryAudio,
  memoryNumberOwners,
  memoryPresence,
  memorySma,
  memorySpend,
  memoryUsage,
  memoryVoicemails,
} from './memory-phone.ts';

/** In-memory calls with the adapter's semantics: conditional transitions, log newest first, the ring and glare indexes. */
export function memoryCalls(): CallRepository & { calls: Map<string, Call>; ringing: Set<string> } {
  const calls = new Map<string, Call>();
  const ringing = new Set<string>();
  const pairs = new Map<string, string>();
  const logs = new Map<string, { position: string; callId: string }[]>();
  return {
    calls,
    ringing,
    async create(call) {
      if (calls.has(call.id)) throw new CallExists(call.id);
      calls.set(call.id, structuredClone(call));
      ringing.add(call.id);
      if (call.kind === 'app') pairs.set(`${call.callerId}>${call.calleeId}`, call.id);
      for (const userId of usersOf(call)) {
        logs.set(userId, [...(logs.get(userId) ?? []), { position: `${call.startedAt}#${call.id}`, callId: call.id }]);
      }
    },
    async get(callId) {
      const call = calls.get(callId);
      return call ? structuredClone(call) : undefined;
    },
    async transition(callId, from, changes) {
      const call = calls.get(callId);
      if (!call || call.state !== from) return undefined;
      const { phone, ...rest } = changes;
      const next = { ...call, ...rest, ...(call.phone ? { phone: { ...call.phone, ...phone } } : {}) };
      calls.set(callId, next);
      return structuredClone(next);
    },
    async update(callId, changes) {
      const call = calls.get(callId);
      if (!call) return undefined;
      const { phone, ...rest } = changes;
      const next = { ...call, ...rest, ...(call.phone ? { phone: { ...call.phone, ...phone } } : {}) };
      calls.set(callId, next);
      return structuredClone(next);
    },
    async ringingBetween(callerId, calleeId) {
      return pairs.get(`${callerId}>${calleeId}`);
    },
    async ringExpiredBy(now, limit) {
      return [...ringing]
        .map((id) => calls.get(id) as Call)
        .filter((call) => call.ringUntil < now)
        .slice(0, limit)
        .map((call) => ({ id: call.id, ringUntil: call.ringUntil }));
    },
    async clearRinging(call) {
      ringing.delete(call.id);
    },
    async setPresence(callId, side, presence) {
      const call = calls.get(callId);
      const known = call?.presence?.[side];
      if (!call || (known && known.at >= presence.at)) return undefined;
      const next = { ...call, presence: { ...call.presence, [side]: { ...presence } } };
      calls.set(callId, next);
      return structuredClone(next);
    },
    async log(userId, page) {
      const entries = (logs.get(userId) ?? [])
        .filter((entry) => page.before === undefined || entry.position < page.before)
        .sort((a, b) => (a.position < b.position ? 1 : -1))
        .slice(0, page.limit);
      const last = entries.at(-1);
      return {
        calls: entries.map((entry) => structuredClone(calls.get(entry.callId) as Call)),
        ...(last && entries.length === page.limit ? { next: last.position } : {}),
      };
    },
  };
}

export function memoryMissed(): MissedCallStore {
  const state = new Map<string, { unseen: number; seenAt?: string }>();
  return {
    async increment(userId) {
      const now = state.get(userId) ?? { unseen: 0 };
      state.set(userId, { ...now, unseen: now.unseen + 1 });
    },
    async markSeen(userId, at) {
      state.set(userId, { unseen: 0, seenAt: at });
    },
    async get(userId) {
      return { ...(state.get(userId) ?? { unseen: 0 }) };
    },
  };
}

export function memorySettings(): SettingsRepository & { stored: Map<string, CallSettings> } {
  const stored = new Map<string, CallSettings>();
  return {
    stored,
    async get(userId) {
      return stored.get(userId);
    },
    async put(userId, settings) {
      stored.set(userId, { ...settings });
    },
  };
}

export function memoryDirectory(users: DirectoryUser[] = []): UserDirectory & { users: Map<string, DirectoryUser> } {
  const map = new Map(users.map((u) => [u.userId, u]));
  return {
    users: map,
    async upsert(user) {
      const known = map.get(user.userId);
      map.set(user.userId, { ...known, ...user });
    },
    async get(userId) {
      return map.get(userId);
    },
    async byMobile(e164) {
      return [...map.values()].find((u) => u.mobileNumber === e164);
    },
  };
}

/** A stand-in for Chime: meetings that exist until ended, one attendee per person. */
export function memoryMeetings(): Meetings & {
  live: Map<string, { callId: string; mediaRegion: string; userIds: readonly string[] }>;
  ended: string[];
} {
  const live = new Map<string, { callId: string; mediaRegion: string; userIds: readonly string[] }>();
  const ended: string[] = [];
  const joinOf = (meetingId: string, userId: string): MeetingJoin => ({
    meeting: { MeetingId: meetingId, ExternalMeetingId: live.get(meetingId)?.callId },
    attendee: { AttendeeId: `att-${userId}`, ExternalUserId: userId, JoinToken: `token-${meetingId}-${userId}` },
  });
  return {
    live,
    ended,
    async create(input) {
      const meetingId = `meeting-${input.callId}`;
      live.set(meetingId, input);
      return { meetingId, joins: new Map(input.userIds.map((u) => [u, joinOf(meetingId, u)])) };
    },
    async join(meetingId, userId) {
      if (!live.has(meetingId)) throw new Error(`no meeting ${meetingId}`);
      return joinOf(meetingId, userId);
    },
    async end(meetingId) {
      live.delete(meetingId);
      ended.push(meetingId);
    },
  };
}

/** Records what was published. */
export function memoryEvents(): DomainEvents & {
  published: PendingDomainEvent[];
  of<E extends EventDefinition>(event: E): { data: unknown; audience?: readonly string[] }[];
} {
  const published: PendingDomainEvent[] = [];
  return {
    published,
    async publishAll(events) {
      published.push(...events);
    },
    of(event) {
      return published
        .filter((p) => p.event.detailType === event.detailType)
        .map((p) => ({ data: p.data, ...(p.options?.audience ? { audience: p.options.audience } : {}) }));
    },
  };
}

/** A clock the test moves. */
export function testClock(start = '2026-12-01T10:00:00.000Z') {
  let now = Date.parse(start);
  return {
    now: () => new Date(now),
    advance(seconds: number) {
      now += seconds * 1000;
    },
  };
}

/** Every port of the call use cases, in memory. */
export function memoryDeps(users: DirectoryUser[]) {
  let n = 0;
  const warnings: string[] = [];
  return {
    calls: memoryCalls(),
    missed: memoryMissed(),
    settings: memorySettings(),
    directory: memoryDirectory(users),
    meetings: memoryMeetings(),
    events: memoryEvents(),
    clock: testClock(),
    ids: { id: () => `id${++n}` },
    warnings,
    diagnostics: { warn: (message: string) => warnings.push(message) },
    sma: memorySma(),
    usage: memoryUsage(),
    spend: memorySpend(),
    audio: memoryAudio(),
    voicemails: memoryVoicemails(),
    numberOwners: memoryNumberOwners(),
    presence: memoryPresence(),
    blocks: memoryBlocks(),
  };
}

/** Blocks in memory with the adapter's semantics (newest change wins). */
export function memoryBlocks() {
  const items = new Map<string, { active: boolean; version: string }>();
  return {
    items,
    async apply(change: { ownerId: string; blockedId: string; active: boolean; version: string }) {
      const key = `${change.ownerId}>${change.blockedId}`;
      const stored = items.get(key);
      if (!stored || stored.version < change.version)
        items.set(key, { active: change.active, version: change.version });
    },
    async between(a: string, b: string) {
      return Boolean(items.get(`${a}>${b}`)?.active || items.get(`${b}>${a}`)?.active);
    },
  };
}

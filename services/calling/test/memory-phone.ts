import type { MonthlySpend, MonthSpend, SpendProjection } from '../src/domain/monthly-spend.ts';
import type {
  CallAudio,
  NumberOwners,
  PresenceStore,
  SipMediaCalls,
  Voicemail,
  VoicemailRepository,
} from '../src/domain/ports.ts';
import type { PstnUsageStore } from '../src/domain/toll-fraud.ts';

/** A stand-in for the SIP media application's API: what was dialled and updated; calls live until hung up. */
export function memorySma(): SipMediaCalls & {
  dialled: { from: string; to: string; arguments: Record<string, string>; transactionId: string }[];
  updates: { transactionId: string; args: Record<string, string> }[];
  ended: Set<string>;
  failNextDial?: boolean;
} {
  let n = 0;
  const state = {
    dialled: [] as { from: string; to: string; arguments: Record<string, string>; transactionId: string }[],
    updates: [] as { transactionId: string; args: Record<string, string> }[],
    ended: new Set<string>(),
    failNextDial: false as boolean | undefined,
    async dial(input: { from: string; to: string; arguments: Record<string, string> }) {
      if (state.failNextDial) {
        state.failNextDial = false;
        throw new Error('ServiceUnavailableException');
      }
      const transactionId = `tx-${++n}`;
      state.dialled.push({ ...input, transactionId });
      return transactionId;
    },
    async update(transactionId: string, args: Record<string, string>) {
      if (state.ended.has(transactionId)) return false;
      state.updates.push({ transactionId, args });
      return true;
    },
    async callerId() {
      return '+12025550100';
    },
  };
  return state;
}

/** The usage ledger's month totals in memory, with the adapter's semantics (a smaller total never replaces a larger). */
export function memorySpend(): MonthlySpend & SpendProjection & { months: Map<string, MonthSpend> } {
  const months = new Map<string, MonthSpend>();
  return {
    months,
    async monthSpend(userId, month) {
      const found = months.get(`${userId}#${month}`);
      return found ? { ...found } : undefined;
    },
    async project(spend) {
      const key = `${spend.userId}#${spend.month}`;
      const known = months.get(key);
      if (known && known.amountMicros > spend.amountMicros) return;
      months.set(key, { amountMicros: spend.amountMicros, capMicros: spend.capMicros });
    },
  };
}

export function memoryUsage(): PstnUsageStore & { days: Map<string, { seconds: number; spend: number }> } {
  const days = new Map<string, { seconds: number; spend: number }>();
  return {
    days,
    async today(userId, day) {
      return { ...(days.get(`${userId}#${day}`) ?? { seconds: 0, spend: 0 }) };
    },
    async add(userId, day, usage) {
      const now = days.get(`${userId}#${day}`) ?? { seconds: 0, spend: 0 };
      days.set(`${userId}#${day}`, { seconds: now.seconds + usage.seconds, spend: now.spend + usage.spend });
    },
  };
}

/** Recordings by key (their size in bytes), like the bucket. */
export function memoryAudio(): CallAudio & { objects: Map<string, number>; storedAt: Map<string, string> } {
  const objects = new Map<string, number>();
  /** when each object was written (absent: 2026-12-01, the test clock's day) */
  const storedAt = new Map<string, string>();
  return {
    objects,
    storedAt,
    async *recordings() {
      for (const [key, bytes] of objects) {
        if (key.startsWith('voicemail/'))
          yield { key, bytes, storedAt: storedAt.get(key) ?? '2026-12-01T10:00:00.000Z' };
      }
    },
    recordingDestination: (ownerId, callId) => ({ bucket: 'audio', prefix: `voicemail/${ownerId}/${callId}/` }),
    async ringback() {
      return { bucket: 'audio', key: 'prompts/ringback-v1.wav', seconds: 5 };
    },
    async size(key) {
      return objects.get(key);
    },
    async downloadUrl(key) {
      return { url: `https://audio.example/${key}?signed`, expiresAt: '2026-12-01T10:15:00.000Z' };
    },
    async delete(key) {
      objects.delete(key);
    },
  };
}

export function memoryVoicemails(): VoicemailRepository & { stored: Map<string, Voicemail> } {
  const stored = new Map<string, Voicemail>();
  return {
    stored,
    async create(vm) {
      if (stored.has(vm.id)) return false;
      stored.set(vm.id, { ...vm });
      return true;
    },
    async get(id) {
      const vm = stored.get(id);
      return vm ? { ...vm } : undefined;
    },
    async list(ownerId, page) {
      const items = [...stored.values()]
        .filter((vm) => vm.ownerId === ownerId && (!page.before || vm.receivedAt < page.before))
        .sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : -1))
        .slice(0, page.limit);
      const last = items.at(-1);
      return { items, ...(last && items.length === page.limit ? { next: last.receivedAt } : {}) };
    },
    async markHeard(id) {
      const vm = stored.get(id);
      if (!vm) return undefined;
      vm.heard = true;
      return { ...vm };
    },
    async delete(id) {
      stored.delete(id);
    },
    async unheard(ownerId) {
      return [...stored.values()].filter((vm) => vm.ownerId === ownerId && !vm.heard).length;
    },
  };
}

export function memoryNumberOwners(
  owners: Record<string, { userId: string; country: string; carrier: string }> = {},
): Pick<NumberOwners, 'ownerOf'> & { owners: typeof owners } {
  return {
    owners,
    async ownerOf(e164) {
      return owners[e164];
    },
  };
}

export function memoryPresence(): PresenceStore & {
  status: Map<string, { status: 'online' | 'offline'; changedAt: string }>;
} {
  const status = new Map<string, { status: 'online' | 'offline'; changedAt: string }>();
  return {
    status,
    async apply(change) {
      const known = status.get(change.userId);
      if (known && known.changedAt >= change.changedAt) return false;
      status.set(change.userId, { status: change.status, changedAt: change.changedAt });
      return true;
    },
    async statusOf(userId) {
      return status.get(userId)?.status;
    },
  };
}

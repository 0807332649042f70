import type { PendingDomainEvent } from '@parley/domain/events';
import type { EventData, EventDefinition } from '@parley/events/define-event';
import type { LedgerLine } from '../src/domain/model.ts';
import type { LedgerStore, RecordingDeps } from '../src/domain/ports.ts';

/** In-memory ledger with the adapter's semantics: one line per event id, the month total added with it. */
export function memoryLedger(): LedgerStore & { lines: LedgerLine[]; totals: Map<string, number> } {
  const lines: LedgerLine[] = [];
  const totals = new Map<string, number>();
  const byTime = (a: LedgerLine, b: LedgerLine) => a.at.localeCompare(b.at) || a.eventId.localeCompare(b.eventId);
  return {
    lines,
    totals,
    async record(line) {
      if (lines.some((l) => l.eventId === line.eventId)) return { recorded: false };
      lines.push({ ...line });
      const key = `${line.userId}#${line.month}`;
      totals.set(key, (totals.get(key) ?? 0) + line.amountMicros);
      return { recorded: true };
    },
    async monthTotal(userId, month) {
      return totals.get(`${userId}#${month}`) ?? 0;
    },
    async linesOfUser(userId, month) {
      return lines.filter((l) => l.userId === userId && l.month === month).sort(byTime);
    },
    async linesOfMonth(month) {
      return lines.filter((l) => l.month === month).sort(byTime);
    },
  };
}

/** The events a use case published, typed by definition. */
export function recordingEvents() {
  const published: PendingDomainEvent[] = [];
  return {
    published,
    async publishAll(events: readonly PendingDomainEvent[]) {
      published.push(...events);
    },
    of<E extends EventDefinition>(definition: E): EventData<E>[] {
      return published.filter((p) => p.event.detailType === definition.detailType).map((p) => p.data as EventData<E>);
    },
  };
}

export function world(now = '2026-12-15T12:00:00.000Z') {
  const deps = {
    ledger: memoryLedger(),
    events: recordingEvents(),
    clock: { now: () => new Date(now) },
    capMicros: 50_000_000,
  } satisfies RecordingDeps;
  return deps;
}

export const admin = { userId: 'u-admin', roles: ['admin', 'user'] };
export const ana = { userId: 'u-ana', roles: ['user'] };
export const bea = { userId: 'u-bea', roles: ['user'] };

let seq = 0;
/** A ledger line with sensible defaults (a phone call's minutes). */
export function line(overrides: Partial<LedgerLine> = {}): LedgerLine {
  seq += 1;
  const at = overrides.at ?? '2026-12-01T10:00:00.000Z';
  return {
    eventId: `e-${seq}`,
    source: 'calling',
    usageId: `u-${seq}`,
    userId: 'u-ana',
    month: at.slice(0, 7),
    day: at.slice(0, 10),
    at,
    feature: 'pstn-out',
    quantity: 60,
    unit: 'second',
    unitPrice: 0.02 / 60,
    amountMicros: 20_000,
    country: 'CH',
    direction: 'outbound',
    ref: `call-${seq}`,
    ...overrides,
  };
}

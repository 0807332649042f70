import { SpendChanged } from '@parley/events/usage';
import type { LedgerLine } from './model.ts';
import { domainEvent, type RecordingDeps } from './ports.ts';

/**
 * Adds one line to the ledger, once: the store's write is conditional on the event id, so a
 * redelivered `UsageRecorded` changes nothing (and publishes nothing). A new line moves the
 * person's month total, and `usage.SpendChanged` tells calling's toll-fraud guard the total and
 * the cap. Answers whether the line was new.
 */
export async function recordUsage(deps: RecordingDeps, line: LedgerLine): Promise<boolean> {
  const { recorded } = await deps.ledger.record(line);
  if (!recorded) return false;
  const amountMicros = await deps.ledger.monthTotal(line.userId, line.month);
  await deps.events.publishAll([
    domainEvent(SpendChanged, {
      userId: line.userId,
      month: line.month,
      amountMicros,
      capMicros: deps.capMicros,
      changedAt: deps.clock.now().toISOString(),
    }),
  ]);
  return true;
}

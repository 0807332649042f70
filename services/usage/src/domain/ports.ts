import type { DomainEvents } from '@parley/domain/events';
import type { LedgerLine } from './model.ts';

export type { DomainEvents } from '@parley/domain/events';
export { domainEvent } from '@parley/domain/events';

/** Port: the ledger's lines and each person's month total. */
export interface LedgerStore {
  /**
   * Writes the line unless a line with its event id exists, adding its amount to the person's month
   * total in the same transaction. `recorded: false` (and nothing changed) for a redelivery.
   */
  record(line: LedgerLine): Promise<{ recorded: boolean }>;
  /** The person's month total in micro-USD (0 when nothing was recorded). */
  monthTotal(userId: string, month: string): Promise<number>;
  /** Every line of one person in one month, oldest first. */
  linesOfUser(userId: string, month: string): Promise<LedgerLine[]>;
  /** Every line of the organisation in one month, oldest first. */
  linesOfMonth(month: string): Promise<LedgerLine[]>;
}

export interface Clock {
  now(): Date;
}

export interface UsageDeps {
  ledger: LedgerStore;
  clock: Clock;
  /** the monthly spend cap every person has, micro-USD */
  capMicros: number;
}

export interface RecordingDeps extends UsageDeps {
  events: DomainEvents;
}

import { Forbidden } from './errors.ts';
import { type Caller, type GroupBy, type LedgerLine, microsToDecimal } from './model.ts';
import type { UsageDeps } from './ports.ts';

/** How many of the costliest lines `/usage/me` lists. */
export const COSTLIEST = 10;

export interface Group {
  key: string;
  amountMicros: number;
  lines: number;
}

export interface FeatureGroup extends Group {
  /** summed quantity, in `unit` (the same feature always has one unit per publisher) */
  quantity: number;
  unit: string;
}

export interface DayTotal {
  day: string;
  amountMicros: number;
}

export interface MyUsage {
  month: string;
  currency: 'USD';
  totalMicros: number;
  capMicros: number;
  byFeature: FeatureGroup[];
  byCountry: Group[];
  byDay: DayTotal[];
  costliest: LedgerLine[];
}

export interface OrgUsage {
  month: string;
  currency: 'USD';
  groupBy: GroupBy;
  totalMicros: number;
  groups: Group[];
  byDay: DayTotal[];
}

/** No country (an app call, storage without one): grouped under this key. */
export const NO_COUNTRY = 'none';

/** What the caller used in `month` and what it cost: by feature and by country, per day, and the costliest lines. */
export async function myUsage(deps: UsageDeps, caller: Caller, input: { month: string }): Promise<MyUsage> {
  const lines = await deps.ledger.linesOfUser(caller.userId, input.month);
  return {
    month: input.month,
    currency: 'USD',
    totalMicros: sum(lines),
    capMicros: deps.capMicros,
    byFeature: byFeature(lines),
    byCountry: groupBy(lines, (l) => l.country ?? NO_COUNTRY),
    byDay: byDay(lines),
    costliest: [...lines]
      .sort((a, b) => b.amountMicros - a.amountMicros || a.at.localeCompare(b.at))
      .slice(0, COSTLIEST),
  };
}

/** Only admins read the organisation's usage: anyone else is refused before anything is read. */
export function requireAdmin(caller: Caller): void {
  if (!caller.roles.includes('admin')) throw new Forbidden("Only an admin can read the organisation's usage.");
}

/** The organisation's usage in `month`, grouped by person, country or feature, with a total per day. Admins only. */
export async function orgUsage(
  deps: UsageDeps,
  caller: Caller,
  input: { month: string; groupBy: GroupBy },
): Promise<OrgUsage> {
  requireAdmin(caller);
  const lines = await deps.ledger.linesOfMonth(input.month);
  const key: (l: LedgerLine) => string =
    input.groupBy === 'user'
      ? (l) => l.userId
      : input.groupBy === 'country'
        ? (l) => l.country ?? NO_COUNTRY
        : (l) => l.feature;
  return {
    month: input.month,
    currency: 'USD',
    groupBy: input.groupBy,
    totalMicros: sum(lines),
    groups: groupBy(lines, key),
    byDay: byDay(lines),
  };
}

export const CSV_COLUMNS = [
  'at',
  'userId',
  'feature',
  'country',
  'direction',
  'quantity',
  'unit',
  'unitPriceUsd',
  'amountUsd',
  'ref',
  'eventId',
] as const;

/** The month's every line as CSV (RFC 4180, amounts as exact decimal USD). Admins only. */
export async function usageCsv(deps: UsageDeps, caller: Caller, input: { month: string }): Promise<string> {
  requireAdmin(caller);
  const lines = await deps.ledger.linesOfMonth(input.month);
  const rows = lines.map((l) =>
    [
      l.at,
      l.userId,
      l.feature,
      l.country ?? '',
      l.direction ?? '',
      String(l.quantity),
      l.unit,
      String(l.unitPrice),
      microsToDecimal(l.amountMicros),
      l.ref ?? '',
      l.eventId,
    ]
      .map(csvField)
      .join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

/**
 * Quotes a field that needs it, and defuses a leading formula character (CSV injection into spreadsheets).
 * Left exact: whole numbers and decimals, E.164 numbers, and ids of the base64url alphabet. A user id
 * may begin with `-` (one in 64 do); made only of `[A-Za-z0-9_-]` it cannot call a function or reach
 * another program, and an export whose ids differ from the API's could not be joined with it. A value
 * that only begins like a negative number (`-2+3+cmd|…`) is defused.
 */
function csvField(value: string): string {
  const exact = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value) || /^\+\d+$/.test(value) || /^[\w-]+$/.test(value);
  const safe = /^[=+\-@\t\r]/.test(value) && !exact ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const sum = (lines: readonly LedgerLine[]) => lines.reduce((total, l) => total + l.amountMicros, 0);

function groupBy(lines: readonly LedgerLine[], key: (l: LedgerLine) => string): Group[] {
  const groups = new Map<string, Group>();
  for (const line of lines) {
    const k = key(line);
    const group = groups.get(k) ?? { key: k, amountMicros: 0, lines: 0 };
    group.amountMicros += line.amountMicros;
    group.lines += 1;
    groups.set(k, group);
  }
  return [...groups.values()].sort((a, b) => b.amountMicros - a.amountMicros || a.key.localeCompare(b.key));
}

function byFeature(lines: readonly LedgerLine[]): FeatureGroup[] {
  const groups = new Map<string, FeatureGroup>();
  for (const line of lines) {
    // a phone call has two lines of one feature (its minutes and its meeting's attendee-minutes): one group per unit
    const k = `${line.feature}#${line.unit}`;
    const group = groups.get(k) ?? { key: line.feature, unit: line.unit, quantity: 0, amountMicros: 0, lines: 0 };
    group.amountMicros += line.amountMicros;
    group.quantity += line.quantity;
    group.lines += 1;
    groups.set(k, group);
  }
  return [...groups.values()].sort((a, b) => b.amountMicros - a.amountMicros || a.key.localeCompare(b.key));
}

function byDay(lines: readonly LedgerLine[]): DayTotal[] {
  const days = new Map<string, number>();
  for (const line of lines) days.set(line.day, (days.get(line.day) ?? 0) + line.amountMicros);
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, amountMicros]) => ({ day, amountMicros }));
}

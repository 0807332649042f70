import type { ApiClient } from './api-client.ts';

/**
 * The usage ledger's routes (`/api/usage/usage/…`, ADR 0021) as the client uses them: JSON in, the
 * client's types out. Amounts stay integer micro-USD (`amountMicros`) until a view formats them.
 * Readers are tolerant: a group or line without the fields a screen needs is left out.
 */

export type GroupBy = 'user' | 'country' | 'feature';

export interface UsageGroup {
  key: string;
  amountMicros: number;
  lines: number;
}

export interface FeatureGroup extends UsageGroup {
  quantity: number;
  unit: string;
}

export interface DayTotal {
  /** `YYYY-MM-DD` */
  day: string;
  amountMicros: number;
}

/** One billable act in the ledger (a call's minutes, an SMS, a number's month…). */
export interface UsageLine {
  eventId: string;
  feature: string;
  quantity: number;
  unit: string;
  amountMicros: number;
  at: string;
  country?: string;
  direction?: 'outbound' | 'inbound';
  /** the call id, the phone number or the SMS's id */
  ref?: string;
}

/** `GET /usage/me`: what I used this month and what it cost. */
export interface MyUsage {
  month: string;
  totalMicros: number;
  capMicros: number;
  byFeature: FeatureGroup[];
  byCountry: UsageGroup[];
  byDay: DayTotal[];
  costliest: UsageLine[];
}

/** `GET /usage?groupBy=`: the organisation's month (admins). */
export interface OrgUsage {
  month: string;
  groupBy: GroupBy;
  totalMicros: number;
  groups: UsageGroup[];
  byDay: DayTotal[];
}

/** The port the usage store reaches the server through. */
export interface UsageApi {
  mine(month: string): Promise<MyUsage>;
  /** 403 `forbidden` for anyone but an admin */
  organisation(month: string, groupBy: GroupBy): Promise<OrgUsage>;
  /** `GET /usage/export.csv`: the month's every line as CSV text; 403 for anyone but an admin */
  exportCsv(month: string): Promise<string>;
}

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null;
const int = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
const list = <T>(v: unknown, read: (x: unknown) => T | undefined): T[] =>
  Array.isArray(v) ? v.map(read).filter((x): x is T => x !== undefined) : [];

function readGroup(v: unknown): UsageGroup | undefined {
  if (!isObject(v)) return undefined;
  const key = str(v.key);
  const amountMicros = int(v.amountMicros);
  if (key === undefined || amountMicros === undefined) return undefined;
  return { key, amountMicros, lines: int(v.lines) ?? 0 };
}

function readFeature(v: unknown): FeatureGroup | undefined {
  const group = readGroup(v);
  if (!group || !isObject(v)) return undefined;
  return { ...group, quantity: int(v.quantity) ?? 0, unit: str(v.unit) ?? '' };
}

function readDay(v: unknown): DayTotal | undefined {
  if (!isObject(v)) return undefined;
  const day = str(v.day);
  const amountMicros = int(v.amountMicros);
  return day && amountMicros !== undefined ? { day, amountMicros } : undefined;
}

export function readLine(v: unknown): UsageLine | undefined {
  if (!isObject(v)) return undefined;
  const eventId = str(v.eventId);
  const feature = str(v.feature);
  const amountMicros = int(v.amountMicros);
  const at = str(v.at);
  if (!eventId || !feature || amountMicros === undefined || !at) return undefined;
  const country = str(v.country);
  const ref = str(v.ref);
  const direction = v.direction === 'outbound' || v.direction === 'inbound' ? v.direction : undefined;
  return {
    eventId,
    feature,
    quantity: int(v.quantity) ?? 0,
    unit: str(v.unit) ?? '',
    amountMicros,
    at,
    ...(country ? { country } : {}),
    ...(direction ? { direction } : {}),
    ...(ref ? { ref } : {}),
  };
}

export function readMyUsage(v: unknown, month: string): MyUsage {
  const body = isObject(v) ? v : {};
  return {
    month: str(body.month) ?? month,
    totalMicros: int(body.totalMicros) ?? 0,
    capMicros: int(body.capMicros) ?? 0,
    byFeature: list(body.byFeature, readFeature),
    byCountry: list(body.byCountry, readGroup),
    byDay: list(body.byDay, readDay),
    costliest: list(body.costliest, readLine),
  };
}

export function readOrgUsage(v: unknown, month: string, groupBy: GroupBy): OrgUsage {
  const body = isObject(v) ? v : {};
  return {
    month: str(body.month) ?? month,
    groupBy,
    totalMicros: int(body.totalMicros) ?? 0,
    groups: list(body.groups, readGroup),
    byDay: list(body.byDay, readDay),
  };
}

export function usageApi(api: ApiClient): UsageApi {
  return {
    async mine(month) {
      return readMyUsage(await api.request('GET', '/usage/usage/me', { query: { month } }), month);
    },
    async organisation(month, groupBy) {
      return readOrgUsage(await api.request('GET', '/usage/usage', { query: { month, groupBy } }), month, groupBy);
    },
    async exportCsv(month) {
      return api.request<string>('GET', '/usage/usage/export.csv', { query: { month }, text: true });
    },
  };
}

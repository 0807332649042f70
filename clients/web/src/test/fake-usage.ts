import { error, json } from './fake-http.ts';

/** One ledger line, as the usage service stores it (the fields the client reads). */
export interface FakeLine {
  eventId: string;
  userId: string;
  feature: string;
  quantity: number;
  unit: string;
  amountMicros: number;
  at: string;
  country?: string;
  direction?: 'outbound' | 'inbound';
  ref?: string;
}

/** The export's header row, as the usage service writes it (`CSV_COLUMNS`). */
export const CSV_HEADER = 'at,userId,feature,country,direction,quantity,unit,unitPriceUsd,amountUsd,ref,eventId';

/**
 * The usage service's routes in memory (`/usage/usage/me`, `/usage/usage`, `/usage/usage/export.csv`), with the service's
 * sums and its 403 for non-admins, so the Usage page's tests read the documented shapes.
 */
export class FakeUsage {
  readonly lines: FakeLine[] = [];
  capMicros = 50_000_000;
  /** set to make the next reads of this service fail with a 500 */
  failNext = 0;
  /** the months of the CSV exports asked for, in order */
  readonly exports: string[] = [];
  private seq = 0;

  add(line: Omit<FakeLine, 'eventId'> & { eventId?: string }): FakeLine {
    this.seq += 1;
    const stored = { eventId: `ev-${this.seq}`, ...line };
    this.lines.push(stored);
    return stored;
  }

  route(method: string, path: string, q: URLSearchParams, me: { id: string; roles?: string[] }): Response | undefined {
    if (method !== 'GET' || !path.startsWith('/usage/usage')) return undefined;
    if (this.failNext > 0) {
      this.failNext -= 1;
      return error(500, 'internal', 'Internal error');
    }
    const month = q.get('month') ?? '2026-11';
    const ofMonth = this.lines.filter((l) => l.at.startsWith(month));
    if (path === '/usage/usage/me') {
      const mine = ofMonth.filter((l) => l.userId === me.id);
      return json(200, {
        month,
        currency: 'USD',
        totalMicros: sum(mine),
        capMicros: this.capMicros,
        byFeature: groups(mine, (l) => `${l.feature}#${l.unit}`).map((g) => {
          const [feature, unit] = g.key.split('#') as [string, string];
          const quantity = mine
            .filter((l) => l.feature === feature && l.unit === unit)
            .reduce((n, l) => n + l.quantity, 0);
          return { ...g, key: feature, unit, quantity };
        }),
        byCountry: groups(mine, (l) => l.country ?? 'none'),
        byDay: days(mine),
        costliest: [...mine].sort((a, b) => b.amountMicros - a.amountMicros).slice(0, 10),
      });
    }
    if (path === '/usage/usage/export.csv') {
      if (!(me.roles ?? []).includes('admin')) return error(403, 'forbidden', 'Only an admin can export usage.');
      this.exports.push(month);
      const rows = ofMonth.map((l) =>
        [
          l.at,
          l.userId,
          l.feature,
          l.country ?? '',
          l.direction ?? '',
          l.quantity,
          l.unit,
          '',
          (l.amountMicros / 1e6).toFixed(6),
          l.ref ?? '',
          l.eventId,
        ].join(','),
      );
      return new Response(`${[CSV_HEADER, ...rows].join('\r\n')}\r\n`, {
        status: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="parley-usage-${month}.csv"`,
        },
      });
    }
    if (path === '/usage/usage') {
      if (!(me.roles ?? []).includes('admin'))
        return error(403, 'forbidden', "Only an admin can read the organisation's usage.");
      const groupBy = q.get('groupBy') ?? 'user';
      const key = (l: FakeLine) =>
        groupBy === 'user' ? l.userId : groupBy === 'country' ? (l.country ?? 'none') : l.feature;
      return json(200, {
        month,
        currency: 'USD',
        groupBy,
        totalMicros: sum(ofMonth),
        groups: groups(ofMonth, key),
        byDay: days(ofMonth),
      });
    }
    return undefined;
  }
}

const sum = (lines: FakeLine[]) => lines.reduce((n, l) => n + l.amountMicros, 0);

function groups(lines: FakeLine[], key: (l: FakeLine) => string) {
  const map = new Map<string, { key: string; amountMicros: number; lines: number }>();
  for (const l of lines) {
    const k = key(l);
    const g = map.get(k) ?? { key: k, amountMicros: 0, lines: 0 };
    g.amountMicros += l.amountMicros;
    g.lines += 1;
    map.set(k, g);
  }
  return [...map.values()].sort((a, b) => b.amountMicros - a.amountMicros);
}

function days(lines: FakeLine[]) {
  const map = new Map<string, number>();
  for (const l of lines) map.set(l.at.slice(0, 10), (map.get(l.at.slice(0, 10)) ?? 0) + l.amountMicros);
  return [...map.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, amountMicros]) => ({ day, amountMicros }));
}

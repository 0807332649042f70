import { SpendChanged } from '@parley/events/usage';
import { describe, expect, it } from 'vitest';
import { Forbidden } from '../src/domain/errors.ts';
import { microsToDecimal } from '../src/domain/model.ts';
import { recordUsage } from '../src/domain/record-usage.ts';
import { myUsage, orgUsage, usageCsv } from '../src/domain/reports.ts';
import { admin, ana, bea, line, world } from './memory.ts';

describe('recording usage', () => {
  it('given a line, when the same event arrives twice, then the ledger has it once and SpendChanged is published once', async () => {
    const w = world();
    const first = line({ amountMicros: 31_700 });

    expect(await recordUsage(w, first)).toBe(true);
    expect(await recordUsage(w, { ...first })).toBe(false);

    expect(w.ledger.lines).toHaveLength(1);
    expect(w.events.of(SpendChanged)).toEqual([
      {
        userId: 'u-ana',
        month: '2026-12',
        amountMicros: 31_700,
        capMicros: 50_000_000,
        changedAt: '2026-12-15T12:00:00.000Z',
      },
    ]);
  });

  it('given two lines in a month, then SpendChanged carries the month total so far', async () => {
    const w = world();
    await recordUsage(w, line({ amountMicros: 10_000 }));
    await recordUsage(w, line({ amountMicros: 2_500, feature: 'sms', unit: 'sms-segment' }));

    expect(w.events.of(SpendChanged).map((e) => e.amountMicros)).toEqual([10_000, 12_500]);
  });
});

describe('my usage', () => {
  it('given my lines and others’, when I read the month, then only mine: by feature (per unit), by country, per day and costliest first', async () => {
    const w = world();
    await recordUsage(w, line({ amountMicros: 20_000, at: '2026-12-01T10:00:00.000Z' }));
    await recordUsage(w, line({ amountMicros: 6_800, unit: 'attendee-minute', quantity: 4, country: undefined }));
    await recordUsage(w, line({ amountMicros: 90_000, country: 'PA', at: '2026-12-03T09:00:00.000Z' }));
    await recordUsage(w, line({ amountMicros: 58_400, feature: 'sms', unit: 'sms-segment', quantity: 1 }));
    await recordUsage(w, line({ userId: 'u-bea', amountMicros: 1_000_000 }));
    await recordUsage(w, line({ amountMicros: 5, at: '2026-11-30T23:59:59.000Z' }));

    const mine = await myUsage(w, ana, { month: '2026-12' });

    expect(mine.totalMicros).toBe(175_200);
    expect(mine.capMicros).toBe(50_000_000);
    expect(mine.byFeature).toEqual([
      { key: 'pstn-out', unit: 'second', quantity: 120, amountMicros: 110_000, lines: 2 },
      { key: 'sms', unit: 'sms-segment', quantity: 1, amountMicros: 58_400, lines: 1 },
      { key: 'pstn-out', unit: 'attendee-minute', quantity: 4, amountMicros: 6_800, lines: 1 },
    ]);
    expect(mine.byCountry).toEqual([
      { key: 'PA', amountMicros: 90_000, lines: 1 },
      { key: 'CH', amountMicros: 78_400, lines: 2 },
      { key: 'none', amountMicros: 6_800, lines: 1 },
    ]);
    expect(mine.byDay).toEqual([
      { day: '2026-12-01', amountMicros: 85_200 },
      { day: '2026-12-03', amountMicros: 90_000 },
    ]);
    expect(mine.costliest.map((l) => l.amountMicros)).toEqual([90_000, 58_400, 20_000, 6_800]);
  });

  it('given more than ten lines, then the costliest ten', async () => {
    const w = world();
    for (let i = 1; i <= 12; i++) await recordUsage(w, line({ amountMicros: i * 100 }));

    const mine = await myUsage(w, ana, { month: '2026-12' });

    expect(mine.costliest).toHaveLength(10);
    expect(mine.costliest[0]?.amountMicros).toBe(1_200);
    expect(mine.costliest[9]?.amountMicros).toBe(300);
  });

  it('given no usage, then zeros and empty lists', async () => {
    const mine = await myUsage(world(), bea, { month: '2026-12' });

    expect(mine).toMatchObject({ totalMicros: 0, byFeature: [], byCountry: [], byDay: [], costliest: [] });
  });
});

describe('the organisation’s usage', () => {
  it('given a non-admin, when reading or exporting, then Forbidden', async () => {
    const w = world();
    await expect(orgUsage(w, ana, { month: '2026-12', groupBy: 'user' })).rejects.toBeInstanceOf(Forbidden);
    await expect(usageCsv(w, ana, { month: '2026-12' })).rejects.toBeInstanceOf(Forbidden);
  });

  it('given lines of two people, when an admin groups by user, country or feature, then the sums per group and per day', async () => {
    const w = world();
    await recordUsage(w, line({ amountMicros: 20_000 }));
    await recordUsage(
      w,
      line({ userId: 'u-bea', amountMicros: 50_000, country: 'SG', at: '2026-12-02T08:00:00.000Z' }),
    );
    await recordUsage(
      w,
      line({
        userId: 'u-bea',
        amountMicros: 1_000_000,
        feature: 'number-month',
        unit: 'number-month',
        country: undefined,
      }),
    );

    const byUser = await orgUsage(w, admin, { month: '2026-12', groupBy: 'user' });
    const byCountry = await orgUsage(w, admin, { month: '2026-12', groupBy: 'country' });
    const byFeature = await orgUsage(w, admin, { month: '2026-12', groupBy: 'feature' });

    expect(byUser.totalMicros).toBe(1_070_000);
    expect(byUser.groups).toEqual([
      { key: 'u-bea', amountMicros: 1_050_000, lines: 2 },
      { key: 'u-ana', amountMicros: 20_000, lines: 1 },
    ]);
    expect(byCountry.groups.map((g) => g.key)).toEqual(['none', 'SG', 'CH']);
    expect(byFeature.groups.map((g) => [g.key, g.amountMicros])).toEqual([
      ['number-month', 1_000_000],
      ['pstn-out', 70_000],
    ]);
    expect(byUser.byDay).toEqual([
      { day: '2026-12-01', amountMicros: 1_020_000 },
      { day: '2026-12-02', amountMicros: 50_000 },
    ]);
  });

  it('given lines, when an admin exports, then CSV with a header, exact decimal amounts and quoted or defused fields', async () => {
    const w = world();
    await recordUsage(w, line({ eventId: 'e-a', amountMicros: 31_700, ref: 'c1', unitPrice: 0.0005 }));
    await recordUsage(
      w,
      line({ eventId: 'e-b', amountMicros: 5, ref: '=HYPERLINK("x")', at: '2026-12-02T00:00:00.000Z' }),
    );
    await recordUsage(
      w,
      line({ eventId: 'e-c', userId: '-Xy_9', ref: "-2+3+cmd|' /C calc'!A0", at: '2026-12-03T00:00:00.000Z' }),
    );

    const csv = await usageCsv(w, admin, { month: '2026-12' });
    const rows = csv.trimEnd().split('\r\n');

    expect(rows[0]).toBe('at,userId,feature,country,direction,quantity,unit,unitPriceUsd,amountUsd,ref,eventId');
    expect(rows[1]).toBe('2026-12-01T10:00:00.000Z,u-ana,pstn-out,CH,outbound,60,second,0.0005,0.031700,c1,e-a');
    expect(rows[2]).toBe(
      `2026-12-02T00:00:00.000Z,u-ana,pstn-out,CH,outbound,60,second,${0.02 / 60},0.000005,"'=HYPERLINK(""x"")",e-b`,
    );
    // a user id that begins with '-' stays exact (base64url cannot hold a formula); a formula that begins
    // like a negative number does not
    expect(rows[3]?.split(',').slice(0, 2)).toEqual(['2026-12-03T00:00:00.000Z', '-Xy_9']);
    expect(rows[3]).toContain(`,'-2+3+cmd|' /C calc'!A0,e-c`);
  });
});

describe('microsToDecimal', () => {
  it('writes integer micro-USD as USD with six places, exactly', () => {
    expect(microsToDecimal(0)).toBe('0.000000');
    expect(microsToDecimal(31_700)).toBe('0.031700');
    expect(microsToDecimal(50_000_000)).toBe('50.000000');
    expect(microsToDecimal(123_456_789)).toBe('123.456789');
  });
});

import { useT } from '../lib/i18n.ts';
import type { DayTotal } from '../lib/usage-api.ts';
import { dayOfMonth, daysOf, formatMoney, monthLabel } from '../lib/usage-format.ts';

/**
 * Spend per day of a month as plain SVG bars (no chart library): one bar per day, empty days
 * included, each with its amount as a title (hover) and in an accessible list for screen readers.
 */
export function UsageDayChart({ month, days }: { month: string; days: DayTotal[] }) {
  const { t, locale } = useT();
  const all = daysOf(month);
  const amounts = new Map(days.map((d) => [d.day, d.amountMicros]));
  const max = Math.max(1, ...days.map((d) => d.amountMicros));
  const width = 8;
  const gap = 3;
  const height = 96;
  const label = t('usage.chartLabel', { month: monthLabel(month, locale) });
  return (
    <figure className="flex flex-col gap-2" data-testid="usage-day-chart">
      <svg
        role="img"
        aria-label={label}
        viewBox={`0 0 ${all.length * (width + gap)} ${height + 14}`}
        className="h-32 w-full"
        preserveAspectRatio="none"
      >
        {all.map((day, i) => {
          const amount = amounts.get(day) ?? 0;
          const h = amount > 0 ? Math.max(2, (amount / max) * height) : 0;
          const x = i * (width + gap);
          return (
            <g key={day} data-testid={amount > 0 ? 'usage-day-bar' : undefined} data-day={day}>
              <title>{t('usage.dayBar', { day: String(dayOfMonth(day)), amount: formatMoney(amount, locale) })}</title>
              <rect x={x} y={height - h} width={width} height={h} rx={1.5} className="fill-primary" />
              <rect x={x} y={height} width={width} height={1} className="fill-border" />
              {(i + 1) % 5 === 0 || i === 0 ? (
                <text
                  x={x + width / 2}
                  y={height + 12}
                  textAnchor="middle"
                  className="fill-muted-foreground text-[8px]"
                >
                  {dayOfMonth(day)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="sr-only">
        <ul>
          {days.map((d) => (
            <li key={d.day}>{t('usage.dayBar', { day: d.day, amount: formatMoney(d.amountMicros, locale) })}</li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

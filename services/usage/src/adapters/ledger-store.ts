import type { EntityItem } from 'electrodb';
import type { LedgerLine } from '../domain/model.ts';
import type { LedgerStore } from '../domain/ports.ts';
import type { UsageLineEntity } from './entities/usage-line.ts';
import type { UsageDb } from './table.ts';

type LineItem = EntityItem<typeof UsageLineEntity>;

/**
 * The ledger on usage's table. A line is written in one transaction with its claim (a conditional
 * put on the event id: `attribute_not_exists`) and the add to the person's month total, so either
 * all three happen once or, for a redelivery, nothing does.
 */
export function electroLedgerStore(db: UsageDb): LedgerStore {
  return {
    async record(line) {
      const result = await db.transaction
        .write(({ lineClaim, usageLine, userMonth }) => [
          lineClaim.create({ eventId: line.eventId, userId: line.userId, month: line.month }).commit(),
          usageLine.put(toItem(line)).commit(),
          userMonth
            .update({ userId: line.userId, month: line.month })
            .add({ amountMicros: line.amountMicros, lines: 1 })
            .commit(),
        ])
        .go();
      if (!result.canceled) return { recorded: true };
      // the claim exists: this event's line is in the ledger already
      if (result.data[0]?.code === 'ConditionalCheckFailed') return { recorded: false };
      throw new Error(`usage line ${line.eventId} not stored: ${result.data.map((d) => d.code ?? 'None').join(', ')}`);
    },

    async monthTotal(userId, month) {
      const { data } = await db.entities.userMonth.get({ userId, month }).go({ consistent: true });
      return data?.amountMicros ?? 0;
    },

    async linesOfUser(userId, month) {
      const { data } = await db.entities.usageLine.query.byUserMonth({ userId, month }).go({ pages: 'all' });
      return data.map(fromItem);
    },

    async linesOfMonth(month) {
      const { data } = await db.entities.usageLine.query.byMonth({ month }).go({ pages: 'all' });
      return data.map(fromItem);
    },
  };
}

function toItem(line: LedgerLine): LineItem {
  return { ...line };
}

function fromItem(item: LineItem): LedgerLine {
  return {
    eventId: item.eventId,
    source: item.source,
    usageId: item.usageId,
    userId: item.userId,
    month: item.month,
    day: item.day,
    at: item.at,
    feature: item.feature,
    quantity: item.quantity,
    unit: item.unit,
    unitPrice: item.unitPrice,
    amountMicros: item.amountMicros,
    ...(item.country ? { country: item.country } : {}),
    ...(item.direction ? { direction: item.direction } : {}),
    ...(item.ref ? { ref: item.ref } : {}),
  };
}

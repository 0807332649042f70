import type { EntityItem } from 'electrodb';
import type { PhoneNumber } from '../domain/model.ts';
import type { NumberRepository, OrderRepository, UsageLedger } from '../domain/ports.ts';
import type { PhoneNumberEntity } from './entities/phone-number.ts';
import type { NumbersDb } from './table.ts';

type StoredNumber = EntityItem<typeof PhoneNumberEntity>;

/** A conditional write DynamoDB refused (electrodb wraps the SDK's error). */
function conditionFailed(err: unknown): boolean {
  const e = err as { cause?: { name?: string }; message?: string };
  return e.cause?.name === 'ConditionalCheckFailedException' || /conditional request failed/i.test(e.message ?? '');
}

function toNumber(item: StoredNumber): PhoneNumber {
  const { assignedTo, ...rest } = item;
  return {
    ...rest,
    ...(assignedTo?.userId && assignedTo.displayName
      ? { assignedTo: { userId: assignedTo.userId, displayName: assignedTo.displayName } }
      : {}),
  } as PhoneNumber;
}

/** NumberRepository on the numbers table: puts conditioned on the stored state. */
export function electroNumberRepository(db: NumbersDb): NumberRepository {
  const entity = db.entities.phoneNumber;
  return {
    async get(e164) {
      const { data } = await entity.get({ e164 }).go();
      return data ? toNumber(data) : undefined;
    },
    async list() {
      const { data } = await entity.query.inventory({}).go({ pages: 'all' });
      return data.map(toNumber);
    },
    async save(number, expected) {
      try {
        await entity
          .put(number)
          .where((attr, op) =>
            expected === 'absent'
              ? `${op.notExists(attr.e164)} OR ${op.eq(attr.state, 'released')}`
              : op.eq(attr.state, expected),
          )
          .go();
        return true;
      } catch (err) {
        if (conditionFailed(err)) return false;
        throw err;
      }
    },
    async delete(e164) {
      await entity.delete({ e164 }).go();
    },
  };
}

/** OrderRepository on the numbers table. */
export function electroOrderRepository(db: NumbersDb): OrderRepository {
  const entity = db.entities.order;
  return {
    async get(id) {
      const { data } = await entity.get({ id }).go();
      return data ?? undefined;
    },
    async list() {
      const { data } = await entity.query.orders({}).go({ pages: 'all' });
      return data;
    },
    async put(order) {
      await entity.put(order).go();
    },
  };
}

/** UsageLedger on the numbers table. */
export function electroUsageLedger(db: NumbersDb): UsageLedger {
  const entity = db.entities.usageRecord;
  return {
    async has(e164, period) {
      const { data } = await entity.get({ e164, period }).go();
      return data !== null;
    },
    async mark(e164, period, recordedAt) {
      await entity.put({ e164, period, recordedAt }).go();
    },
  };
}

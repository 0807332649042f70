import type { UsageRecorded as CallingUsage } from '@parley/events/calling';
import type { EventData } from '@parley/events/define-event';
import type { UsageRecorded as TextReceivedUsage } from '@parley/events/messaging';
import type { UsageRecorded as SmsUsage } from '@parley/events/notifications';
import type { UsageRecorded as NumberUsage } from '@parley/events/numbers';
import { dayOf, type LedgerLine, monthOf } from './model.ts';

/** USD to integer micro-USD, half up, without the binary tail (for lines that predate `amountMicros`). */
const micros = (usd: number) => Math.round(Number((usd * 1_000_000).toPrecision(12)));

/** The ledger line of a `calling.UsageRecorded` (amountMicros, else the USD amount, else quantity × unitPrice). */
export function callingLine(eventId: string, data: EventData<typeof CallingUsage>): LedgerLine {
  const amountMicros = data.amountMicros ?? micros(data.amount ?? data.quantity * data.unitPrice);
  return {
    ...common(eventId, 'calling', data),
    amountMicros,
    ...(data.country ? { country: data.country } : {}),
    ...(data.direction ? { direction: data.direction } : {}),
    ref: data.callId,
  };
}

/** The ledger line of a `notifications.UsageRecorded` (one SMS or WhatsApp message sent). */
export const smsLine = (eventId: string, data: EventData<typeof SmsUsage>): LedgerLine =>
  textLine(eventId, 'notifications', data);

/** The ledger line of a `messaging.UsageRecorded` (one WhatsApp message received, ADR 0029). */
export const textReceivedLine = (eventId: string, data: EventData<typeof TextReceivedUsage>): LedgerLine =>
  textLine(eventId, 'messaging', data);

function textLine(
  eventId: string,
  source: string,
  data: EventData<typeof SmsUsage> | EventData<typeof TextReceivedUsage>,
): LedgerLine {
  return {
    ...common(eventId, source, data),
    amountMicros: data.amountMicros,
    ...(data.country ? { country: data.country } : {}),
    direction: data.direction,
    ref: data.providerMessageId,
  };
}

/** The ledger line of a `numbers.UsageRecorded` (one month of a number; priced by numbers' carrier configuration). */
export function numberLine(eventId: string, data: EventData<typeof NumberUsage>): LedgerLine {
  // the ledger is in USD; a number priced in another currency is an error in numbers' configuration
  // (the consumer fails, EventBridge retries and the event lands in the dead-letter queue with its alarm)
  if (data.currency !== 'USD') throw new Error(`numbers.UsageRecorded in ${data.currency}: the ledger counts USD only`);
  return {
    ...common(eventId, 'numbers', data),
    amountMicros: micros(data.quantity * data.unitPrice),
    ref: data.e164,
  };
}

function common(
  eventId: string,
  source: string,
  data: {
    usageId: string;
    userId: string;
    feature: string;
    quantity: number;
    unit: string;
    unitPrice: number;
    at: string;
  },
) {
  return {
    eventId,
    source,
    usageId: data.usageId,
    userId: data.userId,
    month: monthOf(data.at),
    day: dayOf(data.at),
    at: data.at,
    feature: data.feature,
    quantity: data.quantity,
    unit: data.unit,
    unitPrice: data.unitPrice,
  };
}

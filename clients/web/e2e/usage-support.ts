import { randomUUID } from 'node:crypto';

/**
 * Puts one `calling.UsageRecorded` or `notifications.UsageRecorded` on devstack's bus, as calling or
 * notifications publishes it when a phone call ends or an SMS is sent (POST /_dev/events).
 */
export async function recordUsage(
  url: string,
  line: {
    userId: string;
    feature: 'pstn-out' | 'pstn-in' | 'sms';
    at: string;
    quantity: number;
    amountMicros: number;
    country: string;
  },
): Promise<void> {
  const sms = line.feature === 'sms';
  const data = sms
    ? {
        usageId: randomUUID(),
        userId: line.userId,
        feature: 'sms',
        quantity: line.quantity,
        unit: 'sms-segment',
        unitPrice: line.amountMicros / line.quantity / 1_000_000,
        currency: 'USD',
        at: line.at,
        amountMicros: line.amountMicros,
        country: line.country,
        direction: 'outbound',
        reason: 'missed-call',
        providerMessageId: randomUUID(),
      }
    : {
        usageId: randomUUID(),
        userId: line.userId,
        feature: line.feature,
        quantity: line.quantity,
        unit: 'second',
        unitPrice: line.amountMicros / line.quantity / 1_000_000,
        currency: 'USD',
        at: line.at,
        callId: `call-${randomUUID()}`,
        amount: line.amountMicros / 1_000_000,
        amountMicros: line.amountMicros,
        country: line.country,
        direction: line.feature === 'pstn-in' ? 'inbound' : 'outbound',
      };
  const eventId = randomUUID();
  const res = await fetch(`${url}/_dev/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      source: sms ? 'parley.notifications' : 'parley.calling',
      detailType: sms ? 'notifications.UsageRecorded' : 'calling.UsageRecorded',
      detail: { metadata: { eventId, version: 1, occurredAt: line.at, correlationId: eventId }, data },
    }),
  });
  if (res.status !== 200) throw new Error(`POST /_dev/events: ${res.status}`);
}

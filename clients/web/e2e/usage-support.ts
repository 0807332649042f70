import { randomUUID } from 'node:crypto';
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { devstackClients } from '@parley/testing/devstack-clients';
import type { DevstackInfo } from '@parley/testing/devstack-info';
import type { Person } from './support.ts';

/**
 * Registers `who` through identity's API and, unless the stack made them admin already (its first
 * account), gives their stored user the `admin` role as the stage's operator would (the same step
 * as numbers.e2e's): their next sign-in carries it. Answers the user's id.
 */
export async function registerAdmin(devstack: DevstackInfo & { url: string }, who: Person): Promise<string> {
  const id = await register(devstack.url, who);
  const clients = devstackClients(devstack);
  try {
    await clients.dynamodb.send(
      new UpdateItemCommand({
        TableName: `parley-identity-${devstack.stage}`,
        Key: { pk: { S: `user#${id}` }, sk: { S: 'user' } },
        UpdateExpression: 'SET #roles = :roles',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#roles': 'roles' },
        ExpressionAttributeValues: { ':roles': { L: [{ S: 'admin' }, { S: 'user' }] } },
      }),
    );
  } finally {
    clients.destroy();
  }
  return id;
}

/** Registers `who` through identity's API; answers the user's id. */
export async function register(url: string, who: Person): Promise<string> {
  const res = await fetch(`${url}/api/identity/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: who.email, password: who.password, displayName: who.name }),
  });
  if (res.status !== 201) throw new Error(`register ${who.email}: ${res.status}`);
  return ((await res.json()) as { user: { id: string } }).user.id;
}

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

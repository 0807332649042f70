import { NumberAssigned, NumberReleased } from '@parley/events/numbers';
import { byDetailType, eventHandler } from '@parley/lambda/events';
import { recordNumberOwner } from '../../domain/texting.ts';
import { core, idempotency } from '../../wiring/index.ts';

/** numbers' events → messaging's copy of who owns which Parley number (text conversations, ADR 0028). */
export const handler = byDetailType({
  [NumberAssigned.detailType]: eventHandler(NumberAssigned, { idempotency }).handler(async ({ data, metadata }) => {
    await recordNumberOwner(core(), { e164: data.e164, userId: data.userId, at: metadata.occurredAt });
  }),
  [NumberReleased.detailType]: eventHandler(NumberReleased, { idempotency }).handler(async ({ data, metadata }) => {
    await recordNumberOwner(core(), { e164: data.e164, at: metadata.occurredAt });
  }),
});

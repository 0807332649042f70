import { NumberReleased } from '@parley/events/numbers';
import { eventHandler } from '@parley/lambda/events';
import { recordNumberReleased } from '../../domain/numbers.ts';
import { core, idempotency } from '../../wiring/index.ts';

export const handler = eventHandler(NumberReleased, { idempotency }).handler(async ({ data, metadata }) => {
  await recordNumberReleased(core(), { e164: data.e164, at: metadata.occurredAt });
});

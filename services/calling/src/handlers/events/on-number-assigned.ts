import { NumberAssigned } from '@parley/events/numbers';
import { eventHandler } from '@parley/lambda/events';
import { recordNumberAssigned } from '../../domain/numbers.ts';
import { core, idempotency } from '../../wiring/index.ts';

export const handler = eventHandler(NumberAssigned, { idempotency }).handler(async ({ data, metadata }) => {
  await recordNumberAssigned(core(), { ...data, at: metadata.occurredAt });
});

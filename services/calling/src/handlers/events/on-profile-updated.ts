import { ProfileUpdated } from '@parley/events/identity';
import { eventHandler } from '@parley/lambda/events';
import { recordUser } from '../../domain/directory.ts';
import { core, idempotency } from '../../wiring/index.ts';

export const handler = eventHandler(ProfileUpdated, { idempotency }).handler(async ({ data }) => {
  await recordUser(core(), {
    userId: data.userId,
    displayName: data.displayName,
    ...(data.timeZone ? { timeZone: data.timeZone } : {}),
    ...(data.locale ? { locale: data.locale } : {}),
    // only a verified number names a caller; a profile that says nothing about it keeps the one known
    ...(data.mobileNumber !== undefined || data.mobileVerified !== undefined
      ? { mobileNumber: data.mobileVerified && data.mobileNumber ? data.mobileNumber : '' }
      : {}),
  });
});

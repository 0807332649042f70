import { ProfileUpdated } from '@parley/events/identity';
import { eventHandler } from '@parley/lambda/events';
import { applyProfile, projectionVersion } from '../../domain/projections.ts';
import { wiring } from '../../wiring.ts';

/** identity.ProfileUpdated (the full profile) → the mobile number used for SMS. */
export const handler = eventHandler(ProfileUpdated, { idempotency: wiring.idempotency }).handler(
  async ({ data, metadata }) => {
    await applyProfile(wiring.stores(), {
      userId: data.userId,
      version: projectionVersion.byTime(metadata.occurredAt, metadata.eventId),
      ...(data.mobileNumber ? { mobileNumber: data.mobileNumber } : {}),
    });
  },
);

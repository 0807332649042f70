import { ProfileUpdated } from '@parley/events/identity';
import { eventHandler } from '@parley/lambda/events';
import { applyProfile, projectionVersion } from '../../domain/projections.ts';
import { idempotency, stores } from '../../wiring/index.ts';

/** identity.ProfileUpdated (the full profile) → the mobile number used for SMS and whether it is verified. */
export const handler = eventHandler(ProfileUpdated, { idempotency: idempotency }).handler(
  async ({ data, metadata }) => {
    await applyProfile(stores(), {
      userId: data.userId,
      version: projectionVersion.byTime(metadata.occurredAt, metadata.eventId),
      ...(data.mobileNumber ? { mobileNumber: data.mobileNumber } : {}),
      ...(data.mobileVerified !== undefined ? { mobileVerified: data.mobileVerified } : {}),
    });
  },
);

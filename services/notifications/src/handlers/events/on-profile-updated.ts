import { ProfileUpdated } from '@parley/events/identity';
import { eventHandler } from '@parley/lambda/events';
import { announceProfile } from '../../domain/profiles.ts';
import { applyProfile, projectionVersion } from '../../domain/projections.ts';
import { fanOut } from '../../wiring/gateway.ts';
import { idempotency, stores } from '../../wiring/index.ts';

/**
 * identity.ProfileUpdated (the full profile) → the mobile number used for SMS and whether it is verified,
 * and a `profile` frame of the public fields to the people who show this person's name.
 */
export const handler = eventHandler(ProfileUpdated, { idempotency: idempotency }).handler(
  async ({ data, metadata }) => {
    await applyProfile(stores(), {
      userId: data.userId,
      version: projectionVersion.byTime(metadata.occurredAt, metadata.eventId),
      ...(data.mobileNumber ? { mobileNumber: data.mobileNumber } : {}),
      ...(data.mobileVerified !== undefined ? { mobileVerified: data.mobileVerified } : {}),
    });
    await announceProfile(fanOut(), {
      eventId: metadata.eventId,
      occurredAt: metadata.occurredAt,
      userId: data.userId,
      displayName: data.displayName,
      ...(data.statusMessage !== undefined ? { statusMessage: data.statusMessage } : {}),
      changed: data.changed,
    });
  },
);

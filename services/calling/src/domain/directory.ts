import type { UserDirectory } from './ports.ts';

/**
 * Records a person calling may ring (identity.UserRegistered) or their changed name and time zone
 * (identity.ProfileUpdated): the name goes into CallRinging, the time zone picks the media region,
 * the locale the voicemail greeting's language.
 * Idempotent: an upsert; a profile update without a time zone keeps the one known.
 */
export async function recordUser(
  deps: { directory: UserDirectory },
  input: { userId: string; displayName: string; timeZone?: string; locale?: string; mobileNumber?: string },
): Promise<void> {
  await deps.directory.upsert(input);
}

import { type Profile, readProfile } from './model.ts';

/**
 * The signed-in person's profile, kept beside the refresh token so that a reload while offline
 * opens the app (and the chats the service worker cached) instead of "cannot reach Parley". It is
 * written at each sign-in and removed with the refresh token, so it never outlives the session.
 */
export const OFFLINE_PROFILE_KEY = 'parley.offlineProfile';

type ProfileStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function keepOfflineProfile(storage: ProfileStorage, user: Profile): void {
  try {
    storage.setItem(OFFLINE_PROFILE_KEY, JSON.stringify(user));
  } catch {
    // storage full or refused: an offline reload shows "unreachable", as before
  }
}

export function readOfflineProfile(storage: ProfileStorage): Profile | undefined {
  try {
    const raw = storage.getItem(OFFLINE_PROFILE_KEY);
    return raw ? readProfile(JSON.parse(raw)) : undefined;
  } catch {
    return undefined;
  }
}

export function forgetOfflineProfile(storage: ProfileStorage): void {
  storage.removeItem(OFFLINE_PROFILE_KEY);
}

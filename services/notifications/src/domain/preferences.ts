import * as z from 'zod';

/** A user's notification preferences. Missed calls and voicemail are on by default; message SMS is opt-in (it costs money). */
export const Preferences = z.object({
  smsOnMissedCall: z.boolean(),
  smsOnVoicemail: z.boolean(),
  smsOnMessageWhenOffline: z.boolean(),
  /** how long a recipient must stay without a live connection before the message digest SMS goes out */
  offlineDelayMinutes: z.number().int().min(1).max(1440),
});
export type Preferences = z.infer<typeof Preferences>;

export const DEFAULT_PREFERENCES: Preferences = {
  smsOnMissedCall: true,
  smsOnVoicemail: true,
  smsOnMessageWhenOffline: false,
  offlineDelayMinutes: 10,
};

/** `PUT /preferences` body: any subset of the fields (the others keep their value); unknown fields are refused. */
export const PreferencesUpdate = Preferences.partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'set at least one preference');
export type PreferencesUpdate = z.infer<typeof PreferencesUpdate>;

/** Port: stored preferences (absent until a user saves them once). */
export interface PreferencesStore {
  get(userId: string): Promise<Preferences | undefined>;
  getMany(userIds: readonly string[]): Promise<Map<string, Preferences>>;
  put(userId: string, preferences: Preferences): Promise<void>;
}

/** The caller's preferences, defaults filled in. */
export async function getPreferences(deps: { preferences: PreferencesStore }, userId: string): Promise<Preferences> {
  return { ...DEFAULT_PREFERENCES, ...((await deps.preferences.get(userId)) ?? {}) };
}

/** Saves the caller's changes over their current preferences and returns the result. */
export async function updatePreferences(
  deps: { preferences: PreferencesStore },
  input: { userId: string; changes: PreferencesUpdate },
): Promise<Preferences> {
  const next = Preferences.parse({ ...(await getPreferences(deps, input.userId)), ...input.changes });
  await deps.preferences.put(input.userId, next);
  return next;
}

import { type CallSettings, DEFAULT_SETTINGS } from './model.ts';
import type { SettingsRepository } from './ports.ts';
import { assertDestinationAllowed } from './toll-fraud.ts';

/** A person's call settings, the defaults until they change them. */
export async function getSettings(
  deps: { settings: SettingsRepository },
  input: { userId: string },
): Promise<CallSettings> {
  return (await deps.settings.get(input.userId)) ?? DEFAULT_SETTINGS;
}

/**
 * Replaces a person's call settings (the handler has checked the ranges). A forwarding number must
 * be a destination the toll-fraud guard allows (CallNotAllowed otherwise); the daily caps apply
 * when a call is forwarded.
 */
export async function putSettings(
  deps: { settings: SettingsRepository },
  input: { userId: string; settings: CallSettings },
): Promise<CallSettings> {
  if (input.settings.forwardToNumber) assertDestinationAllowed(input.settings.forwardToNumber);
  const settings: CallSettings = {
    ringTimeoutSeconds: input.settings.ringTimeoutSeconds,
    voicemailEnabled: input.settings.voicemailEnabled,
    ...(input.settings.forwardToNumber ? { forwardToNumber: input.settings.forwardToNumber } : {}),
    ...(input.settings.greeting?.trim() ? { greeting: input.settings.greeting.trim() } : {}),
  };
  await deps.settings.put(input.userId, settings);
  return settings;
}

import type { NumberOwners } from './ports.ts';

/**
 * Which phone number rings whom, from numbers' events: NumberAssigned gives a number an owner,
 * NumberReleased takes it away (unassigned or released). Events may arrive late or twice; a change
 * older than what is stored is ignored, so the newest event always wins.
 */
export async function recordNumberAssigned(
  deps: { numberOwners: NumberOwners },
  input: { e164: string; userId: string; country: string; carrier: string; at: string },
): Promise<'applied' | 'stale'> {
  const { e164, at, ...owner } = input;
  return (await deps.numberOwners.apply({ e164, at, owner })) ? 'applied' : 'stale';
}

export async function recordNumberReleased(
  deps: { numberOwners: NumberOwners },
  input: { e164: string; at: string },
): Promise<'applied' | 'stale'> {
  return (await deps.numberOwners.apply({ e164: input.e164, at: input.at })) ? 'applied' : 'stale';
}

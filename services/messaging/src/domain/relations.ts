import type { Relations } from './ports.ts';

/**
 * `identity.ContactAdded` / `ContactRemoved` / `UserBlocked` / `UserUnblocked`: messaging's copy of who
 * has whom as a contact (message requests) and who blocked whom (direct messages, group adds).
 */
export async function recordRelation(
  deps: { relations: Relations },
  input: { ownerId: string; kind: 'contact' | 'block'; otherId: string; active: boolean; version: string },
): Promise<void> {
  await deps.relations.apply(input);
}

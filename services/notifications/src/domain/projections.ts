import type { ProfileStore } from './digests.ts';
import type { BlockStore, CallStore, ContactStore, MembershipStore } from './ports.ts';

/**
 * Projection versions order events of one aggregate that may arrive out of order: compared as strings,
 * a newer version sorts after an older one.
 */
export const projectionVersion = {
  /** for events without a counter: the occurrence time (ISO-8601 UTC sorts by time), then the event id to break ties */
  byTime: (occurredAt: string, eventId: string) => `${occurredAt}#${eventId}`,
  /** messaging's `membersVersion` (ConversationCreated counts as 0), zero-padded to sort as a string */
  ofMembers: (membersVersion: number) => membersVersion.toString().padStart(12, '0'),
};

/**
 * `messaging.ConversationCreated` / `messaging.MembersChanged`: the conversation's members become
 * `memberIds` (unless a newer event already applied), and each member's candidate list is updated.
 *
 * Only the members who are not yet members are linked, and before the members are replaced: a
 * member's acceptance (a MembersChanged with the same members) writes no link, where linking every
 * member made a group's setup quadratic (100 members accepting: ~10,000 writes). Linking first means a
 * crash between the two steps leaves a link and the old members, and the redelivered event links
 * again; never a member without a link (the redelivery would find its version applied and stop). A
 * link is only a candidate (`conversationsOf` is checked against `membersOfMany`), so one too many,
 * from an event that turns out stale, is harmless.
 */
export async function applyConversationMembers(
  deps: { membership: MembershipStore },
  input: { conversationId: string; memberIds: readonly string[]; pendingIds?: readonly string[]; version: string },
): Promise<{ applied: boolean }> {
  const members = [...new Set(input.memberIds)];
  const pending = (input.pendingIds ?? []).filter((id) => members.includes(id));
  const before = new Set((await deps.membership.membersOf(input.conversationId)) ?? []);
  const joining = members.filter((id) => !before.has(id));
  if (joining.length) await deps.membership.link(joining, input.conversationId);
  const { applied, previous } = await deps.membership.replaceMembers(
    input.conversationId,
    members,
    input.version,
    pending,
  );
  if (!applied) return { applied };
  const removed = previous.filter((id) => !members.includes(id));
  if (removed.length) await deps.membership.unlink(removed, input.conversationId);
  return { applied };
}

/** `identity.ContactAdded` / `ContactRemoved`: who has whom as a contact (for presence). */
export async function applyContact(
  deps: { contacts: ContactStore },
  input: { ownerId: string; contactId: string; active: boolean; version: string },
): Promise<void> {
  await deps.contacts.apply(input.ownerId, input.contactId, input.active, input.version);
}

/** `identity.UserBlocked` / `UserUnblocked`: who blocked whom (presence, typing, signals). */
export async function applyBlock(
  deps: { blocks: BlockStore },
  input: { ownerId: string; blockedId: string; active: boolean; version: string },
): Promise<void> {
  await deps.blocks.apply(input.ownerId, input.blockedId, input.active, input.version);
}

/**
 * `identity.ProfileUpdated`: keeps the user's mobile number for SMS (or forgets it when removed) and
 * whether it is verified; an event without `mobileVerified` (older publishers) counts as unverified.
 */
export async function applyProfile(
  deps: { profiles: ProfileStore },
  input: { userId: string; mobileNumber?: string; mobileVerified?: boolean; version: string },
): Promise<void> {
  const mobile = input.mobileNumber
    ? { mobileNumber: input.mobileNumber, verified: input.mobileVerified === true }
    : { verified: false };
  await deps.profiles.setMobile(input.userId, mobile, input.version);
}

const LIVE_CALL_EVENTS = new Set(['calling.CallRinging', 'calling.CallInbound', 'calling.CallAnswered']);

/**
 * calling's events with a callId and an audience: while a call rings or is answered, those people are in
 * it and may signal each other; once it ended (`calling.CallEnded`), nobody may, whatever arrives after.
 */
export async function recordCallParticipants(
  deps: { calls: CallStore },
  input: { detailType: string; callId: string; userIds: readonly string[] },
): Promise<void> {
  if (input.detailType === 'calling.CallEnded') await deps.calls.end(input.callId);
  else if (LIVE_CALL_EVENTS.has(input.detailType) && input.userIds.length)
    await deps.calls.addParticipants(input.callId, input.userIds);
}

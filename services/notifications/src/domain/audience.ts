import { type DigestStore, queueOfflineDigests } from './digests.ts';
import { type AudienceEvent, deliverEvent, type FanOutDeps, type FanOutResult } from './fan-out.ts';
import type { CallStore, MembershipStore } from './ports.ts';
import type { PreferencesStore } from './preferences.ts';
import { recordCallParticipants } from './projections.ts';

export interface AudienceDeps extends FanOutDeps {
  calls: CallStore;
  membership: MembershipStore;
  preferences: PreferencesStore;
  digests: DigestStore;
}

const MESSAGE_SENT = 'messaging.MessageSent';

async function acceptedAmong(deps: AudienceDeps, conversationId: string, userIds: readonly string[]) {
  const conversation = (await deps.membership.membersOfMany([conversationId])).get(conversationId);
  const pending = conversation?.pendingIds ?? [];
  return userIds.filter((id) => !pending.includes(id));
}

/**
 * The one consumer of every event that names an audience: pushes it to the audience's live
 * connections, remembers call participants (for `signal`), and for a `messaging.MessageSent`
 * queues SMS digests for recipients who were offline, opted in, and accepted the conversation.
 */
export async function onAudienceEvent(
  deps: AudienceDeps,
  event: AudienceEvent & { source: string },
): Promise<FanOutResult> {
  const { callId, senderId, conversationId } = event.data;
  if (event.source === 'parley.calling' && typeof callId === 'string') {
    // before delivery: a callee answering the ringing frame signals at once
    await recordCallParticipants(deps, { detailType: event.detailType, callId, userIds: event.audience });
  }
  const result = await deliverEvent(deps, event);
  if (event.detailType === MESSAGE_SENT && typeof senderId === 'string' && typeof conversationId === 'string') {
    // nobody is texted about a message request they have not accepted (SMS pumping by strangers)
    const offline = result.offline.length ? await acceptedAmong(deps, conversationId, result.offline) : [];
    await queueOfflineDigests(deps, { senderId, conversationId, offlineRecipients: offline });
  }
  return result;
}

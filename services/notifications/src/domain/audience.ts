import { type DigestStore, queueOfflineDigests } from './digests.ts';
import { type AudienceEvent, deliverEvent, type FanOutDeps, type FanOutResult } from './fan-out.ts';
import type { CallStore } from './ports.ts';
import type { PreferencesStore } from './preferences.ts';
import { recordCallParticipants } from './projections.ts';

export interface AudienceDeps extends FanOutDeps {
  calls: CallStore;
  preferences: PreferencesStore;
  digests: DigestStore;
}

const MESSAGE_SENT = 'messaging.MessageSent';

/**
 * The one consumer of every event that names an audience: pushes it to the audience's live
 * connections, remembers call participants (for `signal`), and for a `messaging.MessageSent`
 * queues SMS digests for recipients who were offline and opted in.
 */
export async function onAudienceEvent(
  deps: AudienceDeps,
  event: AudienceEvent & { source: string },
): Promise<FanOutResult> {
  const { callId, senderId, conversationId } = event.data;
  if (event.source === 'parley.calling' && typeof callId === 'string') {
    // before delivery: a callee answering the ringing frame signals at once
    await recordCallParticipants(deps, { callId, userIds: event.audience });
  }
  const result = await deliverEvent(deps, event);
  if (event.detailType === MESSAGE_SENT && typeof senderId === 'string' && typeof conversationId === 'string') {
    await queueOfflineDigests(deps, { senderId, conversationId, offlineRecipients: result.offline });
  }
  return result;
}

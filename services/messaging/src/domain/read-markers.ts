import { ConversationRead } from '@parley/events/messaging';
import { SeqOutOfRange } from './errors.ts';
import { audienceOf, hasNotAccepted } from './model.ts';
import { afterWrite, newEvent, publishStep } from './outbox.ts';
import type { Clock, ConversationRepository, Diagnostics, EventRelay, IdGenerator, MemberRepository } from './ports.ts';
import { memberConversation } from './views.ts';

/**
 * A member has read up to `seq`. The marker only moves forward (an older or equal seq changes
 * nothing and publishes nothing); the others see it as a read receipt (ConversationRead), except
 * while the reader has not accepted the conversation (a message request).
 */
export async function markRead(
  deps: {
    conversations: ConversationRepository;
    members: MemberRepository;
    relay: EventRelay;
    ids: IdGenerator;
    clock: Clock;
    diagnostics: Diagnostics;
  },
  input: { callerId: string; conversationId: string; seq: number },
): Promise<{ conversationId: string; userId: string; lastReadSeq: number; readAt?: string }> {
  const conversation = await memberConversation(deps.conversations, input.conversationId, input.callerId);
  // seqAllocated, not the last message on the list: a message may be stored a moment before the list shows it.
  if (input.seq > conversation.seqAllocated) {
    throw new SeqOutOfRange(`seq is past the newest message of this conversation (${conversation.seqAllocated}).`);
  }
  const readAt = deps.clock.now().toISOString();
  const marker = { conversationId: conversation.id, userId: input.callerId, seq: input.seq, readAt };
  // a request read before it is accepted tells its sender nothing: only the reader's own devices hear it
  const audience = hasNotAccepted(conversation, input.callerId) ? [input.callerId] : audienceOf(conversation);
  const event = newEvent(deps, ConversationRead, { ...marker }, audience);
  if (await deps.members.markRead(marker, [event])) {
    await afterWrite(deps, { publish: publishStep(deps.relay, [event]) });
    return { conversationId: conversation.id, userId: input.callerId, lastReadSeq: input.seq, readAt };
  }
  const current = await deps.members.get(conversation.id, input.callerId);
  return {
    conversationId: conversation.id,
    userId: input.callerId,
    lastReadSeq: current?.lastReadSeq ?? 0,
    ...(current?.readAt ? { readAt: current.readAt } : {}),
  };
}

import type { ConversationDeps } from './conversation-deps.ts';
import { type Conversation, listPreview, type Message, messageIdOf } from './model.ts';
import { afterWrite, publishStep } from './outbox.ts';
import type { AppendMessage, OutboxEvent } from './ports.ts';

/**
 * How often an append re-reads the conversation when another message took its seq first. Each round
 * one of the concurrent appends wins, so a burst of N at once needs N rounds for the last of them
 * (the send limit's burst of 30 passes; two people typing at once cost one extra round).
 */
export const MAX_APPEND_ATTEMPTS = 40;

/** What one new message needs from its caller; the rounds decide its seq, id and time. */
export interface MessageDraft {
  message: Omit<Message, 'id' | 'conversationId' | 'seq' | 'sentAt' | 'version'>;
  /** the events stored with it (outbox), for the message and the conversation as this round read them */
  eventsFor(message: Message, conversation: Conversation): OutboxEvent[];
  /**
   * a party's text: when they wrote it. The conversation's `lastInboundAt` becomes the later of it and
   * what the round read (a late, older text does not shorten WhatsApp's reply window).
   */
  inboundAt?: string;
  /** the rest of the write's conditions: the send counter, the block check, the member it holds to */
  conditions?: Pick<AppendMessage, 'counter' | 'memberId' | 'otherId'>;
  /** the conversation again after a lost round: the store's copy when it returned one (ALL_OLD), else read */
  again(fromStore: Conversation | undefined): Promise<Conversation>;
}

export type Appended =
  | { outcome: 'created'; message: Message }
  | { outcome: 'duplicate' | 'rate-limited' | 'blocked'; message?: undefined };

/**
 * Appends a message at the conversation's next seq in one transaction (ADR 0023), retrying with the
 * conversation as it is now while concurrent messages take the seq first, so seqs stay gap-free; on
 * success its events are published (ADR 0007). Every other refusal is the caller's to answer.
 */
export async function appendMessage(
  deps: Pick<ConversationDeps, 'messages' | 'relay' | 'ids' | 'clock' | 'diagnostics'>,
  start: Conversation,
  draft: MessageDraft,
): Promise<Appended> {
  let conversation = start;
  for (let attempt = 1; ; attempt++) {
    const seq = conversation.seqAllocated + 1;
    const sentAt = deps.clock.now().toISOString();
    const message: Message = {
      ...draft.message,
      id: messageIdOf(seq, deps.ids.id()),
      conversationId: conversation.id,
      seq,
      sentAt,
      version: 1,
    };
    const events = draft.eventsFor(message, conversation);
    const lastInboundAt =
      draft.inboundAt === undefined ? undefined : laterOf(conversation.lastInboundAt, draft.inboundAt);
    const appended = await deps.messages.append({
      message,
      expectedSeq: conversation.seqAllocated,
      lastMessage: {
        messageId: message.id,
        seq,
        senderId: message.senderId,
        preview: listPreview(message),
        sentAt,
        deleted: false,
      },
      ...(lastInboundAt ? { lastInboundAt } : {}),
      events,
      ...draft.conditions,
    });
    if (appended.outcome === 'created') {
      await afterWrite(deps, { publish: publishStep(deps.relay, events) });
      return { outcome: 'created', message };
    }
    if (appended.outcome !== 'stale') return { outcome: appended.outcome };
    if (attempt >= MAX_APPEND_ATTEMPTS) {
      throw new Error(`the seq of ${conversation.id} kept moving: ${attempt} attempts`);
    }
    conversation = await draft.again(appended.conversation);
  }
}

/** The later of two ISO times (either may be missing). */
function laterOf(a: string | undefined, b: string): string {
  return a !== undefined && Date.parse(a) >= Date.parse(b) ? a : b;
}

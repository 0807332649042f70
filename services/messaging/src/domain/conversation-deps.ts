import type { Conversation } from './model.ts';
import type {
  Clock,
  ConversationRepository,
  Diagnostics,
  EventRelay,
  IdGenerator,
  MemberRepository,
  MessageRepository,
  Relations,
  UserDirectory,
} from './ports.ts';
import { type ConversationView, conversationView, unreadCount } from './views.ts';

/** What the conversation and membership use cases need. */
export interface ConversationDeps {
  conversations: ConversationRepository;
  members: MemberRepository;
  messages: MessageRepository;
  relay: EventRelay;
  users: UserDirectory;
  relations: Relations;
  ids: IdGenerator;
  clock: Clock;
  diagnostics: Diagnostics;
}

/** A conversation as `userId` sees it, with every member's read marker. */
export async function detailedView(
  deps: Pick<ConversationDeps, 'members' | 'messages'>,
  conversation: Conversation,
  userId: string,
): Promise<ConversationView> {
  const markers = await deps.members.list(conversation.id);
  const mine = markers.find((m) => m.userId === userId);
  const lastReadSeq = mine?.lastReadSeq ?? 0;
  return conversationView(
    conversation,
    {
      userId,
      lastReadSeq,
      unreadCount: await unreadCount(deps.messages, conversation, userId, lastReadSeq),
      ...(mine ? { state: mine } : {}),
    },
    markers,
  );
}

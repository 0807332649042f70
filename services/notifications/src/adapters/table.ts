import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { awsClient } from '@parley/lambda/clients';
import { Service } from 'electrodb';
import { BlockEntity } from './entities/block.ts';
import { CallParticipantsEntity } from './entities/call-participants.ts';
import { ContactEntity } from './entities/contact.ts';
import { ConversationEntity } from './entities/conversation.ts';
import { CooldownEntity } from './entities/cooldown.ts';
import { CounterEntity } from './entities/counter.ts';
import { DigestEntity } from './entities/digest.ts';
import { PreferencesEntity } from './entities/preferences.ts';
import { ProfileEntity } from './entities/profile.ts';
import { TextOptOutEntity } from './entities/text-opt-out.ts';
import { TextRefEntity } from './entities/text-ref.ts';
import { UserConversationsEntity } from './entities/user-conversations.ts';

export const dynamo = awsClient(DynamoDBClient, {});
/** For the connection store, which addresses map entries by a dynamic key (electrodb cannot). */
export const documents = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });

/**
 * Notifications' single table: every electrodb entity of the bounded context (one per file in
 * `entities/`). Ids are case-sensitive: every key keeps its casing (`casing: 'none'`; electrodb
 * lowercases by default).
 */
export function notificationsService(table: string, client: DynamoDBClient = dynamo) {
  return new Service(
    {
      conversation: ConversationEntity,
      userConversations: UserConversationsEntity,
      contact: ContactEntity,
      block: BlockEntity,
      preferences: PreferencesEntity,
      profile: ProfileEntity,
      digest: DigestEntity,
      callParticipants: CallParticipantsEntity,
      counter: CounterEntity,
      cooldown: CooldownEntity,
      textOptOut: TextOptOutEntity,
      textRef: TextRefEntity,
    },
    { client, table },
  );
}

export type NotificationsDb = ReturnType<typeof notificationsService>;

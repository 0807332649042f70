import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { awsClient } from '@parley/lambda/clients';
import { Service } from 'electrodb';
import { AttachmentEntity } from './entities/attachment.ts';
import { ClientMessageEntity } from './entities/client-message.ts';
import { ConversationEntity } from './entities/conversation.ts';
import { KnownUserEntity } from './entities/known-user.ts';
import { MemberEntity } from './entities/member.ts';
import { MessageEntity } from './entities/message.ts';
import { NumberOwnerEntity } from './entities/number-owner.ts';
import { OutboxEntity } from './entities/outbox.ts';
import { RateCounterEntity } from './entities/rate-counter.ts';
import { RelationEntity } from './entities/relation.ts';
import { SearchEntryEntity } from './entities/search-entry.ts';
import { SearchManifestEntity } from './entities/search-manifest.ts';

export const dynamo = awsClient(DynamoDBClient, {});

/** Messaging's single table: every entity of the bounded context. */
export function messagingService(table: string, client: DynamoDBClient = dynamo) {
  return new Service(
    {
      conversation: ConversationEntity,
      member: MemberEntity,
      message: MessageEntity,
      clientMessage: ClientMessageEntity,
      attachment: AttachmentEntity,
      outbox: OutboxEntity,
      knownUser: KnownUserEntity,
      rateCounter: RateCounterEntity,
      relation: RelationEntity,
      searchEntry: SearchEntryEntity,
      searchManifest: SearchManifestEntity,
      numberOwner: NumberOwnerEntity,
    },
    { client, table },
  );
}
export type MessagingDb = ReturnType<typeof messagingService>;

/** true when DynamoDB refused a write because its condition did not hold. */
export function isConditionFailure(err: unknown): boolean {
  const names = [(err as Error)?.name, ((err as { cause?: Error })?.cause as Error | undefined)?.name];
  return names.includes('ConditionalCheckFailedException');
}

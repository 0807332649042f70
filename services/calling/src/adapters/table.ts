import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { awsClient } from '@parley/lambda/clients';
import { Service } from 'electrodb';
import { BlockEntity } from './entities/block.ts';
import { CallEntity } from './entities/call.ts';
import { CallLogEntryEntity } from './entities/call-log-entry.ts';
import { CallSettingsEntity } from './entities/call-settings.ts';
import { DirectoryUserEntity } from './entities/directory-user.ts';
import { MissedCallsEntity } from './entities/missed-calls.ts';
import { MobileOwnerEntity } from './entities/mobile-owner.ts';
import { NumberOwnerEntity } from './entities/number-owner.ts';
import { PairRingEntity } from './entities/pair-ring.ts';
import { PresenceEntity } from './entities/presence.ts';
import { PstnDayEntity } from './entities/pstn-day.ts';
import { RingingCallEntity } from './entities/ringing-call.ts';
import { SpendMonthEntity } from './entities/spend-month.ts';
import { VoicemailEntity } from './entities/voicemail.ts';

export const dynamo = awsClient(DynamoDBClient, {});

/** Calling's single table: every entity of the bounded context (one per file in `entities/`). */
export function callingService(table: string, client: DynamoDBClient = dynamo) {
  return new Service(
    {
      call: CallEntity,
      callLogEntry: CallLogEntryEntity,
      ringingCall: RingingCallEntity,
      pairRing: PairRingEntity,
      directoryUser: DirectoryUserEntity,
      callSettings: CallSettingsEntity,
      missedCalls: MissedCallsEntity,
      numberOwner: NumberOwnerEntity,
      voicemail: VoicemailEntity,
      pstnDay: PstnDayEntity,
      spendMonth: SpendMonthEntity,
      mobileOwner: MobileOwnerEntity,
      presence: PresenceEntity,
      block: BlockEntity,
    },
    { client, table },
  );
}
export type CallingDb = ReturnType<typeof callingService>;

/** true when DynamoDB refused a write because its condition did not hold. */
export function isConditionFailure(err: unknown): boolean {
  const names = [(err as Error)?.name, ((err as { cause?: Error })?.cause as Error | undefined)?.name];
  return names.includes('ConditionalCheckFailedException');
}

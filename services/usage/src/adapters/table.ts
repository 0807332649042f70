import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { awsClient } from '@parley/lambda/clients';
import { Service } from 'electrodb';
import { LineClaimEntity } from './entities/line-claim.ts';
import { UsageLineEntity } from './entities/usage-line.ts';
import { UserMonthEntity } from './entities/user-month.ts';

export const dynamo = awsClient(DynamoDBClient, {});

/** Usage's single table: every entity of the ledger (one per file in `entities/`). */
export function usageService(table: string, client: DynamoDBClient = dynamo) {
  return new Service(
    { usageLine: UsageLineEntity, lineClaim: LineClaimEntity, userMonth: UserMonthEntity },
    { client, table },
  );
}

export type UsageDb = ReturnType<typeof usageService>;

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { awsClient } from '@parley/lambda/clients';
import { Service } from 'electrodb';
import { DirectoryUserEntity } from './entities/directory-user.ts';
import { OrderEntity } from './entities/order.ts';
import { PhoneNumberEntity } from './entities/phone-number.ts';
import { UsageRecordEntity } from './entities/usage-record.ts';

export const dynamo = awsClient(DynamoDBClient, {});

/** Numbers' single table: every entity of the bounded context (one per file in `entities/`). */
export function numbersService(table: string, client: DynamoDBClient = dynamo) {
  return new Service(
    {
      directoryUser: DirectoryUserEntity,
      phoneNumber: PhoneNumberEntity,
      order: OrderEntity,
      usageRecord: UsageRecordEntity,
    },
    { client, table },
  );
}

export type NumbersDb = ReturnType<typeof numbersService>;

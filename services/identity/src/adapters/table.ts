import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { awsClient } from '@parley/lambda/clients';
import { type EntityItem, Service } from 'electrodb';
import { BlockEntity } from './entities/block.ts';
import { ContactEntity } from './entities/contact.ts';
import { DirectoryEntryEntity } from './entities/directory-entry.ts';
import { EmailEntity } from './entities/email.ts';
import { EmailTokenEntity } from './entities/email-token.ts';
import { MarkerEntity } from './entities/marker.ts';
import { MobileVerificationEntity } from './entities/mobile-verification.ts';
import { RefreshTokenEntity } from './entities/refresh-token.ts';
import { SessionEntity } from './entities/session.ts';
import { ThrottleEntity } from './entities/throttle.ts';
import { UserEntity } from './entities/user.ts';

export const dynamo = awsClient(DynamoDBClient, {});

/**
 * Identity's single table: every entity of the bounded context (one per file in `entities/`).
 * Keys use explicit templates (`user#<id>`) with `casing: 'none'`: ids and token hashes are
 * case-sensitive, and electrodb would otherwise lowercase key values.
 */
export function identityService(table: string, client: DynamoDBClient = dynamo) {
  return new Service(
    {
      user: UserEntity,
      email: EmailEntity,
      marker: MarkerEntity,
      directoryEntry: DirectoryEntryEntity,
      session: SessionEntity,
      refreshToken: RefreshTokenEntity,
      contact: ContactEntity,
      block: BlockEntity,
      throttle: ThrottleEntity,
      mobileVerification: MobileVerificationEntity,
      emailToken: EmailTokenEntity,
    },
    { client, table },
  );
}

export type IdentityDb = ReturnType<typeof identityService>;
export type UserItem = EntityItem<typeof UserEntity>;
export type SessionItem = EntityItem<typeof SessionEntity>;

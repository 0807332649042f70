import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { awsClient } from '@parley/lambda/clients';
import { eventBridgePublisher } from '@parley/lambda/publisher';
import { electroContactRepository } from './adapters/contact-repository.ts';
import { joseTokenSigner } from './adapters/jose-token-signer.ts';
import { s3AvatarStorage } from './adapters/s3-avatar-storage.ts';
import { scryptPasswordHasher } from './adapters/scrypt-password-hasher.ts';
import { electroSessionRepository } from './adapters/session-repository.ts';
import { ssmSigningKeys } from './adapters/signing-keys.ts';
import { identityService } from './adapters/table.ts';
import { electroThrottleStore } from './adapters/throttle-store.ts';
import { electroUserRepository } from './adapters/user-repository.ts';
import { config } from './config.ts';
import { systemClock } from './domain/ports.ts';

// Built once per container; handlers take what their use case needs.
const db = identityService(config.TABLE_NAME);
const clock = systemClock;
const users = electroUserRepository(db);
const sessions = electroSessionRepository(db);
const contacts = electroContactRepository(db);
const throttle = electroThrottleStore(db);
const passwords = scryptPasswordHasher();
const events = eventBridgePublisher(awsClient(EventBridgeClient, {}), config.EVENT_BUS_NAME);
// Presigned PUTs must not carry an SDK-computed checksum of an empty body: the browser sends the file.
const s3 = awsClient(S3Client, {
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
} satisfies S3ClientConfig);
const avatars = s3AvatarStorage(s3, config.AVATARS_BUCKET);
const signer = joseTokenSigner({
  keys: ssmSigningKeys(awsClient(SSMClient, {}), config.SIGNING_KEYS_PARAMETER),
  issuer: config.AUTH_ISSUER,
  audience: config.AUTH_AUDIENCE,
  clock,
});

export const wiring = {
  accounts: () => ({
    users,
    sessions,
    passwords,
    signer,
    throttle,
    avatars,
    events,
    clock,
    adminEmails: config.ADMIN_EMAILS,
  }),
  sessions: () => ({ sessions, users, signer, events, clock }),
  profiles: () => ({ users, avatars, events, clock }),
  contacts: () => ({ contacts, users, avatars, events, clock }),
  signer: () => signer,
};

import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { awsClient } from '@parley/lambda/clients';
import { eventBridgePublisher } from '@parley/lambda/publisher';
import { s3AvatarStorage } from './adapters/s3-avatar-storage.ts';
import { scryptPasswordHasher } from './adapters/scrypt-password-hasher.ts';
import { config } from './config.ts';
import { signer } from './wiring/signer.ts';
import { clock, contacts, sessions, throttle, users } from './wiring/store.ts';

// Built once per container; handlers take what their use case needs. Routes that need only the
// table or only the signer import wiring/store.ts or wiring/signer.ts to keep their bundles small.
const passwords = scryptPasswordHasher();
const events = eventBridgePublisher(awsClient(EventBridgeClient, {}), config.EVENT_BUS_NAME);
// Presigned PUTs must not carry an SDK-computed checksum of an empty body: the browser sends the file.
const s3 = awsClient(S3Client, {
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
} satisfies S3ClientConfig);
const avatars = s3AvatarStorage(s3, config.AVATARS_BUCKET);

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
};

import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { awsClient } from '@parley/lambda/clients';
import { once } from '@parley/lambda/once';
import { s3AvatarStorage } from '../adapters/s3-avatar-storage.ts';
import { scryptPasswordHasher } from '../adapters/scrypt-password-hasher.ts';
import { config } from '../config.ts';
import { store } from './index.ts';
import { events } from './publishing.ts';
import { signer } from './signer.ts';

/** The avatars bucket: profiles carry presigned avatar URLs, and uploads are presigned PUTs. */
export const avatars = /* @__PURE__ */ once(() =>
  s3AvatarStorage(
    // Presigned PUTs must not carry an SDK-computed checksum of an empty body: the browser sends the file.
    awsClient(S3Client, {
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    } satisfies S3ClientConfig),
    config.AVATARS_BUCKET,
  ),
);

/** Profiles and the directory: the store, the avatars and the events. */
export const profiles = /* @__PURE__ */ once(() => ({ ...store(), avatars: avatars(), events: events() }));

/** Contacts: the same ports as profiles. */
export const contacts = /* @__PURE__ */ once(() => ({ ...store(), avatars: avatars(), events: events() }));

/** Register and sign in: everything above plus the password hasher and the admin list. */
export const accounts = /* @__PURE__ */ once(() => ({
  ...store(),
  passwords: scryptPasswordHasher(),
  signer: signer(),
  avatars: avatars(),
  events: events(),
  adminEmails: config.ADMIN_EMAILS,
  signupLimit: {
    perAddress: config.SIGNUP_LIMIT_PER_ADDRESS,
    windowSeconds: config.SIGNUP_LIMIT_WINDOW_SECONDS,
    unlimitedAddresses: config.SIGNUP_UNLIMITED_ADDRESSES,
  },
}));

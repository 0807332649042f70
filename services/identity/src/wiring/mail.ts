import { SESv2Client } from '@aws-sdk/client-sesv2';
import { awsClient } from '@parley/lambda/clients';
import { once } from '@parley/lambda/once';
import { electroEmailTokenStore } from '../adapters/email-token-store.ts';
import { scryptPasswordHasher } from '../adapters/scrypt-password-hasher.ts';
import { sesMailer } from '../adapters/ses-mailer.ts';
import { identityService } from '../adapters/table.ts';
import { config } from '../config.ts';
import { accounts } from './avatars.ts';
import { store } from './index.ts';
import { events } from './publishing.ts';

/** Mailed links: the token store, SES and the web client's origin the links open (ADR 0020). */
export const mail = /* @__PURE__ */ once(() => ({
  emailTokens: electroEmailTokenStore(identityService(config.TABLE_NAME)),
  mailer: sesMailer(awsClient(SESv2Client, {}), config.EMAIL_FROM),
  publicOrigin: config.PUBLIC_ORIGIN,
}));

/** Register: the sign-in bundle plus the verification email. */
export const registration = /* @__PURE__ */ once(() => ({ ...accounts(), ...mail() }));

/** Password reset (request and confirm) and email verification: the store, mail, the hasher and the events. */
export const passwordReset = /* @__PURE__ */ once(() => ({
  ...store(),
  ...mail(),
  passwords: scryptPasswordHasher(),
  events: events(),
}));

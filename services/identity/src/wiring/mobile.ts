import { once } from '@parley/lambda/once';
import { electroMobileVerificationStore } from '../adapters/mobile-verification-store.ts';
import { scryptCodeHasher } from '../adapters/scrypt-code-hasher.ts';
import { identityService } from '../adapters/table.ts';
import { config } from '../config.ts';
import { store } from './index.ts';
import { events } from './publishing.ts';

/** Mobile-number verification: the store, the pending verifications, the code hasher and the events. */
export const mobileVerification = /* @__PURE__ */ once(() => ({
  ...store(),
  verifications: electroMobileVerificationStore(identityService(config.TABLE_NAME)),
  codes: scryptCodeHasher(),
  events: events(),
}));

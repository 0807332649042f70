import { once } from '@parley/lambda/once';
import { electroBlockRepository } from '../adapters/block-repository.ts';
import { electroContactRepository } from '../adapters/contact-repository.ts';
import { electroSessionRepository } from '../adapters/session-repository.ts';
import { identityService } from '../adapters/table.ts';
import { electroThrottleStore } from '../adapters/throttle-store.ts';
import { electroUserRepository } from '../adapters/user-repository.ts';
import { config } from '../config.ts';
import { systemClock } from '../domain/ports.ts';

/**
 * What every identity function shares: the table's repositories and the clock, and nothing else,
 * because the session-status route (every authorizer's hot path) loads only this. SSM
 * (`signer.ts`), EventBridge (`publishing.ts`) and S3 (`avatars.ts`) live in their own modules so
 * that a function bundles only the SDK clients it calls.
 */
export const store = /* @__PURE__ */ once(() => {
  const db = identityService(config.TABLE_NAME);
  return {
    users: electroUserRepository(db),
    sessions: electroSessionRepository(db),
    contacts: electroContactRepository(db),
    blocks: electroBlockRepository(db),
    throttle: electroThrottleStore(db),
    clock: systemClock,
  };
});

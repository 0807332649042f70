import { once } from '@parley/lambda/once';
import { idempotency, presence, textRefs } from './index.ts';
import { messaging } from './messaging.ts';

/** Provider webhooks: the messaging provider, the "processed once" keys (the idempotency store), opt-outs, the bus. */
export const webhooks = /* @__PURE__ */ once(() => ({
  ...presence(),
  provider: messaging(),
  dedupe: idempotency(),
  refs: textRefs(),
}));

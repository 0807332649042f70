import { once } from '@parley/lambda/once';
import { emfSmsMetrics } from '../adapters/sms-metrics.ts';
import { config } from '../config.ts';
import { smsThrough } from '../domain/sms-guard.ts';
import { presence, textRefs } from './index.ts';
import { messaging } from './messaging.ts';

/** Every SMS (digests, calls, verification codes): presence plus the messaging provider's SMS and the SMS metric. */
export const digests = /* @__PURE__ */ once(() => ({
  ...presence(),
  sms: smsThrough(messaging()),
  metrics: emfSmsMetrics(config.STAGE),
}));

/** Conversation texts (messaging.TextRequested, ADR 0028): the provider itself, the refs, presence's stores and publisher. */
export const texting = /* @__PURE__ */ once(() => ({
  ...presence(),
  provider: messaging(),
  refs: textRefs(),
  metrics: emfSmsMetrics(config.STAGE),
}));

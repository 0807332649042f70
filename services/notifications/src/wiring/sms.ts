import { once } from '@parley/lambda/once';
import { emfSmsMetrics } from '../adapters/sms-metrics.ts';
import { config } from '../config.ts';
import { smsThrough } from '../domain/sms-guard.ts';
import { presence } from './index.ts';
import { messaging } from './messaging.ts';

/** Every SMS (digests, calls, verification codes): presence plus the messaging provider's SMS and the SMS metric. */
export const digests = /* @__PURE__ */ once(() => ({
  ...presence(),
  sms: smsThrough(messaging()),
  metrics: emfSmsMetrics(config.STAGE),
}));

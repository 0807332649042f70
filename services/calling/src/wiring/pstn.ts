import { once } from '@parley/lambda/once';
import { electroPstnUsage } from '../adapters/pstn-usage-repository.ts';
import { electroMonthlySpend } from '../adapters/spend-month-repository.ts';
import { db } from './index.ts';

/** The toll-fraud guard's ports: each person's daily phone-call usage, their month's spend (ADR 0021) and the clock. */
export const pstn = /* @__PURE__ */ once(() => ({
  usage: electroPstnUsage(db()),
  spend: electroMonthlySpend(db()),
  clock: { now: () => new Date() },
}));

import { once } from '@parley/lambda/once';
import { electroPstnUsage } from '../adapters/pstn-usage-repository.ts';
import { db } from './index.ts';

/** The toll-fraud guard's ports: each person's daily phone-call usage and the clock. */
export const pstn = once(() => ({
  usage: electroPstnUsage(db()),
  clock: { now: () => new Date() },
}));

import { parseConfig } from '@parley/lambda/config';
import * as z from 'zod';

export const config = parseConfig(
  z.object({
    TABLE_NAME: z.string().min(1),
    EVENT_BUS_NAME: z.string().min(1),
    /** every person's monthly spend cap in USD (ADR 0021); calling refuses phone calls past it */
    MONTHLY_CAP_USD: z.coerce.number().nonnegative().default(50),
    AWS_REGION: z.string().min(1).default('eu-central-1'),
  }),
);

import { parseConfig } from '@parley/lambda/config';
import { z } from 'zod';

export const config = parseConfig(
  z.object({
    TABLE_NAME: z.string().min(1),
    EVENT_BUS_NAME: z.string().min(1),
  }),
);

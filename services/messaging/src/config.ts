import { parseConfig } from '@parley/lambda/config';
import * as z from 'zod';
import { DEFAULT_LIMITS } from './domain/limits.ts';

export const config = parseConfig(
  z.object({
    TABLE_NAME: z.string().min(1),
    EVENT_BUS_NAME: z.string().min(1),
    ATTACHMENTS_BUCKET: z.string().min(3),
    /** messages one user may send per window (README, "Limits") */
    SEND_LIMIT_PER_USER: z.coerce.number().int().positive().default(DEFAULT_LIMITS.send.perUser),
    SEND_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(DEFAULT_LIMITS.send.windowSeconds),
    /** attachment slots one user may create per window */
    ATTACHMENT_LIMIT_PER_USER: z.coerce.number().int().positive().default(DEFAULT_LIMITS.attachment.perUser),
    ATTACHMENT_LIMIT_WINDOW_SECONDS: z.coerce
      .number()
      .int()
      .positive()
      .default(DEFAULT_LIMITS.attachment.windowSeconds),
  }),
);

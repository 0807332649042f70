import { parseConfig } from '@parley/lambda/config';
import { z } from 'zod';

const list = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

export const config = parseConfig(
  z.object({
    TABLE_NAME: z.string().min(1),
    EVENT_BUS_NAME: z.string().min(1),
    /** browser origins allowed to open the WebSocket (comma-separated) */
    ALLOWED_ORIGINS: list,
    /** whether a handshake without Origin (a non-browser client) is accepted */
    ALLOW_MISSING_ORIGIN: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    /**
     * The API Gateway management API that pushes frames to connections: `https://<domain>/<stage>`
     * of the WebSocket API on AWS, serverless-offline's WebSocket server on devstack. serverless.yml
     * sets it for every function.
     */
    WEBSOCKET_API_ENDPOINT: z.url({ protocol: /^https?$/ }),
    /** API Gateway closes any socket after 2 h: entries live that long plus a margin */
    CONNECTION_TTL_SECONDS: z.coerce
      .number()
      .int()
      .positive()
      .default(2 * 3600 + 600),
    SMS_DAILY_CAP: z.coerce.number().int().nonnegative().default(5),
    SMS_SENDER_ID: z.string().optional(),
  }),
);

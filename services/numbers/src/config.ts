import { parseConfig } from '@parley/lambda/config';
import * as z from 'zod';

export const config = parseConfig(
  z.object({
    TABLE_NAME: z.string().min(1),
    EVENT_BUS_NAME: z.string().min(1),
    /** SSM parameter with the stage's carrier configuration (JSON: adapters/carrier-config.ts) */
    CARRIERS_PARAMETER: z.string().startsWith('/').default('/parley/local/numbers/carriers'),
    /** SSM parameter with the id of calling's SIP media application, the target of every SIP rule */
    SMA_ID_PARAMETER: z.string().startsWith('/').default('/parley/local/calling/sip-media-application-id'),
    AWS_REGION: z.string().min(1).default('eu-central-1'),
  }),
);

import { parseConfig } from '@parley/lambda/config';
import * as z from 'zod';

export const config = parseConfig(
  z.object({
    TABLE_NAME: z.string().min(1),
    EVENT_BUS_NAME: z.string().min(1),
    /** voicemail recordings and the ringback prompt */
    CALL_AUDIO_BUCKET: z.string().min(1).default('parley-local-calling-audio'),
    /** SSM: the SIP media application's id, and the number outgoing phone calls show */
    SMA_ID_PARAMETER: z.string().startsWith('/').default('/parley/local/calling/sip-media-application-id'),
    CALLER_ID_PARAMETER: z.string().startsWith('/').default('/parley/local/calling/outbound-caller-id'),
  }),
);

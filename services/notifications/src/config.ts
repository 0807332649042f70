import { parseConfig } from '@parley/lambda/config';
import * as z from 'zod';
import { MESSAGING_PROVIDERS } from './domain/messaging-provider.ts';

const list = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

/** A JSON object of E.164 numbers to WhatsApp phone number ids (empty when unset). */
export const whatsappPhoneNumberIds = z
  .string()
  .default('')
  .transform((text, ctx) => {
    if (!text.trim()) return {};
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'WHATSAPP_PHONE_NUMBER_IDS must be a JSON object' });
      return z.NEVER;
    }
  })
  .pipe(
    z.record(z.string().regex(/^\+[1-9]\d{6,14}$/, 'keys must be E.164 numbers'), z.string().min(1).max(200), {
      error: 'WHATSAPP_PHONE_NUMBER_IDS must be a JSON object of E.164 numbers to phone number ids',
    }),
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
    /** SMS per user per day (digests, missed calls, voicemail) */
    SMS_DAILY_CAP: z.coerce.number().int().nonnegative().default(5),
    /** SMS to one phone number per day, whoever asked (verification codes included) */
    SMS_DESTINATION_DAILY_CAP: z.coerce.number().int().nonnegative().default(5),
    /** SMS to one country calling code per day */
    SMS_COUNTRY_DAILY_CAP: z.coerce.number().int().nonnegative().default(500),
    /** SMS of the whole stage per day (the alarm fires near it) */
    SMS_STAGE_DAILY_CAP: z.coerce.number().int().nonnegative().default(1000),
    /** texts per user per day in sms / whatsapp conversations (their replies), apart from SMS_DAILY_CAP */
    TEXT_DAILY_CAP: z.coerce.number().int().nonnegative().default(100),
    /** texts to one phone number per day in sms / whatsapp conversations, whoever sends them */
    TEXT_DESTINATION_DAILY_CAP: z.coerce.number().int().nonnegative().default(50),
    SMS_SENDER_ID: z.string().optional(),
    /**
     * End User Messaging SMS: the configuration set conversation replies are sent with; its event
     * destination (the stage's text-events topic) brings their delivery back to `/webhooks/sns`
     */
    SMS_CONFIGURATION_SET: z.string().min(1).default('parley-local-texts'),
    /** the stage name, the dimension of the SMS metric */
    STAGE: z.string().min(1).default('local'),
    /** who carries texts (SMS, WhatsApp) on this stage: `aws` or `twilio` (ADR 0026) */
    MESSAGING_PROVIDER: z
      .enum(MESSAGING_PROVIDERS, { error: `MESSAGING_PROVIDER must be one of: ${MESSAGING_PROVIDERS.join(', ')}` })
      .default('aws'),
    /**
     * The public base of the API as providers call it (`https://app.example.com/api`; devstack: its origin
     * + `/api`): Twilio signs the exact URL it calls, and status callbacks are addressed from it.
     */
    PUBLIC_API_BASE_URL: z
      .url({ protocol: /^https?$/ })
      .default('https://app.parley.example/api')
      .transform((u) => u.replace(/\/+$/, '')),
    /** Twilio's REST API (devstack: its emulator) */
    TWILIO_API_BASE_URL: z
      .url({ protocol: /^https?$/ })
      .default('https://api.twilio.com')
      .transform((u) => u.replace(/\/+$/, '')),
    /** Twilio credentials and senders in SSM Parameter Store: `<prefix>/account-sid`, `auth-token`, `sms-from`, `whatsapp-from` */
    TWILIO_PARAMETER_PREFIX: z.string().min(1).default('/parley/local/twilio'),
    /** End User Messaging Social: the default WhatsApp origination phone number id */
    WHATSAPP_PHONE_NUMBER_ID: z.string().default(''),
    /**
     * End User Messaging Social: the phone number id of each Parley number registered for WhatsApp, a JSON
     * object E.164 → id (`{"+50760001234":"phone-number-id-…"}`): a reply leaves from its conversation's
     * number; an unmapped number falls back to WHATSAPP_PHONE_NUMBER_ID. Anything but such an object fails at init.
     */
    WHATSAPP_PHONE_NUMBER_IDS: whatsappPhoneNumberIds,
    /**
     * SNS deliveries are accepted only from topics of this AWS account (12 digits; anything else, or
     * unset, accepts none: a signed delivery from someone else's topic proves nothing about us)
     */
    SNS_TOPIC_ACCOUNT_ID: z.string().default(''),
    /** stage `local` only: devstack's SNS certificate origin, trusted beside sns.<region>.amazonaws.com */
    SNS_DEV_CERT_ORIGIN: z.string().default(''),
  }),
);

/** The extra SNS certificate origin, honoured on the `local` stage only (anywhere else it is ignored). */
export const snsDevCertOrigin =
  config.STAGE === 'local' && config.SNS_DEV_CERT_ORIGIN ? config.SNS_DEV_CERT_ORIGIN : undefined;

/** The guard's caps, from the configuration above. */
export const smsCaps = {
  perUser: config.SMS_DAILY_CAP,
  perDestination: config.SMS_DESTINATION_DAILY_CAP,
  perCountry: config.SMS_COUNTRY_DAILY_CAP,
  perStage: config.SMS_STAGE_DAILY_CAP,
};

/**
 * The caps of conversation texts (ADR 0028): the user's own daily texting cap, the destination's, and the
 * country's and the stage's SMS caps (the SMS guard's counters).
 */
export const textCaps = {
  perUser: config.TEXT_DAILY_CAP,
  perDestination: config.TEXT_DESTINATION_DAILY_CAP,
  perCountry: config.SMS_COUNTRY_DAILY_CAP,
  perStage: config.SMS_STAGE_DAILY_CAP,
};

import { CARRIER_POOL } from '../chime/provision.ts';
import { ACCOUNT_ID, REGION, STAGE } from '../constants.ts';

/** Which provider the stage's notifications service sends and receives texts through. */
export type MessagingProvider = 'aws' | 'twilio';
export const MESSAGING_PROVIDERS: readonly MessagingProvider[] = ['aws', 'twilio'];
export type TextChannel = 'sms' | 'whatsapp';

/** devstack's Twilio account (seeded into SSM, where notifications reads it; see seedMessagingParameters). */
export const TWILIO = {
  accountSid: 'AC00000000000000000000000000000000',
  authToken: 'devstack-twilio-auth-token',
  /** the account's one number, for SMS and WhatsApp (Twilio's own "valid test number") */
  number: '+15005550006',
} as const;

/** The SSM parameters notifications reads its Twilio credentials from. */
export const TWILIO_PARAMETERS = {
  accountSid: `/parley/${STAGE}/twilio/account-sid`,
  authToken: `/parley/${STAGE}/twilio/auth-token`,
  smsFrom: `/parley/${STAGE}/twilio/sms-from`,
  whatsappFrom: `/parley/${STAGE}/twilio/whatsapp-from`,
} as const;

/** End User Messaging Social: devstack's default WhatsApp origination number. */
export const WHATSAPP = {
  phoneNumberId: 'devstack-whatsapp-phone-number-id',
  displayNumber: TWILIO.number,
  wabaId: 'devstack-waba',
} as const;

/**
 * The numbers a Parley user can be given (the emulated carrier's pool), which devstack's providers
 * treat as the account's own: Twilio sends from them, and each is a WhatsApp sender with its own phone
 * number id (`PARLEY_WHATSAPP_PHONE_NUMBER_IDS`), so a reply leaves from the conversation's number.
 */
export const PARLEY_NUMBERS: readonly string[] = Object.values(CARRIER_POOL).flat();
export const WHATSAPP_PHONE_NUMBER_IDS: Readonly<Record<string, string>> = Object.fromEntries(
  PARLEY_NUMBERS.map((n) => [n, `devstack-whatsapp-${n.slice(1)}`]),
);

/** The number a WhatsApp origination phone number id (or its ARN) sends from; undefined for an unknown id. */
export function whatsappDisplayNumber(originationPhoneNumberId: string): string | undefined {
  const id = originationPhoneNumberId.replace(/^.*phone-number-id\//, '');
  if (id === WHATSAPP.phoneNumberId) return WHATSAPP.displayNumber;
  return Object.entries(WHATSAPP_PHONE_NUMBER_IDS).find(([, value]) => value === id)?.[0];
}

/** A destination every provider accepts and then fails to deliver to (status `failed`). */
export const UNREACHABLE_NUMBER = '+15005550001';

/** The SNS topics AWS delivers texts and their events through, and which notifications route subscribes to each. */
const topic = (name: string) => `arn:aws:sns:${REGION}:${ACCOUNT_ID}:parley-${STAGE}-${name}`;
export const SNS_TOPICS = {
  smsInbound: { arn: topic('sms-inbound'), route: '/notifications/webhooks/sns' },
  smsEvents: { arn: topic('sms-events'), route: '/notifications/webhooks/sns' },
  whatsappEvents: { arn: topic('whatsapp-events'), route: '/notifications/webhooks/whatsapp' },
} as const;

/** Where the Twilio webhooks of notifications are, below the public API base (`<origin>/api`). */
export const TWILIO_ROUTES = {
  sms: '/notifications/webhooks/twilio/sms',
  whatsapp: '/notifications/webhooks/twilio/whatsapp',
  status: '/notifications/webhooks/twilio/status',
} as const;

export const SNS_CERT_NAME = 'SimpleNotificationService-devstack.pem';

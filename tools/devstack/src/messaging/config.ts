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

/** End User Messaging Social: the one WhatsApp origination number devstack has. */
export const WHATSAPP = {
  phoneNumberId: 'devstack-whatsapp-phone-number-id',
  displayNumber: TWILIO.number,
  wabaId: 'devstack-waba',
} as const;

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

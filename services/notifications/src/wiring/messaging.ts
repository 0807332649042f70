import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SocialMessagingClient } from '@aws-sdk/client-socialmessaging';
import { SSMClient } from '@aws-sdk/client-ssm';
import { awsClient } from '@parley/lambda/clients';
import { once } from '@parley/lambda/once';
import { awsMessaging } from '../adapters/messaging-aws.ts';
import { createMessagingProvider } from '../adapters/messaging-factory.ts';
import { twilioMessaging } from '../adapters/messaging-twilio.ts';
import { snsUrlRules, snsVerifier } from '../adapters/sns-signature.ts';
import { twilioCredentials } from '../adapters/twilio-credentials.ts';
import { config, snsDevCertOrigin } from '../config.ts';
import { WEBHOOK_ROUTES } from '../domain/messaging-provider.ts';

/** The public URL of a webhook route, as the provider calls it. */
export const publicWebhookUrl = (path: string) => `${config.PUBLIC_API_BASE_URL}/notifications${path}`;

/** The stage's `MessagingProvider` (ADR 0026), chosen by MESSAGING_PROVIDER; only its own clients are built. */
export const messaging = /* @__PURE__ */ once(() =>
  createMessagingProvider(config.MESSAGING_PROVIDER, {
    aws: () => {
      const rules = snsUrlRules(snsDevCertOrigin);
      return awsMessaging({
        sns: awsClient(SNSClient, {}),
        smsVoice: awsClient(PinpointSMSVoiceV2Client, {}),
        configurationSetName: config.SMS_CONFIGURATION_SET,
        social: awsClient(SocialMessagingClient, {}),
        ...(config.SMS_SENDER_ID ? { senderId: config.SMS_SENDER_ID } : {}),
        whatsappPhoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID,
        whatsappPhoneNumberIds: config.WHATSAPP_PHONE_NUMBER_IDS,
        verifier: snsVerifier(rules),
        rules,
        topicAccountId: config.SNS_TOPIC_ACCOUNT_ID,
      });
    },
    twilio: () =>
      twilioMessaging({
        apiBaseUrl: config.TWILIO_API_BASE_URL,
        // read on first use, kept for the container (an hour; ssmParameter's refresh)
        credentials: twilioCredentials(awsClient(SSMClient, {}), config.TWILIO_PARAMETER_PREFIX),
        statusCallbackUrl: publicWebhookUrl(WEBHOOK_ROUTES['twilio-status']),
      }),
  }),
);

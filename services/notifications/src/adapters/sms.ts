import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { SmsSender } from '../domain/sms-guard.ts';

/**
 * SMS through SNS (on devstack SNS is devstack's emulator, which keeps an outbox at /_dev/sms): the
 * one-way alerts and codes, from the account's origination identity (or `senderId` where the country
 * allows one). A conversation reply leaves from its own number by End User Messaging SMS instead
 * (messaging-aws.ts).
 */
export function snsSmsSender(client: Pick<SNSClient, 'send'>, senderId?: string): SmsSender {
  return {
    async send(phoneNumber, text) {
      const result = await client.send(
        new PublishCommand({
          PhoneNumber: phoneNumber,
          Message: text,
          MessageAttributes: {
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
            ...(senderId ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: senderId } } : {}),
          },
        }),
      );
      if (!result.MessageId) throw new Error('SNS accepted the SMS without a MessageId');
      return { messageId: result.MessageId };
    },
  };
}

import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { SmsSender } from '../domain/sms-guard.ts';

/** SMS through SNS (on devstack SNS is devstack's emulator, which keeps an outbox at /_dev/sms). */
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

import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { SmsSender } from '../domain/sms-guard.ts';

/** An `SmsSender` that may also name the number the SMS leaves from. */
export interface SnsSmsSender extends SmsSender {
  send(phoneNumber: string, text: string, originationNumber?: string): Promise<{ messageId: string }>;
}

/**
 * SMS through SNS (on devstack SNS is devstack's emulator, which keeps an outbox at /_dev/sms). With
 * `originationNumber` (a conversation reply's Parley number) the SMS leaves from that number
 * (`AWS.MM.SMS.OriginationNumber`); without it SNS picks the account's origination identity.
 */
export function snsSmsSender(client: Pick<SNSClient, 'send'>, senderId?: string): SnsSmsSender {
  return {
    async send(phoneNumber, text, originationNumber) {
      const result = await client.send(
        new PublishCommand({
          PhoneNumber: phoneNumber,
          Message: text,
          MessageAttributes: {
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
            ...(senderId ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: senderId } } : {}),
            ...(originationNumber
              ? { 'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: originationNumber } }
              : {}),
          },
        }),
      );
      if (!result.MessageId) throw new Error('SNS accepted the SMS without a MessageId');
      return { messageId: result.MessageId };
    },
  };
}

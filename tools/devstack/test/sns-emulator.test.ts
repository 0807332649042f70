import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CheckIfPhoneNumberIsOptedOutCommand,
  PublishCommand,
  SetSMSAttributesCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { close, listen } from '../src/http-util.ts';
import { SnsEmulator } from '../src/sns-emulator.ts';

describe('SNS emulator, through the real SNSClient', () => {
  const dir = mkdtempSync(join(tmpdir(), 'devstack-sns-'));
  const file = join(dir, 'sms.json');
  let emulator: SnsEmulator;
  let sns: SNSClient;

  beforeAll(async () => {
    emulator = new SnsEmulator(file);
    const port = await listen(emulator.server, 0);
    sns = new SNSClient({
      region: 'eu-central-1',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });
  afterAll(async () => {
    sns.destroy();
    await close(emulator.server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('when an SMS is published to a phone number, then it is captured in the outbox and a MessageId comes back', async () => {
    const out = await sns.send(
      new PublishCommand({
        PhoneNumber: '+41445550101',
        Message: 'You missed a call from Ana <3',
        MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
      }),
    );

    expect(out.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(emulator.outbox().at(-1)).toMatchObject({
      id: out.MessageId,
      phoneNumber: '+41445550101',
      message: 'You missed a call from Ana <3',
      smsType: 'Transactional',
    });
  });

  it('given an origination number (a conversation reply), when published, then the outbox shows the SMS coming from it; one not E.164 is refused', async () => {
    const out = await sns.send(
      new PublishCommand({
        PhoneNumber: '+41445550102',
        Message: 'Sí, hasta las 18h.',
        MessageAttributes: {
          'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'Parley' },
          'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: '+5072100001' },
        },
      }),
    );
    expect(emulator.outbox().at(-1)).toMatchObject({ id: out.MessageId, from: '+5072100001', senderId: 'Parley' });

    const before = emulator.outbox().length;
    await expect(
      sns.send(
        new PublishCommand({
          PhoneNumber: '+41445550102',
          Message: 'x',
          MessageAttributes: { 'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: 'Parley' } },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    expect(emulator.outbox()).toHaveLength(before);
  });

  it('given a phone number that is not E.164, when published, then the SDK raises InvalidParameter and nothing is captured', async () => {
    const before = emulator.outbox().length;

    await expect(sns.send(new PublishCommand({ PhoneNumber: '0445550101', Message: 'hi' }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    expect(emulator.outbox()).toHaveLength(before);
  });

  it('answers SetSMSAttributes and CheckIfPhoneNumberIsOptedOut like AWS', async () => {
    await sns.send(
      new SetSMSAttributesCommand({ attributes: { DefaultSMSType: 'Transactional', MonthlySpendLimit: '5' } }),
    );
    const optOut = await sns.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: '+6565550101' }));

    expect(optOut.isOptedOut).toBe(false);
  });

  it('given a restart on the same file, then the outbox persists', () => {
    expect(new SnsEmulator(file).outbox().map((m) => m.phoneNumber)).toContain('+41445550101');
  });
});

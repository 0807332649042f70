import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChimeSDKVoiceClient,
  CreatePhoneNumberOrderCommand,
  CreateSipMediaApplicationCallCommand,
  CreateSipMediaApplicationCommand,
  SearchAvailablePhoneNumbersCommand,
  UpdateSipMediaApplicationCallCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmaCallControl } from '../src/chime/ports.ts';
import { VoiceEmulator } from '../src/chime/voice.ts';
import { close } from '../src/http-util.ts';
import { clientOf } from './emulator-client.ts';

const LAMBDA = 'arn:aws:lambda:eu-central-1:000000000000:function:parley-calling-local-smaHandler';

/** Records what the voice API hands on; transactions it has not started are "gone". */
class RecordingCalls implements SmaCallControl {
  readonly created: Parameters<SmaCallControl['createCall']>[0][] = [];
  readonly updated: Parameters<SmaCallControl['updateCall']>[0][] = [];
  createCall(input: Parameters<SmaCallControl['createCall']>[0]) {
    this.created.push(input);
    return { transactionId: `tx-${this.created.length}` };
  }
  updateCall(input: Parameters<SmaCallControl['updateCall']>[0]) {
    this.updated.push(input);
    return this.created.some((_, i) => input.transactionId === `tx-${i + 1}`);
  }
}

describe('Chime SDK Voice emulator: CreateSipMediaApplicationCall and UpdateSipMediaApplicationCall, through the real client', () => {
  const dir = mkdtempSync(join(tmpdir(), 'devstack-voice-calls-'));
  let clock = Date.parse('2026-12-01T12:00:00.000Z');
  let emulator: VoiceEmulator;
  let voice: ChimeSDKVoiceClient;
  let smaId = '';
  let ourNumber = '';
  let vcNumber = '';

  beforeAll(async () => {
    emulator = new VoiceEmulator({
      file: join(dir, 'chime-voice.json'),
      region: 'eu-central-1',
      accountId: '000000000000',
      now: () => clock,
      orderDelayMs: 1_000,
    });
    voice = await clientOf(ChimeSDKVoiceClient, emulator.server);
    const found = await voice.send(
      new SearchAvailablePhoneNumbersCommand({ Country: 'US', State: 'WA', MaxResults: 2 }),
    );
    [ourNumber = '', vcNumber = ''] = found.E164PhoneNumbers ?? [];
    await voice.send(
      new CreatePhoneNumberOrderCommand({ ProductType: 'SipMediaApplicationDialIn', E164PhoneNumbers: [ourNumber] }),
    );
    await voice.send(
      new CreatePhoneNumberOrderCommand({ ProductType: 'VoiceConnector', E164PhoneNumbers: [vcNumber] }),
    );
    clock += 1_000;
    const { SipMediaApplication } = await voice.send(
      new CreateSipMediaApplicationCommand({
        AwsRegion: 'eu-central-1',
        Name: 'calling',
        Endpoints: [{ LambdaArn: LAMBDA }],
      }),
    );
    smaId = SipMediaApplication?.SipMediaApplicationId ?? '';
  });
  afterAll(async () => {
    voice.destroy();
    await close(emulator.server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('given no driver attached, when creating a call, then ServiceUnavailableException', async () => {
    await expect(
      voice.send(
        new CreateSipMediaApplicationCallCommand({
          SipMediaApplicationId: smaId,
          FromPhoneNumber: ourNumber,
          ToPhoneNumber: '+41445551234',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ServiceUnavailableException', $metadata: { httpStatusCode: 503 } });
  });

  it('given a driver, when creating and updating a call, then both reach it and the API answers with the transaction', async () => {
    const calls = new RecordingCalls();
    emulator.attachCalls(calls);

    const created = await voice.send(
      new CreateSipMediaApplicationCallCommand({
        SipMediaApplicationId: smaId,
        FromPhoneNumber: ourNumber,
        ToPhoneNumber: '+5072345678',
        SipHeaders: { 'X-Parley-Call': 'c1' },
        ArgumentsMap: { callId: 'c1' },
      }),
    );
    const transactionId = created.SipMediaApplicationCall?.TransactionId ?? '';
    const updated = await voice.send(
      new UpdateSipMediaApplicationCallCommand({
        SipMediaApplicationId: smaId,
        TransactionId: transactionId,
        Arguments: { op: 'join' },
      }),
    );

    expect(transactionId).toBe('tx-1');
    expect(calls.created).toEqual([
      {
        sipMediaApplicationId: smaId,
        fromPhoneNumber: ourNumber,
        toPhoneNumber: '+5072345678',
        sipHeaders: { 'X-Parley-Call': 'c1' },
        argumentsMap: { callId: 'c1' },
      },
    ]);
    expect(updated.$metadata.httpStatusCode).toBe(202);
    expect(calls.updated).toEqual([{ sipMediaApplicationId: smaId, transactionId: 'tx-1', arguments: { op: 'join' } }]);
  });

  it('when the driver says the transaction is gone, then UpdateSipMediaApplicationCall answers NotFoundException', async () => {
    await expect(
      voice.send(
        new UpdateSipMediaApplicationCallCommand({
          SipMediaApplicationId: smaId,
          TransactionId: 'tx-404',
          Arguments: {},
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotFoundException', $metadata: { httpStatusCode: 404 } });
  });

  it.each([
    ['a From not in inventory', { FromPhoneNumber: '+12125550199' }],
    ['a From that is a VoiceConnector number', { FromPhoneNumber: 'vc' }],
    ['a malformed To', { ToPhoneNumber: '0041445551234' }],
    ['an unknown application', { SipMediaApplicationId: '00000000-0000-0000-0000-000000000000' }],
    ['a reserved SIP header', { SipHeaders: { 'X-AMZN-Foo': '1' } }],
    ['21 arguments', { ArgumentsMap: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])) }],
  ])('when creating a call with %s, then BadRequestException', async (_label, change: Record<string, unknown>) => {
    await expect(
      voice.send(
        new CreateSipMediaApplicationCallCommand({
          SipMediaApplicationId: smaId,
          FromPhoneNumber: ourNumber,
          ToPhoneNumber: '+41445551234',
          ...change,
          ...(change.FromPhoneNumber === 'vc' ? { FromPhoneNumber: vcNumber } : {}),
        }),
      ),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
  });

  it('when updating a call without Arguments, then BadRequestException', async () => {
    await expect(
      voice.send(
        new UpdateSipMediaApplicationCallCommand({
          SipMediaApplicationId: smaId,
          TransactionId: 'tx-1',
          Arguments: undefined,
        }),
      ),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
  });
});

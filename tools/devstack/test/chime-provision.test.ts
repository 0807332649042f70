import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChimeSDKVoiceClient,
  CreatePhoneNumberOrderCommand,
  GetVoiceConnectorOriginationCommand,
  ListPhoneNumberOrdersCommand,
  ListPhoneNumbersCommand,
  ListSipMediaApplicationsCommand,
  ListVoiceConnectorsCommand,
  SearchAvailablePhoneNumbersCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CALLER_ID_NAME,
  CALLER_ID_PARAMETER,
  CARRIER_POOL,
  CARRIERS_PARAMETER,
  provisionChime,
  SMA_ID_PARAMETER,
  SMA_LAMBDA_ARN,
} from '../src/chime/provision.ts';
import { PstnTrunks } from '../src/chime/pstn-trunks.ts';
import { VoiceEmulator } from '../src/chime/voice.ts';
import { close, listen } from '../src/http-util.ts';
import { SsmEmulator } from '../src/ssm-emulator.ts';

const dir = mkdtempSync(join(tmpdir(), 'devstack-provision-'));
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** US orders stay Processing this long (devstack's default is 2 s; shorter keeps the tests quick). */
const ORDER_DELAY_MS = 300;

/**
 * One devstack start: the emulators on their files, provisioned, then read back through the SDK.
 * `before` runs against the voice API first (what an earlier, interrupted start left behind).
 */
async function start(at = dir, before?: (voice: ChimeSDKVoiceClient) => Promise<void>) {
  const voice = new VoiceEmulator({
    file: join(at, 'chime-voice.json'),
    region: 'eu-central-1',
    accountId: '000000000000',
    orderDelayMs: ORDER_DELAY_MS,
  });
  const ssm = new SsmEmulator(join(at, 'ssm.json'), 'eu-central-1');
  const trunks = new PstnTrunks(join(at, 'pstn-trunks.json'));
  const [voicePort, ssmPort] = [await listen(voice.server, 0), await listen(ssm.server, 0)];
  const voiceEndpoint = `http://127.0.0.1:${voicePort}`;
  const ssmEndpoint = `http://127.0.0.1:${ssmPort}`;
  const voiceClient = new ChimeSDKVoiceClient({ region: 'eu-central-1', credentials, endpoint: voiceEndpoint });
  await before?.(voiceClient);
  const lines: string[] = [];
  const result = await provisionChime({ voiceEndpoint, ssmEndpoint, trunks, log: (l) => lines.push(l) });
  // What the SMA driver checks a CreateSipMediaApplicationCall's FromPhoneNumber against, right away.
  const callerIdOwned = voice.ownsPhoneNumber(result.callerId);
  const ssmClient = new SSMClient({ region: 'eu-central-1', credentials, endpoint: ssmEndpoint });
  const read = async (Name: string) => (await ssmClient.send(new GetParameterCommand({ Name }))).Parameter?.Value;
  const seen = {
    smas: (await voiceClient.send(new ListSipMediaApplicationsCommand({}))).SipMediaApplications ?? [],
    connectors: (await voiceClient.send(new ListVoiceConnectorsCommand({}))).VoiceConnectors ?? [],
    origination: (
      await voiceClient.send(new GetVoiceConnectorOriginationCommand({ VoiceConnectorId: result.voiceConnectorId }))
    ).Origination,
    smaParameter: await read(SMA_ID_PARAMETER),
    callerIdParameter: await read(CALLER_ID_PARAMETER),
    numbers: (await voiceClient.send(new ListPhoneNumbersCommand({}))).PhoneNumbers ?? [],
    orders: (await voiceClient.send(new ListPhoneNumberOrdersCommand({}))).PhoneNumberOrders ?? [],
    carriers: JSON.parse((await read(CARRIERS_PARAMETER)) ?? '{}'),
    trunks: trunks.list(),
  };
  voiceClient.destroy();
  ssmClient.destroy();
  voice.close();
  await Promise.all([close(voice.server), close(ssm.server)]);
  return { result, lines, seen, callerIdOwned };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('devstack provisioning for numbers and calling', () => {
  it('given a fresh data dir, then the SMA, the carrier Voice Connector, both SSM parameters and the trunks exist', async () => {
    const { result, seen, lines } = await start();

    expect(seen.smas).toEqual([
      expect.objectContaining({ Name: 'parley-local', Endpoints: [{ LambdaArn: SMA_LAMBDA_ARN }] }),
    ]);
    expect(seen.smaParameter).toBe(result.sipMediaApplicationId);
    expect(seen.connectors).toEqual([
      expect.objectContaining({ Name: 'devstack-carrier', OutboundHostName: result.outboundHost }),
    ]);
    expect(seen.origination?.Routes).toHaveLength(1);
    expect(seen.carriers.carriers).toEqual([
      {
        name: 'Devstack Carrier',
        voiceConnectorId: result.voiceConnectorId,
        outboundHost: result.outboundHost,
        numbers: CARRIER_POOL,
      },
    ]);
    expect(seen.carriers.chime).toEqual({ documentsRequired: ['CH'] });
    expect(seen.trunks.map((t) => [t.e164, t.voiceConnectorHost])).toEqual(
      Object.values(CARRIER_POOL)
        .flat()
        .sort()
        .map((e164) => [e164, result.outboundHost]),
    );
    expect(lines).toHaveLength(3);
  });

  it('given a fresh data dir, then a US SipMediaApplicationDialIn number is ordered, in the inventory once provisioning returns, and named in SSM', async () => {
    const { result, seen, lines, callerIdOwned } = await start(mkdtempSync(join(dir, 'fresh-')));

    expect(result.callerId).toMatch(/^\+1202[2-9]\d{6}$/);
    expect(callerIdOwned).toBe(true);
    expect(seen.callerIdParameter).toBe(result.callerId);
    expect(seen.numbers.find((n) => n.E164PhoneNumber === result.callerId)).toMatchObject({
      ProductType: 'SipMediaApplicationDialIn',
      Country: 'US',
      Type: 'Local',
      Status: 'Unassigned',
      Name: CALLER_ID_NAME,
    });
    expect(seen.orders.find((o) => o.OrderedPhoneNumbers?.[0]?.E164PhoneNumber === result.callerId)).toMatchObject({
      ProductType: 'SipMediaApplicationDialIn',
      Status: 'Successful',
    });
    expect(lines).toContain(`ordered ${result.callerId} (SipMediaApplicationDialIn) as the outbound caller id`);
  });

  it('given a restart on the same data dir, then everything is found again: the same ids, nothing created twice', async () => {
    const first = await start();

    const second = await start();

    expect(second.result).toEqual(first.result);
    expect(second.seen.smas).toHaveLength(1);
    expect(second.seen.connectors).toHaveLength(1);
    expect(second.seen.orders).toEqual(first.seen.orders);
    expect(second.seen.callerIdParameter).toBe(first.result.callerId);
    expect(second.lines).toEqual([]);
  });

  it('given a start that stopped while its caller id order was Processing, then the next start waits for that order instead of ordering another', async () => {
    const fresh = mkdtempSync(join(dir, 'interrupted-'));
    let ordered = '';

    const { result, seen, lines, callerIdOwned } = await start(fresh, async (voice) => {
      const search = await voice.send(
        new SearchAvailablePhoneNumbersCommand({ Country: 'US', AreaCode: '303', MaxResults: 1 }),
      );
      ordered = search.E164PhoneNumbers?.[0] ?? '';
      await voice.send(
        new CreatePhoneNumberOrderCommand({
          ProductType: 'SipMediaApplicationDialIn',
          E164PhoneNumbers: [ordered],
          Name: CALLER_ID_NAME,
        }),
      );
    });

    expect(result.callerId).toBe(ordered);
    expect(callerIdOwned).toBe(true);
    expect(seen.orders).toHaveLength(1);
    expect(seen.callerIdParameter).toBe(ordered);
    expect(lines.some((l) => l.includes('caller id'))).toBe(false);
  });
});

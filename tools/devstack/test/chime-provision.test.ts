import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChimeSDKVoiceClient,
  GetVoiceConnectorOriginationCommand,
  ListSipMediaApplicationsCommand,
  ListVoiceConnectorsCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, describe, expect, it } from 'vitest';
import {
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

/** One devstack start: the emulators on their files, provisioned, then read back through the SDK. */
async function start() {
  const voice = new VoiceEmulator({
    file: join(dir, 'chime-voice.json'),
    region: 'eu-central-1',
    accountId: '000000000000',
  });
  const ssm = new SsmEmulator(join(dir, 'ssm.json'), 'eu-central-1');
  const trunks = new PstnTrunks(join(dir, 'pstn-trunks.json'));
  const [voicePort, ssmPort] = [await listen(voice.server, 0), await listen(ssm.server, 0)];
  const voiceEndpoint = `http://127.0.0.1:${voicePort}`;
  const ssmEndpoint = `http://127.0.0.1:${ssmPort}`;
  const lines: string[] = [];
  const result = await provisionChime({ voiceEndpoint, ssmEndpoint, trunks, log: (l) => lines.push(l) });
  const voiceClient = new ChimeSDKVoiceClient({ region: 'eu-central-1', credentials, endpoint: voiceEndpoint });
  const ssmClient = new SSMClient({ region: 'eu-central-1', credentials, endpoint: ssmEndpoint });
  const read = async (Name: string) => (await ssmClient.send(new GetParameterCommand({ Name }))).Parameter?.Value;
  const seen = {
    smas: (await voiceClient.send(new ListSipMediaApplicationsCommand({}))).SipMediaApplications ?? [],
    connectors: (await voiceClient.send(new ListVoiceConnectorsCommand({}))).VoiceConnectors ?? [],
    origination: (
      await voiceClient.send(new GetVoiceConnectorOriginationCommand({ VoiceConnectorId: result.voiceConnectorId }))
    ).Origination,
    smaParameter: await read(SMA_ID_PARAMETER),
    carriers: JSON.parse((await read(CARRIERS_PARAMETER)) ?? '{}'),
    trunks: trunks.list(),
  };
  voiceClient.destroy();
  ssmClient.destroy();
  voice.close();
  await Promise.all([close(voice.server), close(ssm.server)]);
  return { result, lines, seen };
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
    expect(lines).toHaveLength(2);
  });

  it('given a restart on the same data dir, then everything is found again: the same ids, nothing created twice', async () => {
    const first = await start();

    const second = await start();

    expect(second.result).toEqual(first.result);
    expect(second.seen.smas).toHaveLength(1);
    expect(second.seen.connectors).toHaveLength(1);
    expect(second.lines).toEqual([]);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChimeSDKVoiceClient,
  CreateSipMediaApplicationCommand,
  CreateSipRuleCommand,
  CreateVoiceConnectorCommand,
  DeleteSipRuleCommand,
  DeleteVoiceConnectorCommand,
  DeleteVoiceConnectorTerminationCommand,
  GetVoiceConnectorCommand,
  GetVoiceConnectorOriginationCommand,
  GetVoiceConnectorTerminationCommand,
  ListVoiceConnectorGroupsCommand,
  ListVoiceConnectorsCommand,
  PutVoiceConnectorOriginationCommand,
  PutVoiceConnectorTerminationCommand,
  UpdateSipRuleCommand,
  UpdateVoiceConnectorCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VoiceEmulator } from '../src/chime/voice.ts';
import { isCidr } from '../src/chime/voice-connectors.ts';
import { close } from '../src/http-util.ts';
import { clientOf } from './emulator-client.ts';

const LAMBDA = 'arn:aws:lambda:eu-central-1:000000000000:function:parley-calling-local-smaHandler';
/** A carrier's signalling ranges, as a third-party SIP trunk publishes them. */
const CARRIER_CIDRS = ['54.172.60.0/30', '35.156.191.128/30'];

describe('Chime SDK Voice emulator: Voice Connectors for a third-party SIP trunk, through the real client', () => {
  const dir = mkdtempSync(join(tmpdir(), 'devstack-voice-vc-'));
  const file = join(dir, 'chime-voice.json');
  const options = { file, region: 'eu-central-1', accountId: '000000000000' };
  let emulator: VoiceEmulator;
  let voice: ChimeSDKVoiceClient;
  let vcId = '';
  let vcArn = '';
  let host = '';

  beforeAll(async () => {
    emulator = new VoiceEmulator(options);
    voice = await clientOf(ChimeSDKVoiceClient, emulator.server);
  });
  afterAll(async () => {
    voice.destroy();
    await close(emulator.server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('when creating a Voice Connector, then it has an ARN and an outbound host name under voiceconnector.chime.aws', async () => {
    const { VoiceConnector: vc } = await voice.send(
      new CreateVoiceConnectorCommand({ Name: 'panama trunk', AwsRegion: 'eu-central-1', RequireEncryption: true }),
    );
    vcId = vc?.VoiceConnectorId ?? '';
    vcArn = vc?.VoiceConnectorArn ?? '';
    host = vc?.OutboundHostName ?? '';

    expect(vcId).toMatch(/^[a-z0-9]{22}$/);
    expect(vc).toMatchObject({
      Name: 'panama trunk',
      AwsRegion: 'eu-central-1',
      RequireEncryption: true,
      OutboundHostName: `${vcId}.voiceconnector.chime.aws`,
      VoiceConnectorArn: `arn:aws:chime:eu-central-1:000000000000:vc/${vcId}`,
    });
    expect((await voice.send(new GetVoiceConnectorCommand({ VoiceConnectorId: vcId }))).VoiceConnector?.Name).toBe(
      'panama trunk',
    );
  });

  it('given 3 Voice Connectors in a Region, when creating a 4th, then ResourceLimitExceededException', async () => {
    await voice.send(new CreateVoiceConnectorCommand({ Name: 'singapore trunk', RequireEncryption: true }));
    await voice.send(new CreateVoiceConnectorCommand({ Name: 'spare', RequireEncryption: false }));

    await expect(
      voice.send(new CreateVoiceConnectorCommand({ Name: 'one too many', RequireEncryption: true })),
    ).rejects.toMatchObject({ name: 'ResourceLimitExceededException', $metadata: { httpStatusCode: 400 } });
    const other = await voice.send(
      new CreateVoiceConnectorCommand({ Name: 'elsewhere', AwsRegion: 'us-east-1', RequireEncryption: true }),
    );
    expect(other.VoiceConnector?.AwsRegion).toBe('us-east-1');
    expect((await voice.send(new ListVoiceConnectorsCommand({}))).VoiceConnectors).toHaveLength(4);
  });

  it('when creating a Voice Connector without RequireEncryption, then BadRequestException', async () => {
    await expect(
      voice.send(new CreateVoiceConnectorCommand({ Name: 'x', AwsRegion: 'us-west-2', RequireEncryption: undefined })),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
  });

  it('given no origination yet, when reading it, then NotFoundException; put, it reads back with defaults', async () => {
    await expect(voice.send(new GetVoiceConnectorOriginationCommand({ VoiceConnectorId: vcId }))).rejects.toMatchObject(
      {
        name: 'NotFoundException',
      },
    );

    await voice.send(
      new PutVoiceConnectorOriginationCommand({
        VoiceConnectorId: vcId,
        Origination: {
          Routes: [{ Host: 'parley.pstn.carrier.example', Protocol: 'UDP', Priority: 1, Weight: 10 }],
          Disabled: false,
        },
      }),
    );
    const { Origination } = await voice.send(new GetVoiceConnectorOriginationCommand({ VoiceConnectorId: vcId }));

    expect(Origination).toEqual({
      Routes: [{ Host: 'parley.pstn.carrier.example', Port: 5060, Protocol: 'UDP', Priority: 1, Weight: 10 }],
      Disabled: false,
    });
    expect(emulator.voiceConnectorByArn(vcArn)).toEqual({
      voiceConnectorId: vcId,
      arn: vcArn,
      outboundHostName: host,
      originationRoutes: [
        { host: 'parley.pstn.carrier.example', port: 5060, protocol: 'UDP', priority: 1, weight: 10 },
      ],
    });
    expect(emulator.voiceConnectorByArn('arn:aws:chime:eu-central-1:000000000000:vc/nope')).toBeUndefined();
  });

  it.each([
    ['no routes while enabled', { Routes: [], Disabled: false }],
    ['Priority 100', { Routes: [{ Host: 'a.example', Protocol: 'TCP' as const, Priority: 100, Weight: 1 }] }],
    ['a bad protocol', { Routes: [{ Host: 'a.example', Protocol: 'TLS' as 'TCP', Priority: 1, Weight: 1 }] }],
    ['a bad host', { Routes: [{ Host: 'not a host', Protocol: 'TCP' as const, Priority: 1, Weight: 1 }] }],
  ])('when putting an origination with %s, then BadRequestException', async (_label, origination) => {
    await expect(
      voice.send(new PutVoiceConnectorOriginationCommand({ VoiceConnectorId: vcId, Origination: origination })),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
  });

  it('when putting a termination, then it reads back with CpsLimit 1 by default', async () => {
    await voice.send(
      new PutVoiceConnectorTerminationCommand({
        VoiceConnectorId: vcId,
        Termination: { CallingRegions: ['PA', 'SG', 'CH'], CidrAllowedList: CARRIER_CIDRS, Disabled: false },
      }),
    );
    const { Termination } = await voice.send(new GetVoiceConnectorTerminationCommand({ VoiceConnectorId: vcId }));

    expect(Termination).toEqual({
      CpsLimit: 1,
      CallingRegions: ['PA', 'SG', 'CH'],
      CidrAllowedList: CARRIER_CIDRS,
      Disabled: false,
    });
  });

  it.each([
    ['a region that is not ISO alpha-2', { CallingRegions: ['XX'], CidrAllowedList: CARRIER_CIDRS }],
    ['a CIDR with host bits', { CallingRegions: ['PA'], CidrAllowedList: ['54.172.60.1/30'] }],
    ['a non-CIDR', { CallingRegions: ['PA'], CidrAllowedList: ['54.172.60.0'] }],
    ['no CIDRs while enabled', { CallingRegions: ['PA'], CidrAllowedList: [] }],
    ['CpsLimit 0', { CallingRegions: ['PA'], CidrAllowedList: CARRIER_CIDRS, CpsLimit: 0 }],
    ['a bad default number', { CallingRegions: ['PA'], CidrAllowedList: CARRIER_CIDRS, DefaultPhoneNumber: 'abc' }],
  ])('when putting a termination with %s, then BadRequestException', async (_label, termination) => {
    await expect(
      voice.send(new PutVoiceConnectorTerminationCommand({ VoiceConnectorId: vcId, Termination: termination })),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
  });

  it('when updating a connector and deleting its termination, then the name changes and the termination is gone', async () => {
    const updated = await voice.send(
      new UpdateVoiceConnectorCommand({ VoiceConnectorId: vcId, Name: 'panama trunk 2', RequireEncryption: false }),
    );
    await voice.send(new DeleteVoiceConnectorTerminationCommand({ VoiceConnectorId: vcId }));

    expect(updated.VoiceConnector).toMatchObject({
      Name: 'panama trunk 2',
      RequireEncryption: false,
      OutboundHostName: host,
    });
    await expect(voice.send(new GetVoiceConnectorTerminationCommand({ VoiceConnectorId: vcId }))).rejects.toMatchObject(
      {
        name: 'NotFoundException',
      },
    );
  });

  it('when checking CIDRs, then IPv4 with clear host bits and IPv6 pass, the rest fail', () => {
    expect(['10.0.0.0/8', '54.172.60.0/30', '0.0.0.0/0', '2001:db8::/32'].every(isCidr)).toBe(true);
    expect(['10.0.0.1/8', '10.0.0.0/33', '300.0.0.0/8', '10.0.0.0', 'host/24'].some(isCidr)).toBe(false);
  });

  it('given a RequestUriHostname rule on the connector host, then calls through it route to the application', async () => {
    const { SipMediaApplication } = await voice.send(
      new CreateSipMediaApplicationCommand({
        AwsRegion: 'eu-central-1',
        Name: 'calling',
        Endpoints: [{ LambdaArn: LAMBDA }],
      }),
    );
    const smaId = SipMediaApplication?.SipMediaApplicationId ?? '';
    const { SipRule } = await voice.send(
      new CreateSipRuleCommand({
        Name: 'panama trunk in',
        TriggerType: 'RequestUriHostname',
        TriggerValue: host,
        TargetApplications: [{ SipMediaApplicationId: smaId, Priority: 1, AwsRegion: 'eu-central-1' }],
      }),
    );

    expect(emulator.routeToHostname(host.toUpperCase())).toEqual({
      sipRuleId: SipRule?.SipRuleId,
      sipMediaApplication: { sipMediaApplicationId: smaId, awsRegion: 'eu-central-1', lambdaArn: LAMBDA },
    });
    expect(emulator.routeToHostname('other.voiceconnector.chime.aws')).toBeUndefined();
    await expect(voice.send(new DeleteVoiceConnectorCommand({ VoiceConnectorId: vcId }))).rejects.toMatchObject({
      name: 'ConflictException',
    });

    await voice.send(new UpdateSipRuleCommand({ SipRuleId: SipRule?.SipRuleId, Name: 'off', Disabled: true }));
    await voice.send(new DeleteSipRuleCommand({ SipRuleId: SipRule?.SipRuleId }));
    await voice.send(new DeleteVoiceConnectorCommand({ VoiceConnectorId: vcId }));

    await expect(voice.send(new GetVoiceConnectorCommand({ VoiceConnectorId: vcId }))).rejects.toMatchObject({
      name: 'NotFoundException',
    });
  });

  it('when calling an operation devstack does not emulate, then 501 NotImplementedException', async () => {
    await expect(voice.send(new ListVoiceConnectorGroupsCommand({}))).rejects.toMatchObject({
      name: 'NotImplementedException',
      $metadata: { httpStatusCode: 501 },
    });
  });

  it('given a restart on the same file, then connectors and their settings persist', async () => {
    const [kept] = (await voice.send(new ListVoiceConnectorsCommand({}))).VoiceConnectors ?? [];
    await voice.send(
      new PutVoiceConnectorOriginationCommand({
        VoiceConnectorId: kept?.VoiceConnectorId,
        Origination: { Routes: [{ Host: '203.0.113.10', Port: 5061, Protocol: 'TCP', Priority: 2, Weight: 5 }] },
      }),
    );

    const again = new VoiceEmulator(options);

    expect(again.voiceConnectorByArn(kept?.VoiceConnectorArn ?? '')?.originationRoutes).toEqual([
      { host: '203.0.113.10', port: 5061, protocol: 'TCP', priority: 2, weight: 5 },
    ]);
  });
});

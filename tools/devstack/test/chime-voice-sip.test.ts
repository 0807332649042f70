import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChimeSDKVoiceClient,
  CreatePhoneNumberOrderCommand,
  CreateSipMediaApplicationCommand,
  CreateSipRuleCommand,
  DeletePhoneNumberCommand,
  DeleteSipMediaApplicationCommand,
  DeleteSipRuleCommand,
  GetPhoneNumberCommand,
  GetSipMediaApplicationCommand,
  GetSipRuleCommand,
  ListPhoneNumbersCommand,
  ListSipMediaApplicationsCommand,
  ListSipRulesCommand,
  SearchAvailablePhoneNumbersCommand,
  UpdateSipMediaApplicationCommand,
  UpdateSipRuleCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VoiceEmulator } from '../src/chime/voice.ts';
import { close } from '../src/http-util.ts';
import { clientOf } from './emulator-client.ts';

const LAMBDA = 'arn:aws:lambda:eu-central-1:000000000000:function:parley-calling-local-smaHandler';
const OTHER_LAMBDA = 'arn:aws:lambda:eu-central-1:000000000000:function:parley-calling-local-backup';

describe('Chime SDK Voice emulator: SIP media applications, SIP rules and calls, through the real client', () => {
  const dir = mkdtempSync(join(tmpdir(), 'devstack-voice-sip-'));
  const file = join(dir, 'chime-voice.json');
  let clock = Date.parse('2026-12-01T12:00:00.000Z');
  const options = { file, region: 'eu-central-1', accountId: '000000000000', now: () => clock, orderDelayMs: 1_000 };
  let emulator: VoiceEmulator;
  let voice: ChimeSDKVoiceClient;
  let smaId = '';
  let backupId = '';
  let ourNumber = '';
  let spareNumber = '';
  let ruleId = '';

  const createSma = (name: string, lambdaArn = LAMBDA, region = 'eu-central-1') =>
    voice.send(
      new CreateSipMediaApplicationCommand({ AwsRegion: region, Name: name, Endpoints: [{ LambdaArn: lambdaArn }] }),
    );

  beforeAll(async () => {
    emulator = new VoiceEmulator(options);
    voice = await clientOf(ChimeSDKVoiceClient, emulator.server);
    const found = await voice.send(
      new SearchAvailablePhoneNumbersCommand({ Country: 'US', AreaCode: '206', MaxResults: 3 }),
    );
    [ourNumber = '', spareNumber = ''] = found.E164PhoneNumbers ?? [];
    const vcNumber = found.E164PhoneNumbers?.[2] ?? '';
    await voice.send(
      new CreatePhoneNumberOrderCommand({
        ProductType: 'SipMediaApplicationDialIn',
        E164PhoneNumbers: [ourNumber, spareNumber],
      }),
    );
    await voice.send(
      new CreatePhoneNumberOrderCommand({ ProductType: 'VoiceConnector', E164PhoneNumbers: [vcNumber] }),
    );
    clock += 1_000;
  });
  afterAll(async () => {
    voice.destroy();
    await close(emulator.server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('when creating a SIP media application, then it has an id, an ARN and its one Lambda endpoint', async () => {
    const { SipMediaApplication: sma } = await createSma('parley calling');
    smaId = sma?.SipMediaApplicationId ?? '';

    expect(smaId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sma).toMatchObject({
      AwsRegion: 'eu-central-1',
      Name: 'parley calling',
      Endpoints: [{ LambdaArn: LAMBDA }],
      SipMediaApplicationArn: `arn:aws:chime:eu-central-1:000000000000:sma/${smaId}`,
    });
    expect(sma?.CreatedTimestamp).toBeInstanceOf(Date);
    const got = await voice.send(new GetSipMediaApplicationCommand({ SipMediaApplicationId: smaId }));
    expect(got.SipMediaApplication?.Name).toBe('parley calling');
    expect(emulator.sipMediaApplication(smaId)).toEqual({
      sipMediaApplicationId: smaId,
      awsRegion: 'eu-central-1',
      lambdaArn: LAMBDA,
    });
  });

  it.each([
    ['a bad name', () => createSma('parley/calling')],
    ['a Lambda in another Region', () => createSma('x', LAMBDA.replace('eu-central-1', 'us-east-1'))],
    ['a Region without SMAs', () => createSma('y', LAMBDA.replace('eu-central-1', 'eu-central-2'), 'eu-central-2')],
    [
      'two endpoints',
      () =>
        voice.send(
          new CreateSipMediaApplicationCommand({
            AwsRegion: 'eu-central-1',
            Name: 'two',
            Endpoints: [{ LambdaArn: LAMBDA }, { LambdaArn: OTHER_LAMBDA }],
          }),
        ),
    ],
  ])('when creating a SIP media application with %s, then BadRequestException', async (_label, send) => {
    await expect(send()).rejects.toMatchObject({ name: 'BadRequestException' });
  });

  it('when a second application takes a used name, then ConflictException; renamed, it lists and updates', async () => {
    await expect(createSma('parley calling')).rejects.toMatchObject({ name: 'ConflictException' });
    backupId = (await createSma('parley backup', OTHER_LAMBDA)).SipMediaApplication?.SipMediaApplicationId ?? '';

    const updated = await voice.send(
      new UpdateSipMediaApplicationCommand({ SipMediaApplicationId: backupId, Name: 'parley backup 2' }),
    );
    const listed = await voice.send(new ListSipMediaApplicationsCommand({}));

    expect(updated.SipMediaApplication?.Name).toBe('parley backup 2');
    expect(listed.SipMediaApplications?.map((s) => s.SipMediaApplicationId)).toEqual([smaId, backupId]);
    await expect(
      voice.send(new GetSipMediaApplicationCommand({ SipMediaApplicationId: '00000000-0000-0000-0000-000000000000' })),
    ).rejects.toMatchObject({ name: 'NotFoundException', $metadata: { httpStatusCode: 404 } });
  });

  it('when creating a ToPhoneNumber rule for an owned number, then the number is Assigned to the rule', async () => {
    const { SipRule: rule } = await voice.send(
      new CreateSipRuleCommand({
        Name: 'inbound 206',
        TriggerType: 'ToPhoneNumber',
        TriggerValue: ourNumber,
        TargetApplications: [{ SipMediaApplicationId: smaId, Priority: 1, AwsRegion: 'eu-central-1' }],
      }),
    );
    ruleId = rule?.SipRuleId ?? '';

    expect(rule).toMatchObject({ Disabled: false, TriggerType: 'ToPhoneNumber', TriggerValue: ourNumber });
    const { PhoneNumber } = await voice.send(new GetPhoneNumberCommand({ PhoneNumberId: ourNumber }));
    expect(PhoneNumber?.Status).toBe('Assigned');
    expect(PhoneNumber?.Associations).toMatchObject([{ Name: 'SipRuleId', Value: ruleId }]);
    const filtered = await voice.send(new ListPhoneNumbersCommand({ FilterName: 'SipRuleId', FilterValue: ruleId }));
    expect(filtered.PhoneNumbers?.map((n) => n.E164PhoneNumber)).toEqual([ourNumber]);
  });

  it.each([
    ['a number not in inventory', { TriggerValue: '+12125550199' }, 'BadRequestException'],
    ['a VoiceConnector number', { TriggerValue: 'vc' }, 'BadRequestException'],
    [
      'an unknown application',
      { SipMediaApplicationId: '00000000-0000-0000-0000-000000000000' },
      'BadRequestException',
    ],
    ['Priority 0', { Priority: 0 }, 'BadRequestException'],
    ['a Region that is not the application’s', { AwsRegion: 'us-east-1' }, 'BadRequestException'],
    [
      'an unknown Voice Connector host',
      { TriggerType: 'RequestUriHostname' as const, TriggerValue: 'x.voiceconnector.chime.aws' },
      'BadRequestException',
    ],
    ['a number another rule has', { TriggerValue: 'ours' }, 'ConflictException'],
  ])('when creating a rule with %s, then %s', async (_label, change, error) => {
    const vcNumber =
      (await voice.send(new ListPhoneNumbersCommand({ ProductType: 'VoiceConnector' }))).PhoneNumbers?.[0]
        ?.E164PhoneNumber ?? '';
    const base = {
      TriggerType: 'ToPhoneNumber' as 'ToPhoneNumber' | 'RequestUriHostname',
      TriggerValue: spareNumber,
      SipMediaApplicationId: smaId,
      Priority: 1,
      AwsRegion: 'eu-central-1',
      ...change,
    };
    const value = base.TriggerValue === 'vc' ? vcNumber : base.TriggerValue === 'ours' ? ourNumber : base.TriggerValue;

    await expect(
      voice.send(
        new CreateSipRuleCommand({
          Name: 'bad',
          TriggerType: base.TriggerType,
          TriggerValue: value,
          TargetApplications: [
            { SipMediaApplicationId: base.SipMediaApplicationId, Priority: base.Priority, AwsRegion: base.AwsRegion },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: error });
  });

  it('given an enabled rule, when routing a call to its number, then the lowest-Priority target answers', async () => {
    const route = emulator.routeToPhoneNumber(ourNumber);

    expect(route).toEqual({
      sipRuleId: ruleId,
      sipMediaApplication: { sipMediaApplicationId: smaId, awsRegion: 'eu-central-1', lambdaArn: LAMBDA },
    });
    expect(emulator.routeToPhoneNumber(ourNumber.slice(1))?.sipRuleId).toBe(ruleId);
    expect(emulator.routeToPhoneNumber(spareNumber)).toBeUndefined();
  });

  it('when an enabled rule is deleted, then ConflictException; disabled, it stops routing and can be deleted', async () => {
    await expect(voice.send(new DeleteSipRuleCommand({ SipRuleId: ruleId }))).rejects.toMatchObject({
      name: 'ConflictException',
      $metadata: { httpStatusCode: 409 },
    });
    await expect(voice.send(new DeletePhoneNumberCommand({ PhoneNumberId: ourNumber }))).rejects.toMatchObject({
      name: 'BadRequestException',
    });
    await expect(
      voice.send(new DeleteSipMediaApplicationCommand({ SipMediaApplicationId: smaId })),
    ).rejects.toMatchObject({
      name: 'ConflictException',
    });

    const updated = await voice.send(
      new UpdateSipRuleCommand({ SipRuleId: ruleId, Name: 'inbound 206', Disabled: true }),
    );

    expect(updated.SipRule?.Disabled).toBe(true);
    expect(emulator.routeToPhoneNumber(ourNumber)).toBeUndefined();
    await voice.send(new DeleteSipRuleCommand({ SipRuleId: ruleId }));
    await expect(voice.send(new GetSipRuleCommand({ SipRuleId: ruleId }))).rejects.toMatchObject({
      name: 'NotFoundException',
    });
    expect((await voice.send(new GetPhoneNumberCommand({ PhoneNumberId: ourNumber }))).PhoneNumber?.Status).toBe(
      'Unassigned',
    );
  });

  it('given a rule updated to targets in two Regions, then ListSipRules filters by application and the lowest Priority routes', async () => {
    const usLambda = OTHER_LAMBDA.replace('eu-central-1', 'us-east-1');
    const usId = (await createSma('parley us', usLambda, 'us-east-1')).SipMediaApplication?.SipMediaApplicationId ?? '';
    const { SipRule: rule } = await voice.send(
      new CreateSipRuleCommand({
        Name: 'inbound again',
        TriggerType: 'ToPhoneNumber',
        TriggerValue: ourNumber,
        TargetApplications: [{ SipMediaApplicationId: smaId, Priority: 1, AwsRegion: 'eu-central-1' }],
      }),
    );
    ruleId = rule?.SipRuleId ?? '';
    await voice.send(
      new UpdateSipRuleCommand({
        SipRuleId: ruleId,
        Name: 'inbound again',
        TargetApplications: [
          { SipMediaApplicationId: backupId, Priority: 5, AwsRegion: 'eu-central-1' },
          { SipMediaApplicationId: usId, Priority: 2, AwsRegion: 'us-east-1' },
        ],
      }),
    );

    const forBackup = await voice.send(new ListSipRulesCommand({ SipMediaApplicationId: backupId }));
    const forMain = await voice.send(new ListSipRulesCommand({ SipMediaApplicationId: smaId }));

    expect(forBackup.SipRules?.map((r) => r.SipRuleId)).toEqual([ruleId]);
    expect(forMain.SipRules).toEqual([]);
    expect(emulator.routeToPhoneNumber(ourNumber)?.sipMediaApplication).toEqual({
      sipMediaApplicationId: usId,
      awsRegion: 'us-east-1',
      lambdaArn: usLambda,
    });
    await expect(
      voice.send(
        new UpdateSipRuleCommand({
          SipRuleId: ruleId,
          Name: 'two in one Region',
          TargetApplications: [
            { SipMediaApplicationId: backupId, Priority: 1, AwsRegion: 'eu-central-1' },
            { SipMediaApplicationId: smaId, Priority: 2, AwsRegion: 'eu-central-1' },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
  });

  it('given a restart on the same file, then applications and rules persist and still route', () => {
    const again = new VoiceEmulator(options);

    expect(again.sipMediaApplication(smaId)?.lambdaArn).toBe(LAMBDA);
    expect(again.routeToPhoneNumber(ourNumber)?.sipRuleId).toBe(ruleId);
    expect(again.routeToPhoneNumber(ourNumber)?.sipMediaApplication.awsRegion).toBe('us-east-1');
    expect(again.ownsPhoneNumber(ourNumber)).toBe(true);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChimeSDKVoiceClient,
  CreatePhoneNumberOrderCommand,
  DeletePhoneNumberCommand,
  GetPhoneNumberCommand,
  GetPhoneNumberOrderCommand,
  ListPhoneNumberOrdersCommand,
  ListPhoneNumbersCommand,
  ListSupportedPhoneNumberCountriesCommand,
  RestorePhoneNumberCommand,
  SearchAvailablePhoneNumbersCommand,
  type SearchAvailablePhoneNumbersCommandInput,
  UpdatePhoneNumberCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VoiceEmulator } from '../src/chime/voice.ts';
import { close, listen } from '../src/http-util.ts';
import { clientOf } from './emulator-client.ts';

const DELAY_MS = 3_000;
const DAY_MS = 24 * 60 * 60 * 1000;

describe('Chime SDK Voice emulator: countries, search, orders and the inventory, through the real client', () => {
  const dir = mkdtempSync(join(tmpdir(), 'devstack-voice-numbers-'));
  const file = join(dir, 'chime-voice.json');
  let clock = Date.parse('2026-12-01T12:00:00.000Z');
  let emulator: VoiceEmulator;
  let voice: ChimeSDKVoiceClient;

  const options = { file, region: 'eu-central-1', accountId: '000000000000', now: () => clock, orderDelayMs: DELAY_MS };
  const search = async (input: SearchAvailablePhoneNumbersCommandInput) =>
    (await voice.send(new SearchAvailablePhoneNumbersCommand(input))).E164PhoneNumbers ?? [];
  const order = async (numbers: string[], productType: 'SipMediaApplicationDialIn' | 'VoiceConnector') =>
    (await voice.send(new CreatePhoneNumberOrderCommand({ ProductType: productType, E164PhoneNumbers: numbers })))
      .PhoneNumberOrder;
  const orderStatus = async (id: string) =>
    (await voice.send(new GetPhoneNumberOrderCommand({ PhoneNumberOrderId: id }))).PhoneNumberOrder;
  const number = async (id: string) => (await voice.send(new GetPhoneNumberCommand({ PhoneNumberId: id }))).PhoneNumber;

  beforeAll(async () => {
    emulator = new VoiceEmulator(options);
    voice = await clientOf(ChimeSDKVoiceClient, emulator.server);
  });
  afterAll(async () => {
    voice.destroy();
    emulator.close();
    await close(emulator.server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('when listing countries for SIP media application dial-in, then US (Local, TollFree) and CH (Local) only', async () => {
    const out = await voice.send(
      new ListSupportedPhoneNumberCountriesCommand({ ProductType: 'SipMediaApplicationDialIn' }),
    );

    expect(out.PhoneNumberCountries).toEqual([
      { CountryCode: 'US', SupportedPhoneNumberTypes: ['Local', 'TollFree'] },
      { CountryCode: 'CH', SupportedPhoneNumberTypes: ['Local'] },
    ]);
  });

  it('when listing countries for Voice Connectors, then only the US; without a ProductType, BadRequestException', async () => {
    const out = await voice.send(new ListSupportedPhoneNumberCountriesCommand({ ProductType: 'VoiceConnector' }));

    expect(out.PhoneNumberCountries?.map((c) => c.CountryCode)).toEqual(['US']);
    await expect(
      voice.send(new ListSupportedPhoneNumberCountriesCommand({ ProductType: undefined })),
    ).rejects.toMatchObject({ name: 'BadRequestException', $metadata: { httpStatusCode: 400 } });
  });

  it('when searching US numbers by area code, then valid NANP numbers in that area code, the same ones each time', async () => {
    const first = await search({ Country: 'US', AreaCode: '206', MaxResults: 5 });
    const again = await search({ Country: 'US', AreaCode: '206', MaxResults: 5 });

    expect(first).toHaveLength(5);
    expect(new Set(first).size).toBe(5);
    for (const n of first) expect(n).toMatch(/^\+1206[2-9]\d{6}$/);
    expect(again).toEqual(first);
  });

  it('when searching by State, TollFreePrefix or page by page, then the filters and NextToken are honoured', async () => {
    const ny = await search({ Country: 'US', State: 'NY', City: 'New York', MaxResults: 10 });
    const tollFree = await search({ Country: 'US', PhoneNumberType: 'TollFree', TollFreePrefix: '888', MaxResults: 3 });
    const page1 = await voice.send(
      new SearchAvailablePhoneNumbersCommand({ Country: 'US', AreaCode: '415', MaxResults: 2 }),
    );
    const page2 = await voice.send(
      new SearchAvailablePhoneNumbersCommand({
        Country: 'US',
        AreaCode: '415',
        MaxResults: 2,
        NextToken: page1.NextToken,
      }),
    );

    for (const n of ny) expect(n).toMatch(/^\+1(212|718|917)[2-9]\d{6}$/);
    for (const n of tollFree) expect(n).toMatch(/^\+1888[2-9]\d{6}$/);
    expect(page1.NextToken).toEqual(expect.any(String));
    expect(page2.E164PhoneNumbers).toHaveLength(2);
    expect(page2.E164PhoneNumbers).not.toContain(page1.E164PhoneNumbers?.[0]);
  });

  it('when searching Swiss Local numbers, then +41 with 9 national digits', async () => {
    const ch = await search({ Country: 'CH', PhoneNumberType: 'Local', MaxResults: 20 });

    expect(ch).toHaveLength(20);
    for (const n of ch) expect(n).toMatch(/^\+41[1-9]\d{8}$/);
  });

  it.each([
    ['Panama', { Country: 'PA', PhoneNumberType: 'Local' as const }],
    ['Singapore', { Country: 'SG', PhoneNumberType: 'Local' as const }],
    ['US without a filter', { Country: 'US', PhoneNumberType: 'Local' as const }],
    ['CH with an area code', { Country: 'CH', PhoneNumberType: 'Local' as const, AreaCode: '044' }],
    ['CH without a type', { Country: 'CH' }],
    ['CH toll-free', { Country: 'CH', PhoneNumberType: 'TollFree' as const }],
    ['City without State', { Country: 'US', City: 'Seattle' }],
    ['a bad toll-free prefix', { Country: 'US', TollFreePrefix: '899' }],
    ['MaxResults over 500', { Country: 'US', AreaCode: '206', MaxResults: 501 }],
  ])('when searching %s, then BadRequestException', async (_label, input) => {
    await expect(voice.send(new SearchAvailablePhoneNumbersCommand(input))).rejects.toMatchObject({
      name: 'BadRequestException',
    });
  });

  it('given a US order, when the clock passes the order delay, then Processing becomes Successful and the numbers Unassigned', async () => {
    const numbers = await search({ Country: 'US', AreaCode: '512', MaxResults: 2 });
    const created = await order(numbers, 'SipMediaApplicationDialIn');

    expect(created).toMatchObject({ Status: 'Processing', OrderType: 'New', ProductType: 'SipMediaApplicationDialIn' });
    expect(created?.OrderedPhoneNumbers?.map((n) => n.Status)).toEqual(['Processing', 'Processing']);
    expect(created?.CreatedTimestamp).toBeInstanceOf(Date);
    expect((await number(numbers[0] ?? ''))?.Status).toBe('AcquireInProgress');

    clock += DELAY_MS - 1;
    expect((await orderStatus(created?.PhoneNumberOrderId ?? ''))?.Status).toBe('Processing');
    clock += 1;
    const done = await orderStatus(created?.PhoneNumberOrderId ?? '');

    expect(done?.Status).toBe('Successful');
    expect(done?.OrderedPhoneNumbers?.map((n) => n.Status)).toEqual(['Acquired', 'Acquired']);
    expect(await number(numbers[0] ?? '')).toMatchObject({
      PhoneNumberId: numbers[0],
      E164PhoneNumber: numbers[0],
      Country: 'US',
      Type: 'Local',
      ProductType: 'SipMediaApplicationDialIn',
      Status: 'Unassigned',
      OrderId: created?.PhoneNumberOrderId,
      Capabilities: { InboundCall: true, OutboundCall: true, InboundSMS: false },
    });
    expect(emulator.ownsPhoneNumber(numbers[0] ?? '')).toBe(true);
    expect(await search({ Country: 'US', AreaCode: '512', MaxResults: 10 })).not.toContain(numbers[0]);
  });

  it('given an owned number, when it is ordered again, then that number fails and the order ends Failed', async () => {
    const [owned = ''] =
      (await voice.send(new ListPhoneNumbersCommand({}))).PhoneNumbers?.map((n) => n.E164PhoneNumber ?? '') ?? [];
    const again = await order([owned], 'SipMediaApplicationDialIn');

    expect(again?.OrderedPhoneNumbers).toEqual([{ E164PhoneNumber: owned, Status: 'Failed' }]);
    clock += DELAY_MS;
    expect((await orderStatus(again?.PhoneNumberOrderId ?? ''))?.Status).toBe('Failed');
  });

  it('given a Swiss order, then it waits in PendingDocuments, outside the inventory, until completeDocuments', async () => {
    const [swiss = ''] = await search({ Country: 'CH', PhoneNumberType: 'Local', MaxResults: 1 });
    const created = await order([swiss], 'SipMediaApplicationDialIn');
    clock += 30 * DAY_MS;

    expect((await orderStatus(created?.PhoneNumberOrderId ?? ''))?.Status).toBe('PendingDocuments');
    await expect(number(swiss)).rejects.toMatchObject({ name: 'NotFoundException' });
    expect(emulator.ownsPhoneNumber(swiss)).toBe(false);

    emulator.completeDocuments(created?.PhoneNumberOrderId ?? '');

    expect((await orderStatus(created?.PhoneNumberOrderId ?? ''))?.Status).toBe('Successful');
    expect(await number(swiss)).toMatchObject({ Country: 'CH', Type: 'Local', Status: 'Unassigned' });
    expect(() => emulator.completeDocuments(created?.PhoneNumberOrderId ?? '')).toThrow(/not PendingDocuments/);
  });

  it.each([
    ['a Swiss number as VoiceConnector', ['+41445551234'], 'VoiceConnector' as const],
    ['a Panama number', ['+5072345678'], 'SipMediaApplicationDialIn' as const],
    ['a Singapore number', ['+6561234567'], 'SipMediaApplicationDialIn' as const],
    ['a malformed number', ['12-34'], 'SipMediaApplicationDialIn' as const],
    ['the same number twice', ['+12065550100', '+12065550100'], 'SipMediaApplicationDialIn' as const],
  ])('when ordering %s, then BadRequestException', async (_label, numbers, productType) => {
    await expect(order(numbers, productType)).rejects.toMatchObject({ name: 'BadRequestException' });
  });

  it('when listing orders page by page, then every order comes once, oldest first', async () => {
    const first = await voice.send(new ListPhoneNumberOrdersCommand({ MaxResults: 2 }));
    const rest = await voice.send(new ListPhoneNumberOrdersCommand({ MaxResults: 100, NextToken: first.NextToken }));
    const statuses = [...(first.PhoneNumberOrders ?? []), ...(rest.PhoneNumberOrders ?? [])].map((o) => o.Status);

    expect(statuses).toEqual(['Successful', 'Failed', 'Successful']);
  });

  it('when listing numbers with filters, then Status and ProductType narrow the list', async () => {
    const [vcNumber = ''] = await search({ Country: 'US', AreaCode: '303', MaxResults: 1 });
    await order([vcNumber], 'VoiceConnector');
    clock += DELAY_MS;

    const vc = await voice.send(new ListPhoneNumbersCommand({ ProductType: 'VoiceConnector' }));
    const unassigned = await voice.send(new ListPhoneNumbersCommand({ Status: 'Unassigned' }));

    expect(vc.PhoneNumbers?.map((n) => n.E164PhoneNumber)).toEqual([vcNumber]);
    expect(unassigned.PhoneNumbers?.length).toBeGreaterThanOrEqual(4);
    expect(unassigned.PhoneNumbers?.every((n) => n.Status === 'Unassigned')).toBe(true);
    await expect(voice.send(new ListPhoneNumbersCommand({ FilterName: 'SipRuleId' }))).rejects.toMatchObject({
      name: 'BadRequestException',
    });
  });

  it('when updating a number, then Name and CallingName change; a Swiss number cannot become VoiceConnector', async () => {
    const listed = (await voice.send(new ListPhoneNumbersCommand({ Status: 'Unassigned' }))).PhoneNumbers ?? [];
    const us = listed.find((n) => n.Country === 'US')?.E164PhoneNumber ?? '';
    const ch = listed.find((n) => n.Country === 'CH')?.E164PhoneNumber ?? '';
    const updated = await voice.send(
      new UpdatePhoneNumberCommand({ PhoneNumberId: us, Name: 'front desk', CallingName: 'Parley' }),
    );

    expect(updated.PhoneNumber).toMatchObject({
      Name: 'front desk',
      CallingName: 'Parley',
      CallingNameStatus: 'UpdateSucceeded',
    });
    expect(ch).toMatch(/^\+41/);
    await expect(
      voice.send(new UpdatePhoneNumberCommand({ PhoneNumberId: ch, ProductType: 'VoiceConnector' })),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
    await expect(voice.send(new UpdatePhoneNumberCommand({ PhoneNumberId: '+19995550100' }))).rejects.toMatchObject({
      name: 'NotFoundException',
    });
  });

  it('when deleting a number, then it sits in the deletion queue for 7 days (restorable), then it is gone', async () => {
    const [a = '', b = ''] = await search({ Country: 'US', AreaCode: '617', MaxResults: 2 });
    await order([a, b], 'SipMediaApplicationDialIn');
    clock += DELAY_MS;

    await voice.send(new DeletePhoneNumberCommand({ PhoneNumberId: a }));
    await voice.send(new DeletePhoneNumberCommand({ PhoneNumberId: b }));

    expect(await number(a)).toMatchObject({ Status: 'DeleteInProgress', DeletionTimestamp: new Date(clock) });
    expect(emulator.ownsPhoneNumber(a)).toBe(false);
    await expect(voice.send(new DeletePhoneNumberCommand({ PhoneNumberId: a }))).rejects.toMatchObject({
      name: 'BadRequestException',
    });
    expect((await voice.send(new RestorePhoneNumberCommand({ PhoneNumberId: b }))).PhoneNumber?.Status).toBe(
      'Unassigned',
    );

    clock += 7 * DAY_MS;
    await expect(number(a)).rejects.toMatchObject({ name: 'NotFoundException' });
    expect(await number(b)).toMatchObject({ Status: 'Unassigned' });
  });

  it('given a restart on the same file, then numbers and orders persist', async () => {
    const before = (await voice.send(new ListPhoneNumbersCommand({}))).PhoneNumbers?.map((n) => n.E164PhoneNumber);
    const again = new VoiceEmulator(options);
    const port = await listen(again.server, 0);
    const client = new ChimeSDKVoiceClient({
      region: 'eu-central-1',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });

    const after = (await client.send(new ListPhoneNumbersCommand({}))).PhoneNumbers?.map((n) => n.E164PhoneNumber);

    client.destroy();
    await close(again.server);
    expect(after).toEqual(before);
    expect(before?.length).toBeGreaterThan(0);
  });
});

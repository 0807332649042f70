/**
 * The virtual phone page in Chromium against the integration project's devstack: dial a number a
 * SIP rule routes, see it ringing, hang up.
 */
import {
  ChimeSDKVoiceClient,
  CreatePhoneNumberOrderCommand,
  CreateSipMediaApplicationCommand,
  CreateSipRuleCommand,
  GetPhoneNumberOrderCommand,
  SearchAvailablePhoneNumbersCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import { chromiumLaunchOptions } from '@parley/testing/chromium';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PstnCall } from '../src/chime/pstn-calls.ts';

const info = inject('devstack');
const FROM = '+41445550101';

describe('the /_dev/phone console page, in Chromium', () => {
  let browser: Browser;
  let voice: ChimeSDKVoiceClient;
  let number = '';

  beforeAll(async () => {
    voice = new ChimeSDKVoiceClient({
      region: info.region,
      endpoint: info.endpoints.AWS_ENDPOINT_URL_CHIME_SDK_VOICE,
      credentials: info.credentials,
    });
    const found = await voice.send(
      new SearchAvailablePhoneNumbersCommand({ Country: 'US', AreaCode: '415', MaxResults: 1 }),
    );
    number = found.E164PhoneNumbers?.[0] ?? '';
    const { PhoneNumberOrder } = await voice.send(
      new CreatePhoneNumberOrderCommand({ ProductType: 'SipMediaApplicationDialIn', E164PhoneNumbers: [number] }),
    );
    for (let i = 0; i < 50; i++) {
      const order = await voice.send(
        new GetPhoneNumberOrderCommand({ PhoneNumberOrderId: PhoneNumberOrder?.PhoneNumberOrderId }),
      );
      if (order.PhoneNumberOrder?.Status === 'Successful') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    // The SMA's Lambda is calling's health function: it answers nothing an SMA can run, so the call
    // is never answered and rings until the 30 s no-action rule, which is what this page test needs.
    const { SipMediaApplication } = await voice.send(
      new CreateSipMediaApplicationCommand({
        AwsRegion: info.region,
        Name: `phone-e2e-${Date.now()}`,
        Endpoints: [
          { LambdaArn: `arn:aws:lambda:${info.region}:000000000000:function:parley-calling-${info.stage}-getHealth` },
        ],
      }),
    );
    await voice.send(
      new CreateSipRuleCommand({
        Name: `phone-e2e-${number}`,
        TriggerType: 'ToPhoneNumber',
        TriggerValue: number,
        TargetApplications: [
          { SipMediaApplicationId: SipMediaApplication?.SipMediaApplicationId, Priority: 1, AwsRegion: info.region },
        ],
      }),
    );
    browser = await chromium.launch(chromiumLaunchOptions());
  });
  afterAll(async () => {
    await browser?.close();
    voice?.destroy();
  });

  it('given a routed number, when dialed from the page, then the call shows ringing, and Hang up ends it', async () => {
    const page = await browser.newPage({ baseURL: info.url });
    page.setDefaultTimeout(20_000);
    await page.goto('/_dev/phone');
    await page.getByText('· live', { exact: true }).waitFor();

    // the Dial pane (the page also has a Texts pane with its own From)
    const dial = page.getByRole('region', { name: 'Dial' });
    await dial.getByLabel('From (your phone)').fill(FROM);
    await dial.getByLabel('To', { exact: true }).fill(number);
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    const item = page.locator('li.call', { hasText: `You → ${number}` }).first();
    await item.locator('.state', { hasText: 'ringing' }).waitFor();
    await item.getByRole('button', { name: 'Hang up' }).click();
    await item.locator('.state', { hasText: 'ended' }).waitFor();

    const id = await item.getAttribute('data-call-id');
    const call = (await (await fetch(`${info.url}/_dev/pstn/calls/${id}`)).json()) as PstnCall;
    expect(call).toMatchObject({ direction: 'inbound', from: FROM, to: number, state: 'ended', endReason: 'hung-up' });
    expect(call.answeredAt).toBeUndefined();
  });
});

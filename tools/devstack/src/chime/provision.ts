/**
 * What a stage's infrastructure supplies to the numbers and calling services, provisioned at every
 * devstack start through the real SDK clients against devstack's own emulators (idempotent: found
 * by name and reused across restarts):
 *
 * - the SIP media application `parley-local`, whose endpoint is calling's `smaHandler`, and its id in
 *   the SSM parameter `/parley/<stage>/calling/sip-media-application-id`;
 * - a Voice Connector for the emulated third-party carrier ("Devstack Carrier"), with an origination route;
 * - the carrier configuration `/parley/<stage>/numbers/carriers`: that carrier's small pool of Panama,
 *   Singapore and Swiss numbers on the Voice Connector, and the monthly prices;
 * - the virtual phone's carrier trunks for those numbers (number → the Voice Connector's outbound host);
 * - the organisation's outbound caller id: a US number of product type SipMediaApplicationDialIn,
 *   ordered as an operator would (search, order, wait for it to complete), named so the next start
 *   finds it, in `/parley/<stage>/calling/outbound-caller-id`.
 */
import {
  ChimeSDKVoiceClient,
  CreatePhoneNumberOrderCommand,
  CreateSipMediaApplicationCommand,
  CreateVoiceConnectorCommand,
  GetPhoneNumberOrderCommand,
  ListPhoneNumbersCommand,
  ListSipMediaApplicationsCommand,
  ListVoiceConnectorsCommand,
  type PhoneNumber,
  PutVoiceConnectorOriginationCommand,
  SearchAvailablePhoneNumbersCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { ACCOUNT_ID, CREDENTIALS, REGION, STAGE } from '../constants.ts';
import type { PstnTrunks } from './pstn-trunks.ts';

export const SMA_NAME = `parley-${STAGE}`;
export const SMA_LAMBDA_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:parley-calling-${STAGE}-smaHandler`;
export const SMA_ID_PARAMETER = `/parley/${STAGE}/calling/sip-media-application-id`;
export const CARRIERS_PARAMETER = `/parley/${STAGE}/numbers/carriers`;
export const CALLER_ID_PARAMETER = `/parley/${STAGE}/calling/outbound-caller-id`;
/** The Name the caller id's order gives its number, by which later starts find it. */
export const CALLER_ID_NAME = `parley-${STAGE} outbound caller id`;
/** Where the caller id is searched for (Washington, DC). */
const CALLER_ID_AREA_CODE = '202';
export const CARRIER_NAME = 'Devstack Carrier';
const VOICE_CONNECTOR_NAME = 'devstack-carrier';

/** The emulated carrier's numbers: valid in each national plan, and not numbers anyone owns. */
export const CARRIER_POOL = {
  PA: ['+5072100001', '+5072100002', '+5072100003'],
  // a dozen: the integration run gives one to each test that calls or texts a person's number
  SG: Array.from({ length: 12 }, (_, i) => `+65310000${String(i + 1).padStart(2, '0')}`),
  CH: ['+41215550001', '+41215550002'],
};

/**
 * Monthly prices per number, in USD. Placeholders to check against the real price lists before a
 * stage charges anyone (docs/adr/0013-phone-numbers.md says which).
 */
const PRICES = [
  { country: 'US', carrier: 'chime', monthly: 1.0, currency: 'USD' },
  { country: 'CH', carrier: 'chime', monthly: 2.5, currency: 'USD' },
  { country: 'PA', carrier: 'sip-trunk', monthly: 4.0, currency: 'USD' },
  { country: 'SG', carrier: 'sip-trunk', monthly: 5.0, currency: 'USD' },
  { country: 'CH', carrier: 'sip-trunk', monthly: 3.0, currency: 'USD' },
];

export interface ProvisionResult {
  sipMediaApplicationId: string;
  voiceConnectorId: string;
  outboundHost: string;
  /** The outbound caller id (E.164), a SipMediaApplicationDialIn number in the inventory. */
  callerId: string;
}

/** How often an order is looked at while it is Processing, and for how long at most. */
export interface OrderPolling {
  intervalMs: number;
  timeoutMs: number;
}
const ORDER_POLLING: OrderPolling = { intervalMs: 100, timeoutMs: 30_000 };

/** Provisions (or finds) everything above; `log` says what it created. */
export async function provisionChime(options: {
  voiceEndpoint: string;
  ssmEndpoint: string;
  trunks: PstnTrunks;
  log: (line: string) => void;
  orderPolling?: Partial<OrderPolling>;
}): Promise<ProvisionResult> {
  const common = { region: REGION, credentials: { ...CREDENTIALS } };
  const voice = new ChimeSDKVoiceClient({ ...common, endpoint: options.voiceEndpoint });
  const ssm = new SSMClient({ ...common, endpoint: options.ssmEndpoint });
  try {
    // The order takes a while on a fresh data dir: it runs while the rest is provisioned.
    const [callerId, rest] = await Promise.all([
      provisionCallerId(voice, options.log, { ...ORDER_POLLING, ...options.orderPolling }),
      provisionApplicationAndCarrier(voice, ssm, options),
    ]);
    await ssm.send(
      new PutParameterCommand({ Name: CALLER_ID_PARAMETER, Type: 'String', Value: callerId, Overwrite: true }),
    );
    return { ...rest, callerId };
  } finally {
    voice.destroy();
    ssm.destroy();
  }
}

async function provisionApplicationAndCarrier(
  voice: ChimeSDKVoiceClient,
  ssm: SSMClient,
  options: { trunks: PstnTrunks; log: (line: string) => void },
): Promise<Omit<ProvisionResult, 'callerId'>> {
  const smas = await voice.send(new ListSipMediaApplicationsCommand({ MaxResults: 99 }));
  let smaId = smas.SipMediaApplications?.find((s) => s.Name === SMA_NAME)?.SipMediaApplicationId;
  if (!smaId) {
    const created = await voice.send(
      new CreateSipMediaApplicationCommand({
        AwsRegion: REGION,
        Name: SMA_NAME,
        Endpoints: [{ LambdaArn: SMA_LAMBDA_ARN }],
      }),
    );
    smaId = created.SipMediaApplication?.SipMediaApplicationId ?? '';
    options.log(`created SIP media application ${SMA_NAME} (${smaId}) → ${SMA_LAMBDA_ARN}`);
  }

  const connectors = await voice.send(new ListVoiceConnectorsCommand({ MaxResults: 99 }));
  let connector = connectors.VoiceConnectors?.find((vc) => vc.Name === VOICE_CONNECTOR_NAME);
  if (!connector) {
    connector = (
      await voice.send(
        new CreateVoiceConnectorCommand({ Name: VOICE_CONNECTOR_NAME, AwsRegion: REGION, RequireEncryption: false }),
      )
    ).VoiceConnector;
    options.log(`created Voice Connector ${VOICE_CONNECTOR_NAME} (${connector?.VoiceConnectorId}) for ${CARRIER_NAME}`);
  }
  const voiceConnectorId = connector?.VoiceConnectorId ?? '';
  const outboundHost = (connector?.OutboundHostName ?? '').toLowerCase();
  // Where Chime would send calls towards the carrier (the virtual phone plays the carrier's far end).
  await voice.send(
    new PutVoiceConnectorOriginationCommand({
      VoiceConnectorId: voiceConnectorId,
      Origination: {
        Routes: [{ Host: 'sip.devstack-carrier.example', Port: 5060, Protocol: 'UDP', Priority: 1, Weight: 1 }],
        Disabled: false,
      },
    }),
  );

  const carriers = {
    chime: { documentsRequired: ['CH'] },
    carriers: [{ name: CARRIER_NAME, voiceConnectorId, outboundHost, numbers: CARRIER_POOL }],
    prices: PRICES,
  };
  await ssm.send(
    new PutParameterCommand({
      Name: CARRIERS_PARAMETER,
      Type: 'String',
      Value: JSON.stringify(carriers),
      Overwrite: true,
    }),
  );
  await ssm.send(new PutParameterCommand({ Name: SMA_ID_PARAMETER, Type: 'String', Value: smaId, Overwrite: true }));

  for (const e164 of Object.values(CARRIER_POOL).flat()) {
    if (options.trunks.get(e164)?.voiceConnectorHost === outboundHost) continue;
    const put = options.trunks.put(e164, outboundHost);
    if (typeof put === 'string') throw new Error(`carrier trunk for ${e164}: ${put}`);
  }
  return { sipMediaApplicationId: smaId, voiceConnectorId, outboundHost };
}

/** Numbers named CALLER_ID_NAME that are, or are becoming, ours (not in the deletion queue). */
async function namedCallerIds(voice: ChimeSDKVoiceClient): Promise<PhoneNumber[]> {
  const found: PhoneNumber[] = [];
  let NextToken: string | undefined;
  do {
    const page = await voice.send(
      new ListPhoneNumbersCommand({ ProductType: 'SipMediaApplicationDialIn', MaxResults: 500, NextToken }),
    );
    for (const n of page.PhoneNumbers ?? [])
      if (n.Name === CALLER_ID_NAME && ['Unassigned', 'Assigned', 'AcquireInProgress'].includes(n.Status ?? ''))
        found.push(n);
    NextToken = page.NextToken;
  } while (NextToken);
  return found;
}

/**
 * The outbound caller id: the number an earlier start ordered (waiting for its order if that start
 * stopped before it completed), or a new one: SearchAvailablePhoneNumbers (US, Local), then
 * CreatePhoneNumberOrder (SipMediaApplicationDialIn), polled until it completes.
 */
async function provisionCallerId(
  voice: ChimeSDKVoiceClient,
  log: (line: string) => void,
  polling: OrderPolling,
): Promise<string> {
  const named = await namedCallerIds(voice);
  const owned = named.find((n) => n.Status !== 'AcquireInProgress');
  if (owned?.E164PhoneNumber) return owned.E164PhoneNumber;
  let orderId = named[0]?.OrderId;
  if (!orderId) {
    const search = await voice.send(
      new SearchAvailablePhoneNumbersCommand({
        Country: 'US',
        PhoneNumberType: 'Local',
        AreaCode: CALLER_ID_AREA_CODE,
        MaxResults: 1,
      }),
    );
    const e164 = search.E164PhoneNumbers?.[0];
    if (!e164) throw new Error(`No US number available in area code ${CALLER_ID_AREA_CODE} for the caller id.`);
    const order = await voice.send(
      new CreatePhoneNumberOrderCommand({
        ProductType: 'SipMediaApplicationDialIn',
        E164PhoneNumbers: [e164],
        Name: CALLER_ID_NAME,
      }),
    );
    orderId = order.PhoneNumberOrder?.PhoneNumberOrderId ?? '';
    log(`ordered ${e164} (SipMediaApplicationDialIn) as the outbound caller id`);
  }
  const deadline = Date.now() + polling.timeoutMs;
  for (;;) {
    const { PhoneNumberOrder: order } = await voice.send(
      new GetPhoneNumberOrderCommand({ PhoneNumberOrderId: orderId }),
    );
    const acquired = order?.OrderedPhoneNumbers?.find((n) => n.Status === 'Acquired')?.E164PhoneNumber;
    if (order?.Status === 'Successful' && acquired) return acquired;
    if (order?.Status !== 'Processing')
      throw new Error(`The caller id's phone number order ${orderId} ended ${order?.Status ?? 'unknown'}.`);
    if (Date.now() > deadline)
      throw new Error(
        `The caller id's phone number order ${orderId} is still Processing after ${polling.timeoutMs} ms.`,
      );
    await new Promise((resolve) => setTimeout(resolve, polling.intervalMs));
  }
}

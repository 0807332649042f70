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
 * - the virtual phone's carrier trunks for those numbers (number → the Voice Connector's outbound host).
 */
import {
  ChimeSDKVoiceClient,
  CreateSipMediaApplicationCommand,
  CreateVoiceConnectorCommand,
  ListSipMediaApplicationsCommand,
  ListVoiceConnectorsCommand,
  PutVoiceConnectorOriginationCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { ACCOUNT_ID, CREDENTIALS, REGION, STAGE } from '../constants.ts';
import type { PstnTrunks } from './pstn-trunks.ts';

export const SMA_NAME = `parley-${STAGE}`;
export const SMA_LAMBDA_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:parley-calling-${STAGE}-smaHandler`;
export const SMA_ID_PARAMETER = `/parley/${STAGE}/calling/sip-media-application-id`;
export const CARRIERS_PARAMETER = `/parley/${STAGE}/numbers/carriers`;
export const CARRIER_NAME = 'Devstack Carrier';
const VOICE_CONNECTOR_NAME = 'devstack-carrier';

/** The emulated carrier's numbers: valid in each national plan, and not numbers anyone owns. */
export const CARRIER_POOL = {
  PA: ['+5072100001', '+5072100002', '+5072100003'],
  SG: ['+6531000001', '+6531000002', '+6531000003'],
  CH: ['+41215550001', '+41215550002'],
} as const;

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
}

/** Provisions (or finds) everything above; `log` says what it created. */
export async function provisionChime(options: {
  voiceEndpoint: string;
  ssmEndpoint: string;
  trunks: PstnTrunks;
  log: (line: string) => void;
}): Promise<ProvisionResult> {
  const common = { region: REGION, credentials: { ...CREDENTIALS } };
  const voice = new ChimeSDKVoiceClient({ ...common, endpoint: options.voiceEndpoint });
  const ssm = new SSMClient({ ...common, endpoint: options.ssmEndpoint });
  try {
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
      options.log(
        `created Voice Connector ${VOICE_CONNECTOR_NAME} (${connector?.VoiceConnectorId}) for ${CARRIER_NAME}`,
      );
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
  } finally {
    voice.destroy();
    ssm.destroy();
  }
}

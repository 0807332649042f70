import { ChimeSDKVoiceClient } from '@aws-sdk/client-chime-sdk-voice';
import { SSMClient } from '@aws-sdk/client-ssm';
import { awsClient } from '@parley/lambda/clients';
import { once } from '@parley/lambda/once';
import { ssmParameter } from '@parley/lambda/ssm-parameter';
import { ssmCarrierSource } from '../adapters/carrier-config.ts';
import { chimeVoiceProvider } from '../adapters/chime-voice.ts';
import { config } from '../config.ts';
import { core } from './index.ts';

/** Core ports plus Chime SDK Voice and the stage's configuration (carriers, calling's SMA id) from SSM. */
export const chime = /* @__PURE__ */ once(() => {
  const ssm = awsClient(SSMClient, {});
  return {
    ...core(),
    carriers: ssmCarrierSource(ssmParameter(ssm, config.CARRIERS_PARAMETER)),
    voice: chimeVoiceProvider(awsClient(ChimeSDKVoiceClient, {}), {
      smaId: ssmParameter(ssm, config.SMA_ID_PARAMETER),
      region: config.AWS_REGION,
    }),
  };
});

import { ChimeSDKMeetingsClient } from '@aws-sdk/client-chime-sdk-meetings';
import { ChimeSDKVoiceClient } from '@aws-sdk/client-chime-sdk-voice';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SSMClient } from '@aws-sdk/client-ssm';
import { awsClient } from '@parley/lambda/clients';
import { once } from '@parley/lambda/once';
import { eventBridgePublisher } from '@parley/lambda/publisher';
import { ssmParameter } from '@parley/lambda/ssm-parameter';
import { chimeMeetings } from '../adapters/chime-meetings.ts';
import { chimeSipMediaCalls } from '../adapters/sma-calls.ts';
import { config } from '../config.ts';
import { core } from './index.ts';
import { pstn } from './pstn.ts';

/** The SIP media application's calls: Chime SDK Voice, with its id and the caller id from SSM. */
const sipMediaCalls = /* @__PURE__ */ once(() => {
  const ssm = awsClient(SSMClient, {});
  return chimeSipMediaCalls(awsClient(ChimeSDKVoiceClient, {}), {
    smaId: ssmParameter(ssm, config.SMA_ID_PARAMETER),
    callerId: ssmParameter(ssm, config.CALLER_ID_PARAMETER),
  });
});

/** Core ports plus Chime (meetings, the SIP media application) and the bus: every use case that changes a call. */
export const calling = /* @__PURE__ */ once(() => ({
  ...core(),
  ...pstn(),
  meetings: chimeMeetings(awsClient(ChimeSDKMeetingsClient, {})),
  events: eventBridgePublisher(awsClient(EventBridgeClient, {}), config.EVENT_BUS_NAME),
  sma: sipMediaCalls(),
}));

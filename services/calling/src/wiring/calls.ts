import { ChimeSDKMeetingsClient } from '@aws-sdk/client-chime-sdk-meetings';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { awsClient } from '@parley/lambda/clients';
import { once } from '@parley/lambda/once';
import { eventBridgePublisher } from '@parley/lambda/publisher';
import { chimeMeetings } from '../adapters/chime-meetings.ts';
import { config } from '../config.ts';
import { core } from './index.ts';

/** Core ports plus Chime meetings and the bus: every use case that changes a call. */
export const calling = once(() => ({
  ...core(),
  meetings: chimeMeetings(awsClient(ChimeSDKMeetingsClient, {})),
  events: eventBridgePublisher(awsClient(EventBridgeClient, {}), config.EVENT_BUS_NAME),
}));

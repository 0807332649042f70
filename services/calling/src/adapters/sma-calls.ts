import {
  type ChimeSDKVoiceClient,
  CreateSipMediaApplicationCallCommand,
  NotFoundException,
  UpdateSipMediaApplicationCallCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import { currentTraceHeader } from '@parley/lambda/trace-header';
import type { SipMediaCalls } from '../domain/ports.ts';
import { CALL_TRACE_ARGUMENT } from './sma-trace.ts';

/**
 * The SIP media application's calls on Chime SDK Voice (devstack's emulator through
 * AWS_ENDPOINT_URL_CHIME_SDK_VOICE). The application's id and the organisation's caller id are
 * the stage's configuration (SSM), read on first use and refreshed.
 */
export function chimeSipMediaCalls(
  client: ChimeSDKVoiceClient,
  config: { smaId: () => Promise<string>; callerId: () => Promise<string> },
): SipMediaCalls {
  return {
    async dial({ from, to, arguments: args }) {
      // the dialling request's trace: the call's invocations continue it (docs/adr/0027)
      const trace = currentTraceHeader();
      const out = await client.send(
        new CreateSipMediaApplicationCallCommand({
          SipMediaApplicationId: await config.smaId(),
          FromPhoneNumber: from,
          ToPhoneNumber: to,
          ArgumentsMap: trace ? { ...args, [CALL_TRACE_ARGUMENT]: trace } : args,
        }),
      );
      const transactionId = out.SipMediaApplicationCall?.TransactionId;
      if (!transactionId) throw new Error('CreateSipMediaApplicationCall answered no TransactionId');
      return transactionId;
    },

    async update(transactionId, args) {
      try {
        await client.send(
          new UpdateSipMediaApplicationCallCommand({
            SipMediaApplicationId: await config.smaId(),
            TransactionId: transactionId,
            Arguments: args,
          }),
        );
        return true;
      } catch (err) {
        // the call has ended (every leg hung up)
        if (err instanceof NotFoundException) return false;
        throw err;
      }
    },

    callerId: config.callerId,
  };
}

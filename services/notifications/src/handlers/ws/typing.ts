import { authOf } from '@parley/lambda/auth-context';
import { accepted, wsHandler } from '@parley/lambda/ws';
import { TypingAction } from '@parley/realtime/frames';
import { relayTyping } from '../../domain/relay.ts';
import { relay } from '../../wiring/gateway.ts';
import { errorStatus } from '../http/errors.ts';
import { errorFrame } from './error-reply.ts';

/** `{"action":"typing","conversationId"}` → a `typing` frame to the conversation's other members. */
export const handler = wsHandler({ body: TypingAction, errors: errorStatus, errorReply: errorFrame }).handler(
  async (event) => {
    await relayTyping(relay(), { userId: authOf(event).userId, conversationId: event.body.conversationId });
    return accepted();
  },
);

import { HttpError } from '@parley/lambda/errors';
import { wsHandler } from '@parley/lambda/ws';
import { errorFrame } from './error-reply.ts';

/** `$default`: anything that is not a known action gets an `error` frame (400-ish), never silence. */
export const handler = wsHandler({ errorReply: errorFrame }).handler(async () => {
  throw new HttpError(400, 'unknown_action', 'Unknown action: send {"action": "ping" | "typing" | "signal", ...}.');
});

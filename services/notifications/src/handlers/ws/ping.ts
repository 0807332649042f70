import { randomUUID } from 'node:crypto';
import { reply, wsHandler } from '@parley/lambda/ws';
import { encodeFrame } from '@parley/realtime/encode';
import { PingAction } from '@parley/realtime/frames';
import { errorFrame } from './error-reply.ts';

/** `{"action":"ping"}` → a `pong` frame (the client's heartbeat, well inside API Gateway's 10 min idle limit). */
export const handler = wsHandler({ body: PingAction, errorReply: errorFrame }).handler(async () =>
  reply(encodeFrame({ id: randomUUID(), type: 'pong', v: 1, at: new Date().toISOString(), data: {} })),
);

import { randomUUID } from 'node:crypto';
import type { WsError } from '@parley/lambda/ws';
import { encodeFrame } from '@parley/realtime/encode';

/** A refused action comes back to the caller as an `error` frame (sent through the route response). */
export function errorFrame(error: WsError): string {
  return encodeFrame({
    id: randomUUID(),
    type: 'error',
    v: 1,
    at: new Date().toISOString(),
    data: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
      ...(error.action ? { action: error.action } : {}),
    },
  });
}

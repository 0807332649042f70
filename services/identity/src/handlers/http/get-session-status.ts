import { Id } from '@parley/events/ids';
import { httpHandler, ok } from '@parley/lambda/http';
import * as z from 'zod';
import { isSessionActive } from '../../domain/sessions.ts';
import { store } from '../../wiring/index.ts';
import { errorStatus } from './errors.ts';

// Unauthenticated by design (ADR 0006): the authorizer of every service asks it; it answers one boolean.
export const handler = httpHandler({ path: z.object({ sessionId: Id }), errors: errorStatus }).handler(
  async (event) => {
    const active = await isSessionActive(store(), event.pathParameters);
    return ok({ active }, { 'cache-control': 'no-store' });
  },
);

import { httpHandler, ok } from '@parley/lambda/http';
import * as z from 'zod';
import { refresh } from '../../domain/sessions.ts';
import { sessions } from '../../wiring/publishing.ts';
import { errorStatus } from './errors.ts';

const Body = z.strictObject({ refreshToken: z.string().min(20).max(200) });

export const handler = httpHandler({ body: Body, errors: errorStatus }).handler(async (event) => {
  const tokens = await refresh(sessions(), event.body);
  return ok({ tokens });
});

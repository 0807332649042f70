import { httpHandler, noContent } from '@parley/lambda/http';
import { z } from 'zod';
import { identityErrors } from '../../domain/errors.ts';
import { logout } from '../../domain/sessions.ts';
import { wiring } from '../../wiring.ts';

const Body = z.strictObject({ refreshToken: z.string().min(20).max(200) });

export const handler = httpHandler({ body: Body, errors: identityErrors }).handler(async (event) => {
  await logout(wiring.sessions(), event.body);
  return noContent();
});

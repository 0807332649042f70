import { Id } from '@parley/events/ids';
import { authOf } from '@parley/lambda/auth-context';

import { httpHandler, noContent } from '@parley/lambda/http';
import * as z from 'zod';
import { removeContact } from '../../domain/contacts.ts';
import { contacts } from '../../wiring/avatars.ts';
import { errorStatus } from './errors.ts';

export const handler = httpHandler({ path: z.object({ userId: Id }), errors: errorStatus }).handler(async (event) => {
  await removeContact(contacts(), { userId: authOf(event).userId, contactId: event.pathParameters.userId });
  return noContent();
});

import { Id } from '@parley/events/ids';
import { authOf } from '@parley/lambda/auth-context';

import { httpHandler, noContent } from '@parley/lambda/http';
import { z } from 'zod';
import { removeContact } from '../../domain/contacts.ts';
import { wiring } from '../../wiring.ts';

export const handler = httpHandler({ path: z.object({ userId: Id }) }).handler(async (event) => {
  await removeContact(wiring.contacts(), { userId: authOf(event).userId, contactId: event.pathParameters.userId });
  return noContent();
});

import { authOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { listContacts } from '../../domain/contacts.ts';
import { wiring } from '../../wiring.ts';

export const handler = httpHandler().handler(async (event) =>
  ok({ items: await listContacts(wiring.contacts(), { userId: authOf(event).userId }) }),
);

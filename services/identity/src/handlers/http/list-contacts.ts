import { authOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { listContacts } from '../../domain/contacts.ts';
import { contacts } from '../../wiring/avatars.ts';
import { errorStatus } from './errors.ts';

export const handler = httpHandler({ errors: errorStatus }).handler(async (event) =>
  ok({ items: await listContacts(contacts(), { userId: authOf(event).userId }) }),
);

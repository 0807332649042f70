import { httpHandler, ok } from '@parley/lambda/http';
import { listContacts } from '../../domain/contacts.ts';
import { wiring } from '../../wiring.ts';
import { callerOf } from './request-helpers.ts';

export const handler = httpHandler().handler(async (event) =>
  ok({ items: await listContacts(wiring.contacts(), { userId: callerOf(event).userId }) }),
);

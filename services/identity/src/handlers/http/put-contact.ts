import { Id } from '@parley/events/ids';
import { authOf } from '@parley/lambda/auth-context';

import { created, httpHandler, ok } from '@parley/lambda/http';
import { z } from 'zod';
import { addContact } from '../../domain/contacts.ts';
import { identityErrors } from '../../domain/errors.ts';
import { wiring } from '../../wiring.ts';

export const handler = httpHandler({ path: z.object({ userId: Id }), errors: identityErrors }).handler(
  async (event) => {
    const result = await addContact(wiring.contacts(), {
      userId: authOf(event).userId,
      contactId: event.pathParameters.userId,
    });
    return result.created ? created({ contact: result.contact }) : ok({ contact: result.contact });
  },
);

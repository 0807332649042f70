import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { setPreferences } from '../../domain/preferences.ts';
import { core } from '../../wiring/index.ts';
import { errorStatus } from './errors.ts';
import { ConversationPath, PreferencesBody } from './schemas.ts';

export const handler = httpHandler({ path: ConversationPath, body: PreferencesBody, errors: errorStatus }).handler(
  async (event) => {
    const conversation = await setPreferences(core(), {
      callerId: userIdOf(event),
      conversationId: event.pathParameters.id,
      ...event.body,
    });
    return ok({ conversation });
  },
);

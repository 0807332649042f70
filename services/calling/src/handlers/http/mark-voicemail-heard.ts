import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { markVoicemailHeard } from '../../domain/voicemails.ts';
import { voicemail } from '../../wiring/audio.ts';
import { errorStatus } from './errors.ts';
import { VoicemailPath } from './schemas.ts';

export const handler = httpHandler({ path: VoicemailPath, errors: errorStatus }).handler(async (event) =>
  ok({
    voicemail: await markVoicemailHeard(voicemail(), {
      userId: userIdOf(event),
      voicemailId: event.pathParameters.voicemailId,
    }),
  }),
);

import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { getVoicemail } from '../../domain/voicemails.ts';
import { voicemail } from '../../wiring/audio.ts';
import { errorStatus } from './errors.ts';
import { VoicemailPath } from './schemas.ts';

export const handler = httpHandler({ path: VoicemailPath, errors: errorStatus }).handler(async (event) =>
  ok(await getVoicemail(voicemail(), { userId: userIdOf(event), voicemailId: event.pathParameters.voicemailId })),
);

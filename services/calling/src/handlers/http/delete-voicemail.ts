import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, noContent } from '@parley/lambda/http';
import { deleteVoicemail } from '../../domain/voicemails.ts';
import { voicemail } from '../../wiring/audio.ts';
import { errorStatus } from './errors.ts';
import { VoicemailPath } from './schemas.ts';

export const handler = httpHandler({ path: VoicemailPath, errors: errorStatus }).handler(async (event) => {
  await deleteVoicemail(voicemail(), { userId: userIdOf(event), voicemailId: event.pathParameters.voicemailId });
  return noContent();
});

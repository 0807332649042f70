import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { listVoicemails } from '../../domain/voicemails.ts';
import { voicemail } from '../../wiring/audio.ts';
import { errorStatus } from './errors.ts';
import { ListVoicemailsQuery } from './schemas.ts';

export const handler = httpHandler({ query: ListVoicemailsQuery, errors: errorStatus }).handler(async (event) => {
  const { before, limit } = event.queryStringParameters;
  return ok(await listVoicemails(voicemail(), { userId: userIdOf(event), limit, ...(before ? { before } : {}) }));
});

import { authOf } from '@parley/lambda/auth-context';
import { created, httpHandler } from '@parley/lambda/http';
import { createAvatarUpload } from '../../domain/profile.ts';
import { AvatarUploadRequest } from '../../domain/profile-fields.ts';
import { profiles } from '../../wiring/avatars.ts';
import { errorStatus } from './errors.ts';

export const handler = httpHandler({ body: AvatarUploadRequest, errors: errorStatus }).handler(async (event) =>
  created(await createAvatarUpload(profiles(), { userId: authOf(event).userId, ...event.body })),
);

import { created, httpHandler } from '@parley/lambda/http';
import { identityErrors } from '../../domain/errors.ts';
import { createAvatarUpload } from '../../domain/profile.ts';
import { AvatarUploadRequest } from '../../domain/profile-fields.ts';
import { wiring } from '../../wiring.ts';
import { callerOf } from './request-helpers.ts';

export const handler = httpHandler({ body: AvatarUploadRequest, errors: identityErrors }).handler(async (event) =>
  created(await createAvatarUpload(wiring.profiles(), { userId: callerOf(event).userId, ...event.body })),
);

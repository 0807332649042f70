import { authOf } from '@parley/lambda/auth-context';
import { created, httpHandler } from '@parley/lambda/http';
import { identityErrors } from '../../domain/errors.ts';
import { createAvatarUpload } from '../../domain/profile.ts';
import { AvatarUploadRequest } from '../../domain/profile-fields.ts';
import { wiring } from '../../wiring.ts';

export const handler = httpHandler({ body: AvatarUploadRequest, errors: identityErrors }).handler(async (event) =>
  created(await createAvatarUpload(wiring.profiles(), { userId: authOf(event).userId, ...event.body })),
);

import { userIdOf } from '@parley/lambda/auth-context';
import { created, httpHandler } from '@parley/lambda/http';
import { createAttachmentUpload } from '../../domain/attachments.ts';
import { files } from '../../wiring/files.ts';
import { errorStatus } from './errors.ts';
import { withRetryAfter } from './retry-after.ts';
import { CreateAttachmentBody } from './schemas.ts';

export const handler = httpHandler({ body: CreateAttachmentBody, errors: errorStatus }).handler(async (event) => {
  const upload = await createAttachmentUpload(files(), { callerId: userIdOf(event), ...event.body }).catch(
    withRetryAfter,
  );
  return created(upload);
});

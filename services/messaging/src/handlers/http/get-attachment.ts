import { userIdOf } from '@parley/lambda/auth-context';
import { httpHandler, ok } from '@parley/lambda/http';
import { getAttachmentDownload } from '../../domain/attachments.ts';
import { files } from '../../wiring/files.ts';
import { errorStatus } from './errors.ts';
import { AttachmentPath } from './schemas.ts';

export const handler = httpHandler({ path: AttachmentPath, errors: errorStatus }).handler(async (event) => {
  const download = await getAttachmentDownload(files(), {
    callerId: userIdOf(event),
    attachmentId: event.pathParameters.attachmentId,
  });
  return ok(download);
});

import type { MessagingApi } from './messaging-api.ts';
import type { Attachment } from './model.ts';

/** Sends a file to a presigned URL with XMLHttpRequest, which (unlike fetch) reports upload progress. */
export function putWithProgress(
  url: string,
  file: Blob,
  contentType: string,
  onProgress: (fraction: number) => void,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    const all: Record<string, string> = { 'content-type': contentType, ...headers };
    for (const [name, value] of Object.entries(all)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(`upload ${xhr.status}`)));
    xhr.onerror = () => reject(new Error('upload failed'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** SHA-256 of the file in base64, as S3's `x-amz-checksum-sha256`: the upload URL is signed for it. */
export async function sha256Base64(file: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(await file.arrayBuffer())));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Asks messaging for a presigned URL (announcing the file's SHA-256), uploads the file there with
 * the headers the answer names and returns it as an attachment.
 */
export async function uploadAttachment(
  api: MessagingApi,
  conversationId: string,
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<Attachment> {
  const contentType = file.type || 'application/octet-stream';
  const { attachmentId, uploadUrl, uploadHeaders } = await api.createAttachment({
    conversationId,
    fileName: file.name,
    contentType,
    size: file.size,
    checksumSha256: await sha256Base64(file),
  });
  await putWithProgress(uploadUrl, file, contentType, onProgress, uploadHeaders, signal);
  onProgress(1);
  return {
    id: attachmentId,
    fileName: file.name,
    contentType,
    size: file.size,
    kind: contentType.startsWith('image/') ? 'image' : 'file',
  };
}

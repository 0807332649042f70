import type { ApiClient } from './api-client.ts';
import { type Profile, readProfile } from './model.ts';
import { putWithProgress } from './upload.ts';

/** What identity accepts as an avatar (`POST /identity/me/avatar`). */
export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
/** The side of the square the browser crops a photo to before uploading it. */
export const AVATAR_SIDE = 512;

export type AvatarProblem = 'wrong-type' | 'too-large';

/** Why a picked file cannot be an avatar, before anything is uploaded; undefined when it can. */
export function avatarProblem(file: Blob): AvatarProblem | undefined {
  if (!(AVATAR_TYPES as readonly string[]).includes(file.type)) return 'wrong-type';
  if (file.size > AVATAR_MAX_BYTES) return 'too-large';
  return undefined;
}

/**
 * The centre square of a photo, scaled to 512×512 and encoded as JPEG (what most avatars look best
 * as, and well under 2 MB). A browser that cannot decode or draw it gets the original file back.
 */
export async function cropToSquare(file: Blob): Promise<Blob> {
  try {
    const bitmap = await createImageBitmap(file);
    const side = Math.min(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = AVATAR_SIDE;
    canvas.height = AVATAR_SIDE;
    const context = canvas.getContext('2d');
    if (!context) return file;
    context.drawImage(
      bitmap,
      (bitmap.width - side) / 2,
      (bitmap.height - side) / 2,
      side,
      side,
      0,
      0,
      AVATAR_SIDE,
      AVATAR_SIDE,
    );
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
    return blob && blob.size <= AVATAR_MAX_BYTES ? blob : file;
  } catch {
    return file;
  }
}

interface AvatarUpload {
  avatarId: string;
  uploadUrl: string;
  headers?: Record<string, string>;
}

/**
 * My new avatar: asks identity for a presigned PUT (type and size announced), uploads the image there
 * with progress, then makes it my avatar (`PATCH /identity/me {avatarId}`); returns my saved profile.
 */
export async function uploadAvatar(
  api: ApiClient,
  image: Blob,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<Profile | undefined> {
  const contentType = image.type;
  const upload = await api.request<AvatarUpload>('POST', '/identity/me/avatar', {
    body: { contentType, size: image.size },
    signal,
  });
  await putWithProgress(upload.uploadUrl, image, contentType, onProgress, upload.headers ?? {}, signal);
  onProgress(1);
  return readProfile(await api.request<unknown>('PATCH', '/identity/me', { body: { avatarId: upload.avatarId } }));
}

/** Removes my avatar (`PATCH /identity/me {avatarId: null}`); returns my saved profile. */
export async function removeAvatar(api: ApiClient): Promise<Profile | undefined> {
  return readProfile(await api.request<unknown>('PATCH', '/identity/me', { body: { avatarId: null } }));
}

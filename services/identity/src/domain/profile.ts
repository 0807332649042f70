import { ProfileUpdated } from '@parley/events/identity';
import { AvatarNotUploaded, UserNotFound } from './errors.ts';
import type { Profile, PublicProfile, User } from './model.ts';
import type { AvatarStorage, Clock, DomainEvents, PendingDomainEvent, UserRepository } from './ports.ts';
import { AVATAR_MAX_BYTES, AVATAR_TYPES, type AvatarUploadRequest, type ProfileChanges } from './profile-fields.ts';
import { newId } from './secrets.ts';

export interface ProfileDeps {
  users: UserRepository;
  avatars: AvatarStorage;
  events: DomainEvents;
  clock: Clock;
}

const avatarKeyOf = (userId: string, avatarId: string) => `avatars/${userId}/${avatarId}`;

async function avatarUrl(avatars: AvatarStorage, user: User): Promise<{ avatarUrl?: string }> {
  return user.avatarKey ? { avatarUrl: await avatars.downloadUrl(user.avatarKey) } : {};
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** The owner's view of an account: everything but the password hash. */
export async function toProfile(avatars: AvatarStorage, user: User): Promise<Profile> {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    ...optional('statusMessage', user.statusMessage),
    ...optional('locale', user.locale),
    ...optional('timeZone', user.timeZone),
    ...optional('mobileNumber', user.mobileNumber),
    mobileVerified: isMobileVerified(user),
    emailVerified: user.emailVerified === true,
    ...(await avatarUrl(avatars, user)),
    roles: user.roles,
    createdAt: user.createdAt,
  };
}

/** Anyone's view of a user: no email, phone number, locale or roles (BOPLA, ASVS 8.2.3). */
export async function toPublicProfile(avatars: AvatarStorage, user: User): Promise<PublicProfile> {
  return {
    id: user.id,
    displayName: user.displayName,
    ...optional('statusMessage', user.statusMessage),
    ...optional('timeZone', user.timeZone),
    ...(await avatarUrl(avatars, user)),
  };
}

/** GET /me */
export async function getMe(deps: Pick<ProfileDeps, 'users' | 'avatars'>, input: { userId: string }): Promise<Profile> {
  const user = await deps.users.get(input.userId);
  if (!user) throw new UserNotFound();
  return toProfile(deps.avatars, user);
}

/** GET /users/{userId}: public fields only. */
export async function getUser(
  deps: Pick<ProfileDeps, 'users' | 'avatars'>,
  input: { userId: string },
): Promise<PublicProfile> {
  const user = await deps.users.get(input.userId);
  if (!user) throw new UserNotFound();
  return toPublicProfile(deps.avatars, user);
}

const isMobileVerified = (user: User) => user.mobileNumber !== undefined && user.mobileVerified === true;

/** identity.ProfileUpdated: the full resulting profile; an absent optional field means "none". */
export function profileUpdatedEvent(user: User, changed: string[]): PendingDomainEvent {
  return {
    event: ProfileUpdated,
    data: {
      userId: user.id,
      displayName: user.displayName,
      ...optional('statusMessage', user.statusMessage),
      ...optional('locale', user.locale),
      ...optional('timeZone', user.timeZone),
      ...optional('mobileNumber', user.mobileNumber),
      mobileVerified: isMobileVerified(user),
      changed,
    },
    options: { audience: [user.id] },
  };
}

const CLEARABLE = ['statusMessage', 'locale', 'timeZone', 'mobileNumber'] as const;

/**
 * PATCH /me: changes the caller's own profile (the user id comes from the token, never the body).
 * An `avatarId` must name an object the caller uploaded through POST /me/avatar, of an allowed type and size.
 * Publishes identity.ProfileUpdated with the full resulting profile. A changed `mobileNumber` is unverified
 * (Parley texts it only after POST /me/mobile/verification/confirm).
 */
export async function updateMe(
  deps: ProfileDeps,
  input: { userId: string; changes: ProfileChanges },
): Promise<Profile> {
  const previous = await deps.users.get(input.userId);
  if (!previous) throw new UserNotFound();
  const { changes } = input;
  const next: User = { ...previous, updatedAt: deps.clock.now().toISOString() };
  if (changes.displayName !== undefined) next.displayName = changes.displayName;
  for (const field of CLEARABLE) {
    const value = changes[field];
    if (value === null || value === '') delete next[field];
    else if (value !== undefined) next[field] = value;
  }
  // PATCH may set or clear the number but never verifies it: a new number is unverified until its code is confirmed.
  if (next.mobileNumber !== previous.mobileNumber) delete next.mobileVerified;
  if (changes.avatarId === null) delete next.avatarKey;
  else if (changes.avatarId !== undefined)
    next.avatarKey = await checkedAvatarKey(deps.avatars, input.userId, changes.avatarId);

  const changed = Object.keys(changes).map((k) => (k === 'avatarId' ? 'avatar' : k));
  await deps.users.save(next, previous);
  await deps.events.publishAll([profileUpdatedEvent(next, changed)]);
  return toProfile(deps.avatars, next);
}

async function checkedAvatarKey(avatars: AvatarStorage, userId: string, avatarId: string): Promise<string> {
  const key = avatarKeyOf(userId, avatarId);
  const object = await avatars.describe(key);
  if (!object) throw new AvatarNotUploaded('nothing was uploaded for this avatarId.');
  if (!AVATAR_TYPES.includes(object.contentType as (typeof AVATAR_TYPES)[number])) {
    throw new AvatarNotUploaded('the upload is not a PNG, JPEG or WebP image.');
  }
  if (object.size > AVATAR_MAX_BYTES) throw new AvatarNotUploaded('the upload is larger than 2 MB.');
  return key;
}

/**
 * POST /me/avatar: a presigned PUT for a new avatar object under the caller's own prefix. The client
 * uploads, then sets it with PATCH /me {avatarId}.
 */
export async function createAvatarUpload(
  deps: Pick<ProfileDeps, 'avatars'>,
  input: { userId: string } & AvatarUploadRequest,
): Promise<{ avatarId: string; uploadUrl: string; method: 'PUT'; headers: Record<string, string>; expiresIn: number }> {
  const avatarId = newId();
  const { url, expiresIn } = await deps.avatars.presignUpload({
    key: avatarKeyOf(input.userId, avatarId),
    contentType: input.contentType,
    size: input.size,
  });
  return { avatarId, uploadUrl: url, method: 'PUT', headers: { 'content-type': input.contentType }, expiresIn };
}

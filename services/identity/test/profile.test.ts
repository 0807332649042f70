import { describe, expect, it } from 'vitest';
import { register } from '../src/domain/accounts.ts';
import { AvatarNotUploaded, UserNotFound } from '../src/domain/errors.ts';
import { createAvatarUpload, getMe, getUser, updateMe } from '../src/domain/profile.ts';
import { ProfileChanges } from '../src/domain/profile-fields.ts';
import { testDeps } from './support/memory.ts';

async function twoUsers() {
  const deps = await testDeps();
  const alice = await register(deps, {
    email: 'alice@example.com',
    password: 'correct horse battery',
    displayName: 'Alice',
  });
  const bob = await register(deps, { email: 'bob@example.com', password: 'another good one', displayName: 'Bob' });
  return { deps, alice: alice.user, bob: bob.user };
}

describe('profiles', () => {
  it('GET /me shows my private fields; GET /users/{id} shows only public ones', async () => {
    const { deps, alice, bob } = await twoUsers();
    await updateMe(deps, {
      userId: alice.id,
      changes: ProfileChanges.parse({ mobileNumber: '+41 79 123 45 67', locale: 'de-ch', timeZone: 'europe/zurich' }),
    });
    expect(await getMe(deps, { userId: alice.id })).toMatchObject({
      email: 'alice@example.com',
      mobileNumber: '+41791234567',
      locale: 'de-CH',
      timeZone: 'Europe/Zurich',
      roles: ['admin', 'user'],
    });
    const seenByBob = await getUser(deps, { userId: alice.id });
    expect(Object.keys(seenByBob).sort()).toEqual(['displayName', 'id', 'timeZone']);
    expect(bob.id).not.toBe(alice.id);
  });

  it('given an unknown user id, then UserNotFound', async () => {
    const { deps } = await twoUsers();
    await expect(getUser(deps, { userId: 'nobody' })).rejects.toBeInstanceOf(UserNotFound);
  });

  it('PATCH /me changes only the caller, clears fields with null, and publishes the full profile', async () => {
    const { deps, alice, bob } = await twoUsers();
    await updateMe(deps, {
      userId: alice.id,
      changes: ProfileChanges.parse({ statusMessage: 'In Panamá', mobileNumber: '+50761234567' }),
    });
    const after = await updateMe(deps, {
      userId: alice.id,
      changes: ProfileChanges.parse({ displayName: 'Alice M.', statusMessage: null }),
    });
    expect(after).toMatchObject({ displayName: 'Alice M.', mobileNumber: '+50761234567' });
    expect(after).not.toHaveProperty('statusMessage');
    expect((await getMe(deps, { userId: bob.id })).displayName).toBe('Bob');
    const last = deps.events.ofType('identity.ProfileUpdated').at(-1);
    expect(last?.data).toEqual({
      userId: alice.id,
      displayName: 'Alice M.',
      mobileNumber: '+50761234567',
      mobileVerified: false,
      changed: ['displayName', 'statusMessage'],
    });
    expect(last?.options).toEqual({ audience: [alice.id] });
  });

  it('the directory follows a new display name', async () => {
    const { deps } = await twoUsers();
    const { user: carla } = await register(deps, {
      email: 'c3@example.com',
      password: 'a fine passphrase',
      displayName: 'Carla',
    });
    await updateMe(deps, { userId: carla.id, changes: ProfileChanges.parse({ displayName: 'Zoë Quinn' }) });
    const { searchUsers } = await import('../src/domain/search-users.ts');
    expect((await searchUsers(deps, { userId: carla.id, query: 'zoe', limit: 10 })).items.map((u) => u.id)).toEqual([
      carla.id,
    ]);
    expect((await searchUsers(deps, { userId: carla.id, query: 'QUI', limit: 10 })).items.map((u) => u.id)).toEqual([
      carla.id,
    ]);
    expect((await searchUsers(deps, { userId: carla.id, query: 'carla', limit: 10 })).items).toEqual([]);
  });
});

describe('avatars', () => {
  it('given an upload request, then a presigned PUT under my own prefix', async () => {
    const { deps, alice } = await twoUsers();
    const upload = await createAvatarUpload(deps, { userId: alice.id, contentType: 'image/png', size: 1000 });
    expect(upload.uploadUrl).toContain(`avatars/${alice.id}/${upload.avatarId}`);
    expect(upload.headers).toEqual({ 'content-type': 'image/png' });
  });

  it('given the object was uploaded, when set with PATCH /me, then the profile has an avatarUrl', async () => {
    const { deps, alice } = await twoUsers();
    const { avatarId } = await createAvatarUpload(deps, { userId: alice.id, contentType: 'image/webp', size: 2000 });
    deps.avatars.objects.set(`avatars/${alice.id}/${avatarId}`, { contentType: 'image/webp', size: 2000 });
    const me = await updateMe(deps, { userId: alice.id, changes: { avatarId } });
    expect(me.avatarUrl).toContain(`avatars/${alice.id}/${avatarId}`);
    expect((await getUser(deps, { userId: alice.id })).avatarUrl).toBe(me.avatarUrl);
  });

  it('refuses an avatarId with nothing uploaded, the wrong type, or over 2 MB; and another user’s upload', async () => {
    const { deps, alice, bob } = await twoUsers();
    const { avatarId } = await createAvatarUpload(deps, { userId: alice.id, contentType: 'image/png', size: 10 });
    await expect(updateMe(deps, { userId: alice.id, changes: { avatarId } })).rejects.toBeInstanceOf(AvatarNotUploaded);
    deps.avatars.objects.set(`avatars/${alice.id}/${avatarId}`, { contentType: 'text/html', size: 10 });
    await expect(updateMe(deps, { userId: alice.id, changes: { avatarId } })).rejects.toBeInstanceOf(AvatarNotUploaded);
    deps.avatars.objects.set(`avatars/${alice.id}/${avatarId}`, { contentType: 'image/png', size: 3 * 1024 * 1024 });
    await expect(updateMe(deps, { userId: alice.id, changes: { avatarId } })).rejects.toBeInstanceOf(AvatarNotUploaded);
    deps.avatars.objects.set(`avatars/${alice.id}/${avatarId}`, { contentType: 'image/png', size: 10 });
    await expect(updateMe(deps, { userId: bob.id, changes: { avatarId } })).rejects.toBeInstanceOf(AvatarNotUploaded);
  });
});

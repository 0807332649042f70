import { describe, expect, it } from 'vitest';
import { api, devstackUrl } from '../support/http.ts';
import { registerUser } from '../support/users.ts';

// BOLA / BOPLA (ASVS 8.2.2, 8.2.3): Bob's token against Alice's sessions, contacts and profile.

describe('identity BOLA', () => {
  it('Bob can neither see nor end Alice’s sessions', async () => {
    const call = api('identity');
    const [alice, bob] = await Promise.all([registerUser(devstackUrl()), registerUser(devstackUrl())]);
    const bobs = await call('GET', '/sessions', { token: bob.tokens.accessToken });
    expect(bobs.body.items.map((s: { id: string }) => s.id)).toEqual([bob.tokens.sessionId]);
    const del = await call('DELETE', `/sessions/${alice.tokens.sessionId}`, { token: bob.tokens.accessToken });
    expect(del.status).toBe(404);
    expect((await call('GET', `/auth/sessions/${alice.tokens.sessionId}/active`)).body).toEqual({ active: true });
  });

  it('Bob can neither read nor change Alice’s contacts', async () => {
    const call = api('identity');
    const [alice, bob, carol] = await Promise.all([
      registerUser(devstackUrl()),
      registerUser(devstackUrl()),
      registerUser(devstackUrl()),
    ]);
    await call('PUT', `/contacts/${carol.user.id}`, { token: alice.tokens.accessToken });
    expect((await call('GET', '/contacts', { token: bob.tokens.accessToken })).body.items).toEqual([]);
    expect((await call('DELETE', `/contacts/${carol.user.id}`, { token: bob.tokens.accessToken })).status).toBe(204);
    const alices = await call('GET', '/contacts', { token: alice.tokens.accessToken });
    expect(alices.body.items.map((c: { id: string }) => c.id)).toEqual([carol.user.id]);
  });

  it('Bob sees only Alice’s public fields and cannot change her profile or his own roles', async () => {
    const call = api('identity');
    const [alice, bob] = await Promise.all([registerUser(devstackUrl()), registerUser(devstackUrl())]);
    await call('PATCH', '/me', {
      token: alice.tokens.accessToken,
      body: { mobileNumber: '+6591234567', locale: 'en-SG' },
    });
    const seen = await call('GET', `/users/${alice.user.id}`, { token: bob.tokens.accessToken });
    expect(seen.status).toBe(200);
    expect(seen.body).not.toHaveProperty('email');
    expect(seen.body).not.toHaveProperty('mobileNumber');
    expect(seen.body).not.toHaveProperty('locale');
    expect(seen.body).not.toHaveProperty('roles');
    const found = await call('GET', `/users?q=${encodeURIComponent(alice.email)}`, { token: bob.tokens.accessToken });
    expect(JSON.stringify(found.body)).not.toContain('+6591234567');

    for (const body of [
      { id: alice.user.id, displayName: 'Hacked' },
      { userId: alice.user.id },
      { roles: ['admin'] },
    ]) {
      expect((await call('PATCH', '/me', { token: bob.tokens.accessToken, body })).status).toBe(400);
    }
    expect((await call('GET', '/me', { token: alice.tokens.accessToken })).body.displayName).toBe(
      alice.user.displayName,
    );
    expect((await call('GET', '/me', { token: bob.tokens.accessToken })).body.roles).toEqual(bob.user.roles);
  });

  it('an avatarId uploaded by Alice cannot be claimed by Bob', async () => {
    const call = api('identity');
    const [alice, bob] = await Promise.all([registerUser(devstackUrl()), registerUser(devstackUrl())]);
    const upload = await call('POST', '/me/avatar', {
      token: alice.tokens.accessToken,
      body: { contentType: 'image/png', size: 4 },
    });
    await fetch(upload.body.uploadUrl, {
      method: 'PUT',
      headers: { 'content-type': 'image/png' },
      body: Buffer.from('abcd'),
    });
    const claim = await call('PATCH', '/me', {
      token: bob.tokens.accessToken,
      body: { avatarId: upload.body.avatarId },
    });
    expect(claim.status).toBe(422);
  });
});

import { describe, expect, it } from 'vitest';
import { FakeServer } from '../test/fake-server.ts';
import { createApiClient } from './api-client.ts';
import { authApi } from './auth-api.ts';
import { OFFLINE_PROFILE_KEY } from './pwa-offline-profile.ts';
import { REFRESH_TOKEN_KEY, SessionStore } from './session-store.ts';

function session(server: FakeServer) {
  return new SessionStore({
    auth: authApi(createApiClient({ baseUrl: '/api', fetch: server.fetch })),
    storage: localStorage,
  });
}

describe('a reload while offline', () => {
  it('given Ada signed in before, then the app opens as Ada on what is cached, and renews later', async () => {
    // Given Ada signed in on this browser earlier
    const server = new FakeServer();
    const ada = server.addUser('Ada');
    localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(ada.id));
    const first = session(server);
    await first.restore();
    first.dispose();

    // When the page reloads with no network
    server.failNext = 1;
    const store = session(server);
    await store.restore();

    // Then she is signed in from the kept profile, and her token is still there for later
    const state = store.state.get();
    expect(state.status === 'signed-in' && state.user.id).toBe(ada.id);
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).not.toBeNull();
    // and once the network is back, a token comes
    expect(await store.accessToken()).toBeTruthy();
    store.dispose();
  });

  it('given a sign-out, then the kept profile goes with the token: offline shows "unreachable" again', async () => {
    const server = new FakeServer();
    const ada = server.addUser('Ada');
    localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(ada.id));
    const store = session(server);
    await store.restore();
    expect(localStorage.getItem(OFFLINE_PROFILE_KEY)).toContain(ada.id);

    await store.logout();

    expect(localStorage.getItem(OFFLINE_PROFILE_KEY)).toBeNull();
    localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(ada.id));
    server.failNext = 1;
    const next = session(server);
    await next.restore();
    expect(next.state.get().status).toBe('unreachable');
  });
});

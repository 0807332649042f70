import { describe, expect, it } from 'vitest';
import { FakeServer } from '../test/fake-server.ts';
import { createApiClient } from './api-client.ts';
import { authApi } from './auth-api.ts';
import { REFRESH_TOKEN_KEY, SessionStore } from './session-store.ts';

function session(server: FakeServer) {
  const store = new SessionStore({
    auth: authApi(createApiClient({ baseUrl: '/api', fetch: server.fetch })),
    storage: localStorage,
  });
  const api = createApiClient({ baseUrl: '/api', fetch: server.fetch, tokens: store });
  return { store, api };
}

describe('session store', () => {
  it('stays signed in across a reload with the stored refresh token, rotating it', async () => {
    // Given Ada signed in earlier on this browser
    const server = new FakeServer();
    const ada = server.addUser('Ada');
    const old = server.sessionFor(ada.id);
    localStorage.setItem(REFRESH_TOKEN_KEY, old);

    // When the page loads
    const { store } = session(server);
    await store.restore();

    // Then she is signed in, and the stored refresh token was exchanged for a new one
    const state = store.state.get();
    expect(state.status === 'signed-in' && state.user.displayName).toBe('Ada');
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).not.toBe(old);
    expect(server.refreshTokens.has(old)).toBe(false);
    store.dispose();
  });

  it('renews once and retries when a request is refused with 401', async () => {
    // Given a signed-in session whose access token the server no longer accepts
    const server = new FakeServer();
    const ada = server.addUser('Ada');
    localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(ada.id));
    const { store } = session(server);
    await store.restore();
    const realUser = server.users.get(ada.id);
    server.users.delete(ada.id);
    let refused = 0;
    const original = server.fetch;
    const flaky: typeof fetch = async (input, init) => {
      const response = await original(input, init);
      if (String(input).endsWith('/identity/me') && refused++ === 0 && realUser) server.users.set(ada.id, realUser);
      return response;
    };
    const retrying = createApiClient({ baseUrl: '/api', fetch: flaky, tokens: store });

    // When a request is refused once
    const me = await retrying.request<{ displayName: string }>('GET', '/identity/me');

    // Then the client renewed its token and the retry succeeded
    expect(me.displayName).toBe('Ada');
    expect(server.calls.filter((c) => c.path === '/identity/auth/refresh')).toHaveLength(2);
    store.dispose();
  });

  it('treats API Gateway’s authorizer 403 like a 401: renews and retries; a 403 in the API’s own shape is not renewed', async () => {
    // Given a signed-in session, and a gateway that refuses the first request with its own 403 body
    const server = new FakeServer();
    const ada = server.addUser('Ada');
    localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(ada.id));
    const { store } = session(server);
    await store.restore();
    let gateway = 1;
    const behindGateway: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/identity/me') && gateway-- > 0)
        return new Response(JSON.stringify({ message: 'Forbidden' }), { status: 403 });
      if (String(input).endsWith('/identity/admin-only'))
        return new Response(JSON.stringify({ error: { code: 'forbidden', message: 'Admins only.' } }), { status: 403 });
      return server.fetch(input, init);
    };
    const api = createApiClient({ baseUrl: '/api', fetch: behindGateway, tokens: store });
    const refreshes = () => server.calls.filter((c) => c.path === '/identity/auth/refresh').length;
    const before = refreshes();

    // When a request meets the gateway's 403, then the token is renewed and the retry succeeds
    expect((await api.request<{ displayName: string }>('GET', '/identity/me')).displayName).toBe('Ada');
    expect(refreshes()).toBe(before + 1);
    // and a 403 the API itself answered is the answer, with no renewal
    await expect(api.request('GET', '/identity/admin-only')).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    expect(refreshes()).toBe(before + 1);
    store.dispose();
  });

  it('signs out cleanly when the gateway keeps refusing and the refresh token is refused too (a revoked session)', async () => {
    const server = new FakeServer();
    const ada = server.addUser('Ada');
    localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(ada.id));
    const { store } = session(server);
    await store.restore();
    // the session was revoked elsewhere: its refresh token is refused, its access token is refused at the gateway
    server.refreshTokens.clear();
    const revoked: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/identity/me'))
        return new Response(JSON.stringify({ message: 'Forbidden' }), { status: 403 });
      return server.fetch(input, init);
    };
    const api = createApiClient({ baseUrl: '/api', fetch: revoked, tokens: store });

    await expect(api.request('GET', '/identity/me')).rejects.toMatchObject({ status: 403 });

    expect(store.state.get()).toEqual({ status: 'signed-out', notice: 'expired' });
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });

  it('given a revoked session, when the WebSocket asks for a check, then it signs out with the expired notice; a live session stays', async () => {
    const server = new FakeServer();
    const ada = server.addUser('Ada');
    localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(ada.id));
    const { store } = session(server);
    await store.restore();

    await store.verify();
    expect(store.state.get().status).toBe('signed-in');

    server.refreshTokens.clear(); // revoked elsewhere
    await store.verify();
    expect(store.state.get()).toEqual({ status: 'signed-out', notice: 'expired' });
  });

  it('signs out and forgets the token when the refresh token is refused', async () => {
    // Given a stored refresh token the server revoked
    const server = new FakeServer();
    localStorage.setItem(REFRESH_TOKEN_KEY, 'rt-revoked');

    // When the page loads
    const { store } = session(server);
    await store.restore();

    // Then the user is asked to sign in again, and the token is gone
    expect(store.state.get()).toEqual({ status: 'signed-out', notice: 'expired' });
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });

  it('keeps the token when the server cannot be reached, to try again later', async () => {
    // Given a stored refresh token and no network
    const server = new FakeServer();
    const ada = server.addUser('Ada');
    const token = server.sessionFor(ada.id);
    localStorage.setItem(REFRESH_TOKEN_KEY, token);
    server.failNext = 1;

    // When the page loads
    const { store } = session(server);
    await store.restore();

    // Then it says it cannot reach Parley, and the token is still there
    expect(store.state.get().status).toBe('unreachable');
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBe(token);
  });

  it('logs out on the server and locally', async () => {
    // Given a signed-in user
    const server = new FakeServer();
    const { store } = session(server);
    await store.register({ email: 'ada@example.com', password: 'long enough', displayName: 'Ada' });
    const token = localStorage.getItem(REFRESH_TOKEN_KEY) ?? '';

    // When she signs out
    await store.logout();

    // Then the server forgot the refresh token and so did the browser
    expect(server.refreshTokens.has(token)).toBe(false);
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
    expect(store.state.get().status).toBe('signed-out');
  });
});

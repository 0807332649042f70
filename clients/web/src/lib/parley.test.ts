import { waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeServer } from '../test/fake-server.ts';
import { FakeSocket } from '../test/fake-socket.ts';
import { Parley } from './parley.ts';
import { REFRESH_TOKEN_KEY } from './session-store.ts';

// The workspace (every store and the realtime link) is a chunk of its own, imported once someone is
// signed in: what happens while that import is on its way.

function parleyOn(server: FakeServer) {
  return new Parley({ fetch: server.fetch, wsBase: 'ws://parley.test/ws', createSocket: (url) => new FakeSocket(url) });
}

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
  localStorage.clear();
  FakeSocket.all = [];
});

describe('the signed-in workspace, loaded behind import()', () => {
  it('given a stored session, then the workspace opens as that person and connects its socket', async () => {
    const server = new FakeServer();
    const ada = server.addUser('Ada');
    localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(ada.id));
    const parley = parleyOn(server);

    stop = parley.start();

    await waitFor(() => expect(parley.workspace.get()?.me.id).toBe(ada.id));
    expect(FakeSocket.all).toHaveLength(1);
    expect(parley.workspace.get()?.conversations).toBeDefined();
  });

  it('given a sign-out while the workspace’s code is on its way, then no workspace opens and no socket connects', async () => {
    const server = new FakeServer();
    const ada = server.addUser('Ada');
    localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(ada.id));
    const parley = parleyOn(server);
    let signedInSeen = false;
    // the moment the session is signed in (Parley has just started opening), the person signs out
    parley.session.state.subscribe(() => {
      if (parley.session.state.get().status === 'signed-in' && !signedInSeen) {
        signedInSeen = true;
        void parley.session.logout();
      }
    });

    stop = parley.start();
    await waitFor(() => expect(signedInSeen).toBe(true));
    // by now the chunk has certainly arrived: opening it was dropped
    await import('./workspace.ts');
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(parley.session.state.get().status).toBe('signed-out');
    expect(parley.workspace.get()).toBeUndefined();
    expect(FakeSocket.all).toEqual([]);
  });

  it('given someone else signs in while the first workspace is loading, then only theirs opens', async () => {
    const server = new FakeServer();
    const ada = server.addUser('Ada');
    server.addUser('Bob', 'bob@example.com');
    localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(ada.id));
    const parley = parleyOn(server);
    let switched = false;
    parley.session.state.subscribe(() => {
      const state = parley.session.state.get();
      if (state.status === 'signed-in' && state.user.id === ada.id && !switched) {
        switched = true;
        void parley.session
          .logout()
          .then(() => parley.session.login({ email: 'bob@example.com', password: 'correct horse' }));
      }
    });

    stop = parley.start();

    await waitFor(() => expect(parley.workspace.get()?.me.displayName).toBe('Bob'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(parley.workspace.get()?.me.displayName).toBe('Bob');
    expect(FakeSocket.all).toHaveLength(1);
  });
});

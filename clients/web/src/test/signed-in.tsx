import type { ServerFrame } from '@parley/realtime/frames';
import { act, render, waitFor } from '@testing-library/react';
import { expect } from 'vitest';
import { App } from '../app.tsx';
import { Parley } from '../lib/parley.ts';
import { REFRESH_TOKEN_KEY } from '../lib/session-store.ts';
import { fakeMediaFactory } from './fake-media.ts';
import type { FakeServer } from './fake-server.ts';
import { FakeSocket } from './fake-socket.ts';

/** The whole client signed in as `userId` on the fake server at `hash`, its socket open; `push` delivers a frame. */
export async function signedIn(server: FakeServer, userId: string, hash = '#/') {
  FakeSocket.all = [];
  const media = fakeMediaFactory();
  localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(userId));
  window.location.hash = hash;
  const parley = new Parley({
    fetch: server.fetch,
    wsBase: 'ws://parley.test/ws',
    createSocket: (url) => new FakeSocket(url),
    createMedia: media.createMedia,
  });
  render(<App parley={parley} />);
  await waitFor(() => expect(FakeSocket.all.length).toBeGreaterThan(0));
  await act(async () => FakeSocket.latest().open());
  const push = (frame: ServerFrame) => act(async () => FakeSocket.latest().push(frame));
  return { parley, media, push };
}

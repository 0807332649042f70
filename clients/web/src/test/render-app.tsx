import { render } from '@testing-library/react';
import { App } from '../app.tsx';
import { Parley } from '../lib/parley.ts';
import type { FakeServer } from './fake-server.ts';
import { FakeSocket } from './fake-socket.ts';

/** The whole client against a fake server, its WebSocket a `FakeSocket` the test drives; orders are polled quickly. */
export function renderApp(server: FakeServer): Parley {
  const parley = new Parley({
    fetch: server.fetch,
    wsBase: 'ws://parley.test/ws',
    createSocket: (url) => new FakeSocket(url),
    orderPollMs: 20,
  });
  render(<App parley={parley} />);
  return parley;
}

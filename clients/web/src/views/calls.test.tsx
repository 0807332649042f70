import type { ServerFrame } from '@parley/realtime/frames';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../app.tsx';
import { setLocale } from '../lib/i18n.ts';
import { Parley } from '../lib/parley.ts';
import { REFRESH_TOKEN_KEY } from '../lib/session-store.ts';
import { fakeMediaFactory } from '../test/fake-media.ts';
import { FakeServer } from '../test/fake-server.ts';
import { FakeSocket } from '../test/fake-socket.ts';

/** Bob signed in on the fake server, with Ada around to call him. */
async function bobSignedIn(hash = '#/') {
  const server = new FakeServer();
  const ada = server.addUser('Ada Lovelace');
  const bob = server.addUser('Bob Marley');
  const media = fakeMediaFactory();
  localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(bob.id));
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
  return { server, ada, bob, media, push };
}

describe('calls in the web client', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    setLocale('en');
  });

  it('rings with the caller’s name and stops when declined', async () => {
    // Given Bob in his chats, and Ada calling him
    const { server, ada, bob, push } = await bobSignedIn();
    const call = server.calling.place(ada.id, bob.id, 'video');

    // When the ring arrives
    await push(server.calling.ringingFrame(call));

    // Then a ringing panel says who is calling, with the three choices
    const panel = await screen.findByRole('alertdialog');
    expect(within(panel).getByText('Incoming video call')).toBeTruthy();
    expect(within(panel).getByTestId('ringing-name').textContent).toBe('Ada Lovelace is calling…');
    expect(within(panel).getByRole('button', { name: 'Answer' })).toBeTruthy();
    expect(within(panel).getByRole('button', { name: 'Answer with video' })).toBeTruthy();

    // When he declines
    fireEvent.click(within(panel).getByRole('button', { name: 'Decline' }));

    // Then it stops ringing and the server knows
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    await waitFor(() => expect(server.calling.calls.get(call.id)?.endReason).toBe('declined'));
  });

  it('stops ringing when another of my devices answered', async () => {
    // Given a ring on Bob's screen
    const { server, ada, bob, push } = await bobSignedIn();
    const call = server.calling.place(ada.id, bob.id);
    await push(server.calling.ringingFrame(call));
    await screen.findByRole('alertdialog');

    // When his phone answers it
    await push(server.calling.answeredFrame(call));

    // Then the panel goes away and no call screen opens here
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(screen.queryByTestId('call-screen')).toBeNull();
  });

  it('answers with video into the call screen, shows the other side muted, and ends with the reason', async () => {
    // Given a ring from Ada
    const { server, ada, bob, media, push } = await bobSignedIn();
    const call = server.calling.place(ada.id, bob.id);
    await push(server.calling.ringingFrame(call));

    // When Bob answers with video
    fireEvent.click(await screen.findByRole('button', { name: 'Answer with video' }));

    // Then the call screen shows Ada and the controls, the camera on
    const callScreen = await screen.findByTestId('call-screen');
    expect(within(callScreen).getByRole('heading', { name: 'Ada Lovelace' })).toBeTruthy();
    await waitFor(() => expect(media.built[0]?.joined).toEqual({ audio: true, video: true }));
    expect(within(callScreen).getByRole('button', { name: 'Turn camera off' })).toBeTruthy();
    expect(within(callScreen).getByTestId('call-quality').textContent).toContain('Good connection');

    // When Ada mutes herself
    act(() => media.built[0]?.patch({ remoteMuted: true }));

    // Then Bob sees it
    expect(within(callScreen).getByTestId('remote-muted').textContent).toBe('Ada Lovelace is muted');

    // When Bob mutes himself
    fireEvent.click(within(callScreen).getByRole('button', { name: 'Mute' }));
    expect(within(callScreen).getByRole('button', { name: 'Unmute' }).getAttribute('aria-pressed')).toBe('true');

    // And Ada hangs up after 3:12
    server.calling.end(call, 'completed', 192);
    await push(server.calling.endedFrame(call));

    // Then the screen says how it ended and can be closed
    await waitFor(() => expect(screen.getByTestId('call-status').textContent).toBe('Call ended · 3:12'));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByTestId('call-screen')).toBeNull();
  });

  it('calls from a direct chat’s header and cancels while it rings', async () => {
    // Given Bob in his chat with Ada
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    const bob = server.addUser('Bob Marley');
    const chat = server.addConversation([ada.id, bob.id]);
    const media = fakeMediaFactory();
    localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(bob.id));
    window.location.hash = `#/c/${chat.id}`;
    render(
      <App
        parley={
          new Parley({
            fetch: server.fetch,
            wsBase: 'ws://parley.test/ws',
            createSocket: (url) => new FakeSocket(url),
            createMedia: media.createMedia,
          })
        }
      />,
    );

    // When he presses the audio call button
    fireEvent.click(await screen.findByRole('button', { name: 'Call Ada Lovelace' }));

    // Then it is calling Ada
    await waitFor(() => expect(screen.getByTestId('call-status').textContent).toBe('Calling Ada Lovelace…'));
    const placed = [...server.calling.calls.values()][0];
    expect(placed).toMatchObject({ callerId: bob.id, calleeId: ada.id, media: 'audio', state: 'ringing' });

    // When he cancels
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));

    // Then the call is cancelled
    await waitFor(() => expect(screen.getByTestId('call-status').textContent).toBe('Call cancelled'));
    expect(placed?.endReason).toBe('cancelled');
  });
});

describe('the Calls view', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    setLocale('en');
  });

  it('lists calls with missed ones in red and a badge, marks them seen, and calls back in one click', async () => {
    // Given Bob with a missed call from Ada and a completed one to her
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    const bob = server.addUser('Bob Marley');
    server.calling.end(server.calling.place(bob.id, ada.id), 'completed', 65);
    server.calling.end(server.calling.place(ada.id, bob.id), 'missed');
    const media = fakeMediaFactory();
    localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(bob.id));
    window.location.hash = '#/';
    render(
      <App
        parley={
          new Parley({
            fetch: server.fetch,
            createSocket: (url) => new FakeSocket(url),
            wsBase: 'ws://parley.test/ws',
            createMedia: media.createMedia,
          })
        }
      />,
    );

    // Then the Calls item shows one unseen missed call
    expect((await screen.findAllByTestId('missed-calls-badge'))[0]?.textContent).toBe('1');

    // When he opens Calls
    fireEvent.click(screen.getByTestId('nav-calls'));

    // Then the log lists both, newest first, the missed one marked, and the badge is gone
    const rows = await screen.findAllByTestId('call-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.dataset.missed).toBe('true');
    expect(rows[0]?.textContent).toContain('Missed');
    expect(rows[1]?.textContent).toContain('Outgoing · 1:05');
    await waitFor(() => expect(screen.queryByTestId('missed-calls-badge')).toBeNull());
    expect(server.calls.some((c) => c.method === 'POST' && c.path === '/calling/calls/seen')).toBe(true);

    // When he calls Ada back from the missed call
    fireEvent.click(within(rows[0] as HTMLElement).getByRole('button', { name: 'Call Ada Lovelace' }));

    // Then a call to Ada is placed
    await waitFor(() => expect(screen.getByTestId('call-status').textContent).toBe('Calling Ada Lovelace…'));
  });

  it('says when the log could not load, and retries into an empty log', async () => {
    // Given Bob on the Calls view while the calling service fails
    const server = new FakeServer();
    const bob = server.addUser('Bob Marley');
    server.calling.failList = true;
    localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(bob.id));
    window.location.hash = '#/calls';
    render(
      <App
        parley={
          new Parley({ fetch: server.fetch, createSocket: (url) => new FakeSocket(url), wsBase: 'ws://parley.test/ws' })
        }
      />,
    );

    // Then it says so, with a way to try again
    expect((await screen.findByRole('alert')).textContent).toContain('Your calls could not be loaded.');

    // When the service is back and he retries
    server.calling.failList = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));

    // Then the log is empty, and says how to make a call
    expect(await screen.findByText('No calls yet.')).toBeTruthy();
    expect(screen.getByText('Call someone from a chat or from People.')).toBeTruthy();
  });
});

import { act, configure, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '../lib/i18n.ts';
import { REFRESH_TOKEN_KEY } from '../lib/session-store.ts';
import { FakeServer } from '../test/fake-server.ts';
import { FakeSocket } from '../test/fake-socket.ts';
import { signedIn } from '../test/signed-in.tsx';

// Two cores shared by many test runs: give the fake backend's round trips (and one reconnect) time.
configure({ asyncUtilTimeout: 5_000 });

describe('a session revoked elsewhere', { timeout: 20_000 }, () => {
  beforeEach(() => setLocale('en'));

  it('goes back to the sign-in screen, saying the session ended', async () => {
    // Given Ada signed in, her chat list showing
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    const bob = server.addUser('Bob Marley');
    server.addConversation([ada.id, bob.id]);
    await signedIn(server, ada.id, '#/');
    await screen.findByTestId('conversation-row');
    expect(screen.queryByText('Your session ended. Please sign in again.')).toBeNull();

    // When she signs this device out from another one (its refresh token revoked), and the
    // WebSocket's handshake is then refused: dropped, and the next socket closed before it opened
    server.refreshTokens.clear();
    const before = FakeSocket.all.length;
    await act(async () => FakeSocket.latest().drop());
    await waitFor(() => expect(FakeSocket.all.length).toBe(before + 1));
    await act(async () => FakeSocket.latest().drop());

    // Then the client checks the session, is refused, and shows the sign-in screen with the notice
    expect(await screen.findByText('Your session ended. Please sign in again.')).toBeTruthy();
    expect(screen.getByLabelText('Email')).toBeTruthy();
    expect(screen.getByLabelText('Password')).toBeTruthy();
    expect(screen.queryByTestId('conversation-row')).toBeNull();
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });
});

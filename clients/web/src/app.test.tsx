import { ConversationRead } from '@parley/events/messaging';
import type { ServerFrame } from '@parley/realtime/frames';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from './app.tsx';
import { setLocale } from './lib/i18n.ts';
import { Parley } from './lib/parley.ts';
import { REFRESH_TOKEN_KEY } from './lib/session-store.ts';
import { eventFrame, FakeServer, typingFrame } from './test/fake-server.ts';
import { FakeSocket } from './test/fake-socket.ts';

function renderApp(server: FakeServer) {
  const parley = new Parley({
    fetch: server.fetch,
    wsBase: 'ws://parley.test/ws',
    createSocket: (url) => new FakeSocket(url),
  });
  render(<App parley={parley} />);
  return parley;
}

describe('the web client', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    setLocale('en');
    window.location.hash = '#/';
  });

  it('creates an account, showing the API’s field errors on the way', async () => {
    // Given the sign-in screen
    const server = new FakeServer();
    renderApp(server);
    fireEvent.click(await screen.findByRole('button', { name: 'Create account' }));

    // When Ada submits a short password
    fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'Ada Lovelace' } });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ada@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'short' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Create account' })[0] as HTMLElement);

    // Then she reads what is wrong, next to the field
    expect(await screen.findByText('Too short: at least 8 characters')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Please check the highlighted fields.');

    // When she fixes it
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'a long passphrase' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Create account' })[0] as HTMLElement);

    // Then she lands in her (empty) chats, and the refresh token is kept for the next visit
    expect(await screen.findByText('No conversations yet.')).toBeTruthy();
    expect(localStorage.getItem(REFRESH_TOKEN_KEY)).toMatch(/^rt-/);
  });

  it('says clearly when the credentials are wrong', async () => {
    // Given a registered user
    const server = new FakeServer();
    server.addUser('Ada', 'ada@example.com');
    renderApp(server);

    // When she types the wrong password
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'ada@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    // Then she is told so
    expect((await screen.findByRole('alert')).textContent).toBe('That email and password do not match.');
  });

  it('shows a conversation live: history, sending, typing and read receipts', async () => {
    // Given Ada, signed in before, with a chat with Bob
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    const bob = server.addUser('Bob Marley');
    const chat = server.addConversation([ada.id, bob.id]);
    server.post(chat.id, bob.id, 'Morning from Panama!');
    localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(ada.id));
    window.location.hash = `#/c/${chat.id}`;
    renderApp(server);

    // When the chat opens
    const list = await screen.findByTestId('messages');
    expect(await within(list).findByText('Morning from Panama!')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('chat-title').textContent).toBe('Bob Marley'));
    await act(async () => FakeSocket.latest().open());

    // And Ada sends a reply with Enter
    const composer = screen.getByTestId('composer');
    fireEvent.change(composer, { target: { value: 'Good morning from Zurich' } });
    fireEvent.keyDown(composer, { key: 'Enter' });
    expect(await within(list).findByText('Good morning from Zurich')).toBeTruthy();

    // Then it reached the server once, and her typing was announced
    await waitFor(() => expect(server.conversations.get(chat.id)?.messages).toHaveLength(2));
    expect(FakeSocket.latest().sent).toContainEqual({ action: 'typing', conversationId: chat.id });

    // When Bob types and then reads her message
    const push = (frame: ServerFrame) => act(async () => FakeSocket.latest().push(frame));
    await push(typingFrame({ conversationId: chat.id, userId: bob.id }));
    expect((await screen.findByTestId('typing-indicator')).textContent).toContain('Bob Marley is typing…');
    await push(
      eventFrame(ConversationRead, {
        conversationId: chat.id,
        userId: bob.id,
        seq: 2,
        readAt: new Date().toISOString(),
      }),
    );

    // Then Ada sees the receipt under her message
    expect((await screen.findByTestId('read-receipt')).textContent).toBe('Seen');
  });

  it('keeps what I write next while the message before it is still on its way', async () => {
    // Given Ada in a chat with Bob, on a network where her first send takes a while to answer
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    const bob = server.addUser('Bob Marley');
    const chat = server.addConversation([ada.id, bob.id]);
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const direct = server.fetch;
    let posts = 0;
    server.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await direct(input, init);
      if (init?.method === 'POST' && String(input).endsWith('/messages') && posts++ === 0) await answered;
      return response;
    }) as typeof fetch;
    localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(ada.id));
    window.location.hash = `#/c/${chat.id}`;
    renderApp(server);
    const list = await screen.findByTestId('messages');
    await waitFor(() => expect(screen.getByTestId('chat-title').textContent).toBe('Bob Marley'));

    // When she sends one message, starts the next before the first is answered, and then it is
    const composer = screen.getByTestId('composer') as HTMLTextAreaElement;
    fireEvent.change(composer, { target: { value: 'first' } });
    fireEvent.keyDown(composer, { key: 'Enter' });
    expect(await within(list).findByText('first')).toBeTruthy();
    fireEvent.change(composer, { target: { value: 'second, written meanwhile' } });
    await act(async () => answer());
    await waitFor(() => expect(server.conversations.get(chat.id)?.messages).toHaveLength(1));

    // Then what she is writing is still in the box, and Enter sends it after the first
    expect(composer.value).toBe('second, written meanwhile');
    fireEvent.keyDown(composer, { key: 'Enter' });
    await waitFor(() =>
      expect(server.conversations.get(chat.id)?.messages.map((m) => m.text)).toEqual([
        'first',
        'second, written meanwhile',
      ]),
    );
    expect(composer.value).toBe('');
  });

  it('shows Settings from the stores: sessions, SMS switches and a profile save', async () => {
    // Given Ada, signed in before, with a second session and missed-call texts on
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    server.addSession(ada.id, 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.1; rv:133.0) Gecko/20100101 Firefox/133.0');
    server.preferences.set(ada.id, { smsOnMissedCall: true });
    localStorage.setItem(REFRESH_TOKEN_KEY, server.sessionFor(ada.id));
    window.location.hash = '#/settings';
    renderApp(server);

    // When Settings opens
    const row = await screen.findByTestId('session-row');
    const missedCalls = await screen.findByRole('switch', { name: 'SMS when I miss a call' });

    // Then her other session and her preference show
    expect(row.textContent).toContain('Firefox · macOS');
    expect(missedCalls.getAttribute('aria-checked')).toBe('true');

    // When she revokes that session, turns on voicemail texts and saves a status
    fireEvent.click(within(row).getByRole('button', { name: 'Revoke' }));
    fireEvent.click(screen.getByRole('switch', { name: 'SMS when someone leaves a voicemail' }));
    fireEvent.change(screen.getByLabelText('Status message'), { target: { value: 'In Panama this week' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    // Then each reached the server, and the screen says so
    expect(await screen.findByText('Saved.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId('session-row')).toBeNull());
    expect(server.sessions).toEqual([]);
    expect(server.preferences.get(ada.id)).toEqual({ smsOnMissedCall: true, smsOnVoicemail: true });
    expect(server.users.get(ada.id)?.statusMessage).toBe('In Panama this week');
  });

  it('speaks Spanish when asked to', async () => {
    // Given Spanish is chosen
    setLocale('es');

    // When the sign-in screen shows
    renderApp(new FakeServer());

    // Then it is in Spanish, and the document says so
    expect(await screen.findByRole('button', { name: 'Iniciar sesión' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('es');
  });
});

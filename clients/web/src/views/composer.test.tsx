import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '../lib/i18n.ts';
import { FakeServer } from '../test/fake-server.ts';
import { signedIn } from '../test/signed-in.tsx';

async function openChat(conversationId: string, title: string) {
  await act(async () => {
    window.location.hash = `#/c/${conversationId}`;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
  await waitFor(() => expect(screen.getByTestId('chat-title').textContent).toBe(title));
  return screen.getByTestId('composer') as HTMLTextAreaElement;
}

describe('composer drafts', () => {
  beforeEach(() => setLocale('en'));

  it('keeps what I wrote per conversation when I switch chats and reload, and forgets it once sent', async () => {
    // Given Ada with a chat with Bob and one with Cy
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    const bob = server.addUser('Bob Marley');
    const cy = server.addUser('Cy Twombly');
    const withBob = server.addConversation([ada.id, bob.id]);
    const withCy = server.addConversation([ada.id, cy.id]);
    await signedIn(server, ada.id, '#/');

    // When she starts a message to Bob, then opens Cy's chat and writes there too
    let composer = await openChat(withBob.id, 'Bob Marley');
    fireEvent.change(composer, { target: { value: 'Half a thought for Bob' } });
    composer = await openChat(withCy.id, 'Cy Twombly');

    // Then Cy's box is empty (Bob's words stay with Bob)
    expect(composer.value).toBe('');
    fireEvent.change(composer, { target: { value: 'And one for Cy' } });

    // And back in Bob's chat, her words are there
    composer = await openChat(withBob.id, 'Bob Marley');
    expect(composer.value).toBe('Half a thought for Bob');

    // When the page reloads
    cleanup();
    await signedIn(server, ada.id, `#/c/${withBob.id}`);
    await waitFor(() => expect(screen.getByTestId('chat-title').textContent).toBe('Bob Marley'));

    // Then both drafts are still there, each in its chat
    composer = screen.getByTestId('composer') as HTMLTextAreaElement;
    expect(composer.value).toBe('Half a thought for Bob');

    // When she sends Bob's
    fireEvent.keyDown(composer, { key: 'Enter' });
    await waitFor(() => expect(server.conversations.get(withBob.id)?.messages).toHaveLength(1));
    expect(within(screen.getByTestId('messages')).getByText('Half a thought for Bob')).toBeTruthy();

    // Then Bob's box is empty, also after another reload, and Cy's draft is untouched
    expect(composer.value).toBe('');
    cleanup();
    await signedIn(server, ada.id, `#/c/${withBob.id}`);
    await waitFor(() => expect(screen.getByTestId('chat-title').textContent).toBe('Bob Marley'));
    expect((screen.getByTestId('composer') as HTMLTextAreaElement).value).toBe('');
    expect((await openChat(withCy.id, 'Cy Twombly')).value).toBe('And one for Cy');
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { error, json } from '../test/fake-http.ts';
import { FakeServer } from '../test/fake-server.ts';
import { signedIn } from '../test/signed-in.tsx';

/** The fake API with `GET /messaging/search` answered by `answer` (it records each query). */
function withSearch(server: FakeServer, answer: (q: URLSearchParams) => Response) {
  const base = server.fetch;
  const asked: URLSearchParams[] = [];
  server.fetch = async (input, init) => {
    const url = new URL(String(input), 'http://parley.test');
    if (url.pathname === '/api/messaging/search') {
      asked.push(url.searchParams);
      return answer(url.searchParams);
    }
    return base(input, init);
  };
  return asked;
}

/** the search box, once the signed-in app has loaded */
const box = () => screen.findByTestId('message-search-input', {}, { timeout: 5000 });

afterEach(() => {
  window.location.hash = '#/';
});

describe('message search box', () => {
  it('shows hits grouped by chat with the matched word marked, and opens the chat at the hit', async () => {
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    const bob = server.addUser('Bob Marley');
    const chat = server.addConversation([ada.id, bob.id]);
    const asked = withSearch(server, () =>
      json(200, {
        items: [
          {
            conversationId: chat.id,
            messageId: 'm7',
            seq: 7,
            senderId: bob.id,
            sentAt: '2026-11-20T09:00:00.000Z',
            text: 'See you in Zürich',
            highlights: [{ start: 11, end: 17 }],
          },
        ],
        nextCursor: null,
      }),
    );
    await signedIn(server, ada.id);

    fireEvent.change(await box(), { target: { value: 'zur' } });

    const hit = await screen.findByTestId('search-hit');
    expect(within(hit).getByTestId('search-mark').textContent).toBe('Zürich');
    expect(screen.getByTestId('search-group').textContent).toContain('Bob Marley');
    expect(asked.map((q) => q.get('q'))).toEqual(['zur']);
    fireEvent.click(hit);
    await waitFor(() => expect(window.location.hash).toBe(`#/c/${chat.id}/m/7`));
  });

  it('says "No messages match" when nothing does, and the list is back when cleared', async () => {
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    const bob = server.addUser('Bob Marley');
    server.addConversation([ada.id, bob.id]);
    withSearch(server, () => json(200, { items: [], nextCursor: null }));
    await signedIn(server, ada.id);
    await screen.findAllByTestId('conversation-row');

    fireEvent.change(await box(), { target: { value: 'nothing here' } });

    expect((await screen.findByTestId('search-empty')).textContent).toContain('No messages match');
    expect(screen.queryByTestId('conversation-row')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Clear search' }));
    expect(await screen.findAllByTestId('conversation-row')).toHaveLength(1);
  });

  it('shows why a search failed, and tries again', async () => {
    const server = new FakeServer();
    const ada = server.addUser('Ada Lovelace');
    let refuse = true;
    withSearch(server, () =>
      refuse ? error(429, 'rate_limited', 'You are searching too often.') : json(200, { items: [], nextCursor: null }),
    );
    await signedIn(server, ada.id);

    fireEvent.change(await box(), { target: { value: 'zurich' } });

    expect((await screen.findByTestId('search-error')).textContent).toContain('searching too often');
    refuse = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('search-empty')).toBeTruthy();
  });
});

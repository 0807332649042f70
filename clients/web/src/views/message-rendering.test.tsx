import { ConversationRead } from '@parley/events/messaging';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '../lib/i18n.ts';
import { eventFrame, FakeServer } from '../test/fake-server.ts';
import { signedIn } from '../test/signed-in.tsx';

/** Ada signed in with her chat with Bob open, after `given` wrote its history. */
async function chatWith(given: (server: FakeServer, ids: { ada: string; bob: string; chat: string }) => void) {
  const server = new FakeServer();
  const ada = server.addUser('Ada Lovelace');
  const bob = server.addUser('Bob Marley');
  const chat = server.addConversation([ada.id, bob.id]);
  given(server, { ada: ada.id, bob: bob.id, chat: chat.id });
  const session = await signedIn(server, ada.id, `#/c/${chat.id}`);
  const list = await screen.findByTestId('messages');
  await waitFor(() => expect(within(list).getAllByTestId('message').length).toBeGreaterThan(0));
  return { ...session, server, list, ada: ada.id, bob: bob.id, chat: chat.id };
}

const bubble = (list: HTMLElement, text: string) =>
  within(list)
    .getAllByTestId('message')
    .find((m) => m.textContent?.includes(text)) as HTMLElement;

/** Tailwind's display sizes: text-3xl (1.875rem) and up, or an arbitrary text-[…rem]. */
const LARGE_TEXT = /(^|\s)(text-(3xl|4xl|5xl|6xl)|text-\[\d+(\.\d+)?rem\])(\s|$)/;
/** A height cap (max-h-…) or a line clamp (line-clamp-…). */
const CAPPED_HEIGHT = /(^|\s)(max-h-\S+|line-clamp-\d+)(\s|$)/;

describe('how a message is shown', () => {
  beforeEach(() => setLocale('en'));

  it('links URLs safely and formats *bold*, _italic_, `code`, blocks and lists, as elements only', async () => {
    // Given Bob wrote links, a javascript: URL, HTML and WhatsApp-style marks
    const { list } = await chatWith((s, { chat, bob }) => {
      s.post(chat, bob, 'Read https://parley.example/docs. Not javascript:alert(1) <img src=x onerror=alert(1)>');
      s.post(chat, bob, '*Plan* for _today_: `npm start`\n- buy coffee\n- ship it\n```\nconst a = 1;\n```');
    });

    // Then the URL is a link that opens apart from Parley, without the page's opener
    const link = within(list).getByRole('link', { name: 'https://parley.example/docs' });
    expect(link.getAttribute('href')).toBe('https://parley.example/docs');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    // And the javascript: URL and the HTML stay text
    const first = bubble(list, 'Read');
    expect(within(first).getAllByRole('link')).toHaveLength(1);
    expect(first.querySelector('img')).toBeNull();
    expect(within(first).getByTestId('message-text').textContent).toContain('<img src=x onerror=alert(1)>');

    // And the marks are elements
    const second = bubble(list, 'Plan');
    expect(second.querySelector('strong')?.textContent).toBe('Plan');
    expect(second.querySelector('em')?.textContent).toBe('today');
    expect(second.querySelector('p code')?.textContent).toBe('npm start');
    expect([...second.querySelectorAll('ul li')].map((li) => li.textContent)).toEqual(['buy coffee', 'ship it']);
    expect(second.querySelector('pre')?.textContent).toBe('const a = 1;');
  });

  it('shows a few emoji alone large, and folds a long message behind Show more', async () => {
    const long = Array.from({ length: 30 }, (_, i) => `Line ${i + 1}`).join('\n');
    const { list } = await chatWith((s, { chat, bob }) => {
      s.post(chat, bob, '🎉🙏');
      s.post(chat, bob, long);
    });

    // Then the emoji are shown large: a display font size (Tailwind's text-3xl and up), which a
    // message of words does not get (jsdom runs no Tailwind, so the classes are what can be read)
    const emoji = within(bubble(list, '🎉🙏')).getByTestId('message-text');
    expect(emoji.dataset.emojiOnly).toBe('true');
    expect(emoji.className).toMatch(LARGE_TEXT);
    const words = within(bubble(list, 'Line 30')).getByTestId('message-text');
    expect(words.className).not.toMatch(LARGE_TEXT);

    // And the long text is folded until Show more: its height capped, the rest hidden
    const text = within(bubble(list, 'Line 30')).getByTestId('message-text');
    expect(text.dataset.folded).toBe('true');
    expect(text.className).toMatch(CAPPED_HEIGHT);
    expect(text.classList).toContain('overflow-hidden');
    const more = within(bubble(list, 'Line 30')).getByRole('button', { name: 'Show more' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(more.getAttribute('aria-controls')).toBe(text.id);
    // When Show more is clicked, the whole text shows
    fireEvent.click(more);
    expect(text.dataset.folded).toBeUndefined();
    expect(text.className).not.toMatch(CAPPED_HEIGHT);
    expect(text.classList).not.toContain('overflow-hidden');
    expect(more.getAttribute('aria-expanded')).toBe('true');
    expect(more.textContent).toBe('Show less');
    // And Show less folds it again
    fireEvent.click(more);
    expect(text.className).toMatch(CAPPED_HEIGHT);
    expect(more.textContent).toBe('Show more');
  });

  it('shows ✓✓ on every message of mine Bob has read, and ✓ on the newer ones', async () => {
    // Given three messages of Ada's
    const { list, push, chat, bob } = await chatWith((s, { chat, ada }) => {
      for (const n of [1, 2, 3]) s.post(chat, ada, `Mine #${n}`);
    });

    // When Bob has read up to the second
    await push(
      eventFrame(ConversationRead, { conversationId: chat, userId: bob, seq: 2, readAt: new Date().toISOString() }),
    );

    // Then the first two show read and the third only sent
    await waitFor(() => expect(within(bubble(list, 'Mine #2')).queryByTestId('tick-read')).toBeTruthy());
    expect(within(bubble(list, 'Mine #1')).getByRole('img', { name: 'Read' })).toBeTruthy();
    expect(within(bubble(list, 'Mine #3')).getByRole('img', { name: 'Sent' })).toBeTruthy();
  });

  it('opens the actions with a long-press, and from the keyboard with the context-menu key', async () => {
    const { list } = await chatWith((s, { chat, ada, bob }) => {
      s.post(chat, bob, 'Hello from Bob');
      s.post(chat, ada, 'Hello from Ada');
    });

    // When Ada's finger rests on Bob's message for a short moment only, nothing opens
    const theirs = within(bubble(list, 'Hello from Bob')).getByTestId('message-bubble');
    fireEvent.pointerDown(theirs, { pointerType: 'touch', clientX: 10, clientY: 10 });
    fireEvent.pointerUp(theirs, { pointerType: 'touch' });
    await act(() => new Promise((resolve) => setTimeout(resolve, 600)));
    expect(screen.queryByTestId('message-menu')).toBeNull();

    // When it rests there for half a second
    fireEvent.pointerDown(theirs, { pointerType: 'touch', clientX: 10, clientY: 10 });
    const menu = await screen.findByTestId('message-menu', {}, { timeout: 1_500 });

    // Then the menu offers reacting, replying and copying, but not editing someone else's message
    expect(within(menu).getByRole('menuitem', { name: '👍' })).toBeTruthy();
    expect(within(menu).getByRole('menuitem', { name: 'Reply' })).toBeTruthy();
    expect(within(menu).getByRole('menuitem', { name: 'Copy text' })).toBeTruthy();
    expect(within(menu).queryByRole('menuitem', { name: 'Edit' })).toBeNull();
    fireEvent.keyDown(menu, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('message-menu')).toBeNull());

    // When Ada focuses her own message and presses the context-menu key
    const mine = bubble(list, 'Hello from Ada');
    mine.focus();
    expect(document.activeElement).toBe(mine);
    fireEvent.keyDown(mine, { key: 'ContextMenu' });

    // Then her menu has Edit and Delete too
    const own = await screen.findByTestId('message-menu');
    expect(within(own).getByRole('menuitem', { name: 'Edit' })).toBeTruthy();
    expect(within(own).getByRole('menuitem', { name: 'Delete' })).toBeTruthy();
  });

  it('deletes only after Delete is confirmed', async () => {
    const { list, server, chat } = await chatWith((s, { chat, ada }) => {
      s.post(chat, ada, 'Oops, wrong chat');
    });
    const stored = () => server.conversations.get(chat)?.messages[0];
    const openDelete = async () => {
      fireEvent.keyDown(bubble(list, 'Oops, wrong chat'), { key: 'F10', shiftKey: true });
      fireEvent.click(within(await screen.findByTestId('message-menu')).getByRole('menuitem', { name: 'Delete' }));
      return screen.findByRole('alertdialog');
    };

    // When Ada chooses Delete, then cancels
    const dialog = await openDelete();
    expect(dialog.textContent).toContain('Delete this message?');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());

    // Then nothing was deleted
    expect(stored()?.deleted).toBe(false);

    // When she chooses Delete and confirms
    fireEvent.click(within(await openDelete()).getByTestId('confirm-delete-message'));

    // Then the message is deleted and its tombstone shows
    await waitFor(() => expect(stored()?.deleted).toBe(true));
    expect(await within(list).findByText('This message was deleted.')).toBeTruthy();
  });
});

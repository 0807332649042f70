import { act, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../lib/i18n.ts';
import { FakeServer } from '../test/fake-server.ts';
import { signedIn } from '../test/signed-in.tsx';

// Two cores shared by many test runs: give the fake backend's round trips time.
configure({ asyncUtilTimeout: 5_000 });

function people() {
  const server = new FakeServer();
  const ada = server.addUser('Ada Lovelace');
  const bob = server.addUser('Bob Marley');
  const chat = server.addConversation([ada.id, bob.id]);
  return { server, ada: ada.id, bob: bob.id, chat: chat.id };
}

/** jsdom lays nothing out: give the list a size and a scroll position, as a browser would. */
function layOut(el: HTMLElement, box: { scrollHeight: number; clientHeight: number; scrollTop: number }) {
  let top = box.scrollTop;
  Object.defineProperty(el, 'scrollHeight', { configurable: true, get: () => box.scrollHeight });
  Object.defineProperty(el, 'clientHeight', { configurable: true, get: () => box.clientHeight });
  Object.defineProperty(el, 'scrollTop', {
    configurable: true,
    get: () => top,
    set: (v: number) => {
      top = Math.max(0, Math.min(v, box.scrollHeight - box.clientHeight));
    },
  });
  return { top: () => top };
}

/** A text among the open chat's messages (the list's preview says it too). */
const inChat = async (text: string) => within(await screen.findByTestId('messages')).findByText(text);

const messageWith = (text: string) =>
  within(screen.getByTestId('messages'))
    .getAllByTestId('message')
    .find((m) => m.textContent?.includes(text)) as HTMLElement;

describe('reading a chat', { timeout: 20_000 }, () => {
  beforeEach(() => setLocale('en'));

  it('opens a chat with unread messages on an "N unread messages" line above the first one', async () => {
    // Given Ada read Bob's first two messages, then Bob wrote three more
    const { server, ada, bob, chat } = people();
    server.post(chat, bob, 'one');
    server.post(chat, bob, 'two');
    server.conversations.get(chat)?.reads.set(ada, 2);
    for (const text of ['three', 'four', 'five']) server.post(chat, bob, text);
    await signedIn(server, ada, '#/');
    await screen.findByTestId('unread-badge');

    // When she opens it
    fireEvent.click(screen.getByTestId('conversation-row'));

    // Then the line says 3 and sits right above "three", and stays there once the chat is read
    const line = await screen.findByTestId('unread-divider');
    expect(line.textContent).toBe('3 unread messages');
    expect(line.nextElementSibling?.textContent).toContain('three');
    await waitFor(() => expect(server.conversations.get(chat)?.reads.get(ada)).toBe(5));
    expect(screen.getByTestId('unread-divider').textContent).toBe('3 unread messages');
  });

  it('shows no line for a chat with nothing unread', async () => {
    const { server, ada, bob, chat } = people();
    server.post(chat, bob, 'old news');
    server.conversations.get(chat)?.reads.set(ada, 1);
    await signedIn(server, ada, `#/c/${chat}`);
    await inChat('old news');
    expect(screen.queryByTestId('unread-divider')).toBeNull();
  });

  it('scrolled up, new messages show a "N new messages" button that goes down to them', async () => {
    // Given Ada in her chat with Bob, scrolled up into the history
    const { server, ada, bob, chat } = people();
    for (let i = 1; i <= 5; i += 1) server.post(chat, i % 2 ? bob : ada, `history ${i}`);
    server.conversations.get(chat)?.reads.set(ada, 5);
    const { push } = await signedIn(server, ada, `#/c/${chat}`);
    await inChat('history 5');
    const list = screen.getByTestId('message-list');
    const scroll = layOut(list, { scrollHeight: 2000, clientHeight: 500, scrollTop: 300 });
    fireEvent.scroll(list);
    expect(screen.queryByTestId('new-messages-button')).toBeNull();

    // When Bob writes twice, and Ada once from her phone
    await push(server.sentFrame(server.post(chat, bob, 'news 1').message));
    await push(server.sentFrame(server.post(chat, ada, 'from my phone').message));
    await push(server.sentFrame(server.post(chat, bob, 'news 2').message));

    // Then the button counts Bob's two, and the list stays where she reads
    const button = await screen.findByTestId('new-messages-button');
    expect(button.textContent).toContain('2 new messages');
    expect(scroll.top()).toBe(300);

    // When she clicks it, the list is at the bottom and the button is gone
    fireEvent.click(button);
    expect(scroll.top()).toBe(1500);
    expect(screen.queryByTestId('new-messages-button')).toBeNull();
  });

  it('follows new messages at the bottom without a button', async () => {
    const { server, ada, bob, chat } = people();
    server.post(chat, bob, 'hello');
    const { push } = await signedIn(server, ada, `#/c/${chat}`);
    await inChat('hello');
    const list = screen.getByTestId('message-list');
    layOut(list, { scrollHeight: 2000, clientHeight: 500, scrollTop: 1500 });
    fireEvent.scroll(list);
    await push(server.sentFrame(server.post(chat, bob, 'and again').message));
    await inChat('and again');
    expect(screen.queryByTestId('new-messages-button')).toBeNull();
  });

  it("a reply's quote loads older pages until the original is there, and highlights it", async () => {
    // Given 70 messages, the last a reply to the first (not in the newest page of 50; jsdom, laying
    // nothing out, may already have loaded the rest to fill the screen: e2e covers the paging)
    const { server, ada, bob, chat } = people();
    const first = server.post(chat, bob, 'the very first').message;
    for (let i = 2; i < 70; i += 1) server.post(chat, bob, `filler ${i}`);
    const reply = server.post(chat, ada, 'answering the first').message;
    Object.assign(reply, {
      replyTo: { messageId: first.id, seq: first.seq, senderId: bob, preview: 'the very first' },
    });
    await signedIn(server, ada, `#/c/${chat}`);
    await inChat('answering the first');

    // When Ada clicks the quote
    fireEvent.click(within(messageWith('answering the first')).getByTestId('reply-quote'));

    // Then the original was fetched by beforeSeq, is shown highlighted and has the focus
    await waitFor(() =>
      expect(document.querySelector('[data-seq="1"]')?.getAttribute('data-highlighted')).toBe('true'),
    );
    const original = document.querySelector('[data-seq="1"]') as HTMLElement;
    expect(document.activeElement).toBe(original);
    expect(server.calls.some((c) => c.path.endsWith('/messages') && c.query.get('beforeSeq') === '21')).toBe(true);
    // And the highlight fades
    await waitFor(() => expect(original.getAttribute('data-highlighted')).toBeNull());
  });

  it('a route with a seq brings that message into view, highlights it, then forgets the seq', async () => {
    const { server, ada, bob, chat } = people();
    for (let i = 1; i <= 60; i += 1) server.post(chat, bob, `note ${i}`);
    await signedIn(server, ada, `#/c/${chat}/m/4`);
    await waitFor(() =>
      expect(document.querySelector('[data-seq="4"]')?.getAttribute('data-highlighted')).toBe('true'),
    );
    await waitFor(() => expect(window.location.hash).toBe(`#/c/${chat}`));
  });

  it('says when the message is no longer there', async () => {
    const { server, ada, bob, chat } = people();
    server.post(chat, bob, 'only one');
    await signedIn(server, ada, `#/c/${chat}/m/99`);
    expect((await screen.findByTestId('jump-status')).textContent).toBe('That message is no longer in this chat.');
  });

  it('announces messages from others politely, never mine, and moves the focus into the chat', async () => {
    const { server, ada, bob, chat } = people();
    server.post(chat, bob, 'earlier');
    const { push } = await signedIn(server, ada, `#/c/${chat}`);
    await inChat('earlier');
    const region = screen.getByTestId('incoming-announcer');
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.textContent).toBe('');
    expect(document.activeElement).toBe(screen.getByTestId('composer'));

    await push(server.sentFrame(server.post(chat, ada, 'mine, from my phone').message));
    expect(region.textContent).toBe('');
    await push(server.sentFrame(server.post(chat, bob, 'see you at 9').message));
    await waitFor(() => expect(region.textContent).toBe('Bob Marley: see you at 9'));
  });

  it('puts the unread count in the tab title', async () => {
    const { server, ada, bob, chat } = people();
    server.post(chat, bob, 'one');
    server.post(chat, bob, 'two');
    // (the route store outlives a test: leave the last test's chat before signing in)
    window.location.hash = '#/people';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    const { push } = await signedIn(server, ada, '#/people');
    await waitFor(() => expect(document.title).toBe('(2) Parley'));
    await push(server.sentFrame(server.post(chat, bob, 'three').message));
    await waitFor(() => expect(document.title).toBe('(3) Parley'));
    await act(async () => {
      window.location.hash = `#/c/${chat}`;
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await waitFor(() => expect(document.title).toBe('Parley'));
  });

  it('draws the unread count over the favicon, and puts the plain icon back at 0', async () => {
    // Given the page's icon, and a canvas (jsdom has none) that records the count it was drawn with
    const icon = document.createElement('link');
    icon.rel = 'icon';
    icon.type = 'image/svg+xml';
    icon.href = '/favicon.svg';
    document.head.append(icon);
    let drawn = '';
    const ctx = {
      clearRect: () => {},
      drawImage: () => {},
      beginPath: () => {},
      arc: () => {},
      fill: () => {},
      fillText: (text: string) => {
        drawn = text;
      },
    };
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(
      () => ctx as unknown as CanvasRenderingContext2D,
    );
    vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockImplementation(() => `data:image/png;base64,badge-${drawn}`);
    try {
      const { server, ada, bob, chat } = people();
      server.post(chat, bob, 'one');
      server.post(chat, bob, 'two');
      window.location.hash = '#/people';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      const { push } = await signedIn(server, ada, '#/people');

      // Then the favicon carries 2, then 3 when Bob writes again
      await waitFor(() => expect(icon.getAttribute('href')).toBe('data:image/png;base64,badge-2'));
      expect(icon.getAttribute('type')).toBe('image/png');
      await push(server.sentFrame(server.post(chat, bob, 'three').message));
      await waitFor(() => expect(icon.getAttribute('href')).toBe('data:image/png;base64,badge-3'));

      // And reading the chat puts the plain icon back
      await act(async () => {
        window.location.hash = `#/c/${chat}`;
        window.dispatchEvent(new HashChangeEvent('hashchange'));
      });
      await waitFor(() => expect(icon.getAttribute('href')).toBe('/favicon.svg'));
      expect(icon.getAttribute('type')).toBe('image/svg+xml');
    } finally {
      icon.remove();
    }
  });

  it('a skip link jumps past the navigation into the conversation', async () => {
    const { server, ada, bob, chat } = people();
    server.post(chat, bob, 'hi');
    await signedIn(server, ada, `#/c/${chat}`);
    await inChat('hi');
    (document.activeElement as HTMLElement | null)?.blur();
    const skip = screen.getByRole('link', { name: 'Skip to conversation' });
    fireEvent.click(skip);
    expect(document.activeElement).toBe(screen.getByTestId('composer'));
  });
});

describe('dialogs and the focus', { timeout: 20_000 }, () => {
  beforeEach(() => setLocale('en'));

  it('closing a dialog opened from state puts the focus back on the button that opened it', async () => {
    const { server, ada } = people();
    window.location.hash = '#/';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await signedIn(server, ada, '#/');
    const opener = await screen.findByRole('button', { name: 'New chat' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = await screen.findByRole('dialog');
    expect(dialog.contains(document.activeElement)).toBe(true);
    fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });
});

describe('asking to notify', { timeout: 20_000 }, () => {
  beforeEach(() => setLocale('en'));

  it('asks the browser once, after the first message I send, not on load', async () => {
    // Given a browser that has not been asked yet (jsdom has no Notification: the browser's API, as it behaves)
    let prompts = 0;
    const browserNotification = Object.assign(function Notification() {}, {
      permission: 'default' as NotificationPermission,
      requestPermission: async () => {
        prompts += 1;
        return 'default' as NotificationPermission;
      },
    });
    Object.defineProperty(window, 'Notification', { configurable: true, value: browserNotification });
    try {
      const { server, ada, chat } = people();
      await signedIn(server, ada, `#/c/${chat}`);
      const composer = (await screen.findByTestId('composer')) as HTMLTextAreaElement;
      expect(prompts).toBe(0);

      // When Ada sends her first message, then a second
      fireEvent.change(composer, { target: { value: 'first' } });
      fireEvent.keyDown(composer, { key: 'Enter' });
      await waitFor(() => expect(prompts).toBe(1));
      fireEvent.change(composer, { target: { value: 'second' } });
      fireEvent.keyDown(composer, { key: 'Enter' });
      await waitFor(() => expect(server.conversations.get(chat)?.messages).toHaveLength(2));

      // Then the browser was asked once (a dismissed prompt is not asked again)
      expect(prompts).toBe(1);
    } finally {
      Reflect.deleteProperty(window, 'Notification');
    }
  });
});

describe('the composer near the limit', { timeout: 20_000 }, () => {
  beforeEach(() => setLocale('en'));

  it('counts from 3,500 characters, turns red over 4,000 and will not send', async () => {
    const { server, ada, chat } = people();
    await signedIn(server, ada, `#/c/${chat}`);
    const composer = (await screen.findByTestId('composer')) as HTMLTextAreaElement;
    const send = () => screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement;

    fireEvent.change(composer, { target: { value: 'a'.repeat(3499) } });
    expect(screen.queryByTestId('char-count')).toBeNull();

    fireEvent.change(composer, { target: { value: 'a'.repeat(3500) } });
    expect(screen.getByTestId('char-count').textContent).toContain('3,500 / 4,000');
    expect(screen.getByTestId('char-count').dataset.over).toBeUndefined();
    expect(send().disabled).toBe(false);

    fireEvent.change(composer, { target: { value: 'a'.repeat(4001) } });
    expect(screen.getByTestId('char-count').dataset.over).toBe('true');
    expect(screen.getByTestId('char-count').textContent).toContain('1 character too many');
    expect(screen.getByTestId('char-count').textContent).not.toContain('characters too many');
    expect(send().disabled).toBe(true);
    fireEvent.keyDown(composer, { key: 'Enter' });
    expect(server.conversations.get(chat)?.messages).toHaveLength(0);
    fireEvent.change(composer, { target: { value: 'a'.repeat(4002) } });
    expect(screen.getByTestId('char-count').textContent).toContain('2 characters too many');
  });

  it('says "1 character" and "2 characters", left and too many, in English and Spanish', async () => {
    const { server, ada, chat } = people();
    await signedIn(server, ada, `#/c/${chat}`);
    const composer = (await screen.findByTestId('composer')) as HTMLTextAreaElement;
    const count = () => screen.getByTestId('char-count').textContent;
    const type = (length: number) => fireEvent.change(composer, { target: { value: 'a'.repeat(length) } });

    type(3999);
    expect(count()).toContain('1 character left');
    expect(count()).not.toContain('characters left');
    type(3998);
    expect(count()).toContain('2 characters left');

    act(() => setLocale('es'));
    type(3999);
    expect(count()).toContain('Queda 1 carácter');
    type(4001);
    expect(count()).toContain('1 carácter de más');
    type(4002);
    expect(count()).toContain('2 caracteres de más');
  });
});

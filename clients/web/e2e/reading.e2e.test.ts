import type {} from '@parley/testing/devstack-info';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildWebIfStale } from '../build-if-stale.ts';
import {
  axeViolations,
  launch,
  newPage,
  type Person,
  person,
  phoneScreenshot,
  SLOW,
  screenshot,
  signUp,
} from './support.ts';

const { url } = inject('devstack');
const poll = { timeout: SLOW, interval: 250 };

/** The page size the client reads history in (`PAGE_SIZE` in src/lib/conversation-sync.ts). */
const PAGE_SIZE = 50;

interface Recorded {
  __notes: { title: string; body?: string }[];
  __setHidden: (hidden: boolean) => void;
}

/**
 * Before any page script: the tab can be made hidden on cue (`document.visibilityState`, as when
 * the person switches tabs), and every Notification the app constructs is recorded on its way to
 * the browser's real one.
 */
function recordNotifications() {
  let hidden = false;
  Object.defineProperty(Document.prototype, 'visibilityState', {
    configurable: true,
    get: () => (hidden ? 'hidden' : 'visible'),
  });
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => hidden });
  const w = window as unknown as Recorded & { Notification: typeof Notification };
  w.__notes = [];
  w.__setHidden = (next: boolean) => {
    hidden = next;
    document.dispatchEvent(new Event('visibilitychange'));
  };
  const Native = window.Notification;
  w.Notification = class extends Native {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      w.__notes.push({ title, body: options?.body });
    }
  } as typeof Notification;
}

async function api(method: string, path: string, body?: unknown, token?: string) {
  for (let attempt = 0; ; attempt += 1) {
    const res = await fetch(`${url}/api${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        origin: url,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // the send limit (30 per 10 s): wait out the window
    if (res.status === 429 && attempt < 10) {
      await new Promise((r) => setTimeout(r, 2_000));
      continue;
    }
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
}

async function tokenOf(who: Person): Promise<string> {
  const login = await api('POST', '/identity/auth/login', { email: who.email, password: who.password });
  expect(login.status).toBe(200);
  return login.body.tokens.accessToken as string;
}

/** Sends as `token` through the public API, as another of that person's devices would. */
async function send(token: string, conversationId: string, text: string, replyToId?: string) {
  const res = await api(
    'POST',
    `/messaging/conversations/${encodeURIComponent(conversationId)}/messages`,
    { clientMessageId: crypto.randomUUID(), text, ...(replyToId ? { replyToId } : {}) },
    token,
  );
  expect(res.status).toBe(201);
  return res.body.message as { id?: string; messageId?: string; seq: number };
}

const scrollerGap = (page: Page) =>
  page.getByTestId('message-list').evaluate((el) => Math.round(el.scrollHeight - el.scrollTop - el.clientHeight));

const inView = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const list = document.querySelector('[data-testid="message-list"]') as HTMLElement;
    const box = el.getBoundingClientRect();
    const frame = list.getBoundingClientRect();
    return box.bottom > frame.top && box.top < frame.bottom;
  });

describe('reading a chat in Chromium', () => {
  let browser: Browser;
  const ada = person('Ada');
  const bob = person('Bob');
  let a: Page;
  let b: Page;
  let adaContext: BrowserContext;
  let conversationId: string;
  let bobToken: string;
  let hello: { id?: string; messageId?: string; seq: number };

  beforeAll(async () => {
    await buildWebIfStale();
    browser = await launch();
    const first = await newPage(browser, url);
    adaContext = first.context;
    a = first.page;
    await adaContext.grantPermissions(['notifications'], { origin: url });
    await adaContext.addInitScript(recordNotifications);
    b = (await newPage(browser, url)).page;
    await signUp(a, ada);
    await signUp(b, bob);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('opens a chat with unread messages at an "N unread messages" line; the title counts them', {
    timeout: 300_000,
  }, async () => {
    // Given Ada writes to Bob, and Bob accepts
    await a.getByTestId('nav-people').click();
    await a.getByTestId('directory-search').fill(bob.name);
    await a.getByRole('button', { name: `Message: ${bob.name}` }).click();
    await a.getByTestId('composer').fill('Hola Bob, a question about the launch');
    await a.getByTestId('composer').press('Enter');
    await a.locator('[data-testid="message"][data-state="sent"]').first().waitFor();
    conversationId = decodeURIComponent(/#\/c\/([^/]+)/.exec(a.url())?.[1] ?? '');
    expect(conversationId).not.toBe('');
    await b.getByTestId('conversation-row').first().click();
    await b.getByTestId('request-banner').getByRole('button', { name: 'Accept' }).click();
    await b.getByTestId('request-banner').waitFor({ state: 'detached' });

    // When Ada looks at People while Bob writes more than a page of history, then answers her first message
    await a.getByTestId('nav-people').click();
    bobToken = await tokenOf(bob);
    const listed = await api(
      'GET',
      `/messaging/conversations/${encodeURIComponent(conversationId)}/messages?afterSeq=0&limit=1`,
      undefined,
      bobToken,
    );
    hello = listed.body.items[0];
    const count = PAGE_SIZE + 5;
    for (let i = 1; i <= count; i += 1) await send(bobToken, conversationId, `Launch note ${i}`);
    await send(bobToken, conversationId, 'About your question: yes, Thursday', hello.id ?? hello.messageId);

    // Then the tab's title carries the unread count
    await expect.poll(() => a.title(), poll).toBe(`(${count + 1}) Parley`);

    // When she opens the chat
    await a.getByTestId('nav-chats').click();
    await a.getByTestId('conversation-row').first().click();

    // Then the unread line says how many, and is on screen; the title loses its count
    const line = a.getByTestId('unread-divider');
    await line.waitFor();
    expect(await line.textContent()).toBe(`${count + 1} unread messages`);
    await expect.poll(() => inView(a, '[data-testid="unread-divider"]'), poll).toBe(true);
    await expect.poll(() => a.title(), poll).toBe('Parley');
    expect(await axeViolations(a)).toEqual([]);
    await screenshot(a, 'unread-divider-desktop');
    await phoneScreenshot(a, 'unread-divider', () => line.scrollIntoViewIfNeeded());
  });

  it("a reply's quote brings the original into view from older pages, highlighted", { timeout: 240_000 }, async () => {
    // Given Ada's chat reloaded: only the newest page is loaded, and she is at the bottom
    await a.reload();
    const reply = a.getByTestId('message').filter({ hasText: 'About your question: yes, Thursday' });
    await reply.waitFor();
    expect(await a.locator(`[data-testid="message"][data-seq="${hello.seq}"]`).count()).toBe(0);
    const older: string[] = [];
    a.on('request', (r) => {
      if (r.url().includes('/messages?') && r.url().includes('beforeSeq=')) older.push(r.url());
    });

    // When she clicks the quote in Bob's reply
    await reply.getByTestId('reply-quote').click();

    // Then older pages were read, and her first message is on screen, highlighted
    const original = a.locator(`[data-testid="message"][data-seq="${hello.seq}"]`);
    await expect.poll(() => original.getAttribute('data-highlighted'), poll).toBe('true');
    expect(await original.textContent()).toContain('Hola Bob, a question about the launch');
    await expect.poll(() => inView(a, `[data-testid="message"][data-seq="${hello.seq}"]`), poll).toBe(true);
    expect(older.length).toBeGreaterThan(0);
    await screenshot(a, 'reply-jump-desktop');

    // And a link to a message (#/c/<id>/m/<seq>) does the same, then leaves the plain chat route
    await a.getByTestId('message-list').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await a.evaluate(
      ([id, seq]) => {
        window.location.hash = `#/c/${encodeURIComponent(id as string)}/m/${seq}`;
      },
      [conversationId, hello.seq] as const,
    );
    await expect.poll(() => original.getAttribute('data-highlighted'), poll).toBe('true');
    await expect.poll(() => new URL(a.url()).hash, poll).toBe(`#/c/${encodeURIComponent(conversationId)}`);
  });

  it('scrolled up, Bob’s new messages show "N new messages ↓", which goes down to them', {
    timeout: 240_000,
  }, async () => {
    // Given Ada reads further up
    await a.getByTestId('message-list').evaluate((el) => {
      el.scrollTop = Math.round(el.scrollHeight / 2);
    });
    await expect.poll(() => scrollerGap(a), poll).toBeGreaterThan(200);

    // When Bob writes twice from his browser
    for (const text of ['Also: bring the slides', 'And the adapter']) {
      await b.getByTestId('composer').fill(text);
      await b.getByTestId('composer').press('Enter');
      await b.locator('[data-testid="message"][data-state="sent"]', { hasText: text }).waitFor();
    }

    // Then a button says so, and she is still where she was reading
    const button = a.getByTestId('new-messages-button');
    await expect.poll(() => button.textContent(), poll).toContain('2 new messages');
    expect(await scrollerGap(a)).toBeGreaterThan(200);
    expect(await axeViolations(a)).toEqual([]);
    await screenshot(a, 'new-messages-desktop');
    await phoneScreenshot(a, 'new-messages', () => button.waitFor());

    // When she clicks it, the list is at the newest message and the button is gone
    await button.click();
    await expect.poll(() => scrollerGap(a), poll).toBeLessThan(20);
    await button.waitFor({ state: 'detached' });
  });

  it('notifies of a new message while the tab is hidden, with the sender and the text', {
    timeout: 240_000,
  }, async () => {
    // Given Ada's tab is in the background (notifications granted by the browser)
    expect(await a.evaluate(() => Notification.permission)).toBe('granted');
    await a.evaluate(() => (window as unknown as Recorded).__setHidden(true));

    // When Bob writes
    await b.getByTestId('composer').fill('Are you there?');
    await b.getByTestId('composer').press('Enter');

    // Then a notification was shown with his name and the text
    await expect
      .poll(() => a.evaluate(() => (window as unknown as Recorded).__notes), poll)
      .toContainEqual({ title: bob.name, body: 'Are you there?' });

    // And her own message, sent from another device while hidden, does not notify
    const adaToken = await tokenOf(ada);
    await send(adaToken, conversationId, 'Sent from my phone');
    await a.getByTestId('messages').getByText('Sent from my phone').waitFor();
    const notes = await a.evaluate(() => (window as unknown as Recorded).__notes);
    expect(notes.filter((n) => n.body === 'Sent from my phone')).toEqual([]);
    await a.evaluate(() => (window as unknown as Recorded).__setHidden(false));
  });
});

import { describe, expect, it } from 'vitest';
import { askForNotifications, shouldNotify, startMessageNotifications } from './browser-notifications.ts';
import type { ConversationsState } from './conversation-sync.ts';
import type { Conversation, LastMessage } from './model.ts';
import { createStore } from './store.ts';

/** The browser's Notification API as a test sets it up: a permission, a prompt's answer, the notes shown. */
function browser(permission: NotificationPermission, answer: NotificationPermission = 'granted') {
  const shown: { title: string; options?: NotificationOptions; closed: boolean; onclick?: () => void }[] = [];
  let prompts = 0;
  class FakeNotification {
    static permission = permission;
    static async requestPermission() {
      prompts += 1;
      FakeNotification.permission = answer;
      return answer;
    }
    onclick: (() => void) | null = null;
    private readonly entry: (typeof shown)[number];
    constructor(title: string, options?: NotificationOptions) {
      this.entry = { title, options, closed: false };
      shown.push(this.entry);
      // the app sets onclick after construction: read it when clicked
      Object.defineProperty(this.entry, 'onclick', { get: () => this.onclick ?? undefined });
    }
    close() {
      this.entry.closed = true;
    }
  }
  let visibility: DocumentVisibilityState = 'hidden';
  const doc = Object.defineProperty(new EventTarget(), 'visibilityState', { get: () => visibility });
  const focused: number[] = [];
  const win = {
    Notification: FakeNotification,
    document: doc,
    localStorage,
    focus: () => focused.push(1),
  } as unknown as Window;
  return {
    win,
    shown,
    focused,
    prompts: () => prompts,
    setVisible: (v: DocumentVisibilityState) => {
      visibility = v;
      doc.dispatchEvent(new Event('visibilitychange'));
    },
  };
}

const last = (seq: number, senderId: string, preview = `hello ${seq}`): LastMessage => ({
  seq,
  senderId,
  preview,
  sentAt: '2026-12-01T10:00:00.000Z',
});

const conversation = (id: string, lastMessage?: LastMessage, extra: Partial<Conversation> = {}): Conversation => ({
  id,
  kind: 'direct',
  memberIds: ['ada', 'bob'],
  lastSeq: lastMessage?.seq ?? 0,
  lastMessage,
  unreadCount: 0,
  readSeqs: {},
  activityAt: '2026-12-01T10:00:00.000Z',
  ...extra,
});

function conversationsStore(list: Conversation[]) {
  return createStore<ConversationsState>({
    listStatus: 'ready',
    conversations: Object.fromEntries(list.map((c) => [c.id, c])),
    order: list.map((c) => c.id),
    timelines: {},
    typing: {},
  });
}

function arrive(store: ReturnType<typeof conversationsStore>, id: string, message: LastMessage) {
  store.set((s) => {
    const c = s.conversations[id] as Conversation;
    return {
      ...s,
      conversations: { ...s.conversations, [id]: { ...c, lastSeq: message.seq, lastMessage: message, unreadCount: 1 } },
    };
  });
}

function notifier(b: ReturnType<typeof browser>, store: ReturnType<typeof conversationsStore>, opened: string[] = []) {
  return startMessageNotifications({
    conversations: store,
    window: b.win,
    me: 'ada',
    nameOf: (id) => ({ bob: 'Bob Marley', ada: 'Ada Lovelace' })[id],
    title: (sender) => sender,
    attachmentText: () => 'an attachment',
    open: (id) => opened.push(id),
  });
}

describe('message notifications', () => {
  it('gate: granted, hidden, from someone else, not deleted, not muted', () => {
    const c = conversation('c1');
    const ok = { permission: 'granted' as const, hidden: true, me: 'ada' };
    expect(shouldNotify(c, last(1, 'bob'), ok)).toBe(true);
    expect(shouldNotify(c, last(1, 'bob'), { ...ok, hidden: false })).toBe(false);
    expect(shouldNotify(c, last(1, 'ada'), ok)).toBe(false);
    expect(shouldNotify(c, { ...last(1, 'bob'), deleted: true }, ok)).toBe(false);
    expect(shouldNotify({ ...c, muted: true } as Conversation, last(1, 'bob'), ok)).toBe(false);
    for (const permission of ['default', 'denied', 'unsupported'] as const)
      expect(shouldNotify(c, last(1, 'bob'), { ...ok, permission })).toBe(false);
  });

  it('shows sender and text for a new message while the tab is hidden; a click focuses the tab and opens the chat', () => {
    // Given Ada's list, already there when the notifier starts (nothing old notifies)
    const b = browser('granted');
    const store = conversationsStore([conversation('c1', last(1, 'bob')), conversation('c2', last(4, 'bob'))]);
    const opened: string[] = [];
    const stop = notifier(b, store, opened);
    expect(b.shown).toEqual([]);

    // When Bob writes while the tab is hidden
    arrive(store, 'c1', last(2, 'bob', 'Are you coming?'));

    // Then one notification says who and what
    expect(b.shown).toHaveLength(1);
    expect(b.shown[0]?.title).toBe('Bob Marley');
    expect(b.shown[0]?.options).toMatchObject({ body: 'Are you coming?', tag: 'message-c1' });

    // And a formatted message reads as its words, without the marks
    arrive(store, 'c2', last(5, 'bob', '*Deadline* moved:\n- _Friday_'));
    expect(b.shown[1]?.options).toMatchObject({ body: 'Deadline moved: Friday' });

    // When Ada clicks it, the tab gets the focus and the chat opens
    b.shown[0]?.onclick?.();
    expect(b.focused).toHaveLength(1);
    expect(opened).toEqual(['c1']);
    expect(b.shown[0]?.closed).toBe(true);
    stop();
  });

  it('stays quiet for my own messages, a muted chat, a visible tab and without permission', () => {
    const b = browser('granted');
    const store = conversationsStore([
      conversation('c1', last(1, 'bob')),
      conversation('muted', last(1, 'bob'), { muted: true } as Partial<Conversation>),
    ]);
    const stop = notifier(b, store);
    arrive(store, 'c1', last(2, 'ada'));
    arrive(store, 'muted', last(2, 'bob'));
    b.setVisible('visible');
    arrive(store, 'c1', last(3, 'bob'));
    expect(b.shown).toEqual([]);
    stop();

    const denied = browser('denied');
    const other = conversationsStore([conversation('c1', last(1, 'bob'))]);
    const stopDenied = notifier(denied, other);
    arrive(other, 'c1', last(2, 'bob'));
    expect(denied.shown).toEqual([]);
    stopDenied();
  });

  it('a newer message replaces the older one, and coming back to the tab clears them', () => {
    const b = browser('granted');
    const store = conversationsStore([conversation('c1', last(1, 'bob'))]);
    const stop = notifier(b, store);
    arrive(store, 'c1', last(2, 'bob'));
    arrive(store, 'c1', last(3, 'bob'));
    expect(b.shown.map((n) => n.closed)).toEqual([true, false]);
    b.setVisible('visible');
    expect(b.shown.every((n) => n.closed)).toBe(true);
    stop();
  });
});

describe('asking for permission', () => {
  it('asks once unprompted, never again after a dismissed prompt unless asked from Settings', async () => {
    const b = browser('default', 'default');
    expect(await askForNotifications(b.win)).toBe('default');
    expect(await askForNotifications(b.win)).toBe('default');
    expect(b.prompts()).toBe(1);
    await askForNotifications(b.win, { explicit: true });
    expect(b.prompts()).toBe(2);
  });

  it('never asks after a refusal or once granted, and says when the browser has no notifications', async () => {
    const denied = browser('denied');
    expect(await askForNotifications(denied.win, { explicit: true })).toBe('denied');
    expect(denied.prompts()).toBe(0);
    const granted = browser('granted');
    expect(await askForNotifications(granted.win)).toBe('granted');
    expect(granted.prompts()).toBe(0);
    expect(await askForNotifications({ localStorage } as unknown as Window)).toBe('unsupported');
  });

  it('a yes from the prompt is what it returns', async () => {
    const b = browser('default', 'granted');
    expect(await askForNotifications(b.win)).toBe('granted');
  });
});
